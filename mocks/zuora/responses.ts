/**
 * How the simulated Zuora answers: JSON bodies, the 200-with-`success: false` envelope with 8-digit
 * reason codes (the last two digits are the category: 20 invalid value, 22 missing field,
 * 30 business rule, 40 not found, 60 internal, 70 concurrency limit...), and the 4xx/5xx bodies of
 * its API gateway. Money goes out as decimals in the currency's major unit (49.00 → 49).
 */

import type { z } from 'zod'

/** Reason codes the simulator uses; each ends in its documented category. */
export const reasonCodes = {
  invalidValue: 53100020,
  unknownField: 53100021,
  missingField: 53100022,
  invalidQuery: 53100027,
  businessRule: 53100030,
  notFound: 50000040,
  unsupportedMethod: 50000045,
  internal: 50000060,
  concurrencyLimit: 50000070,
  malformedRequest: 50000090,
  authentication: 90000011,
} as const

export type Reason = { code: number; message: string }

export const decimal = (minor: number): number => Math.round(minor) / 100

export const toMinor = (amount: number): number => Math.round(amount * 100)

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  })
}

let processCounter = 0
/** Zuora's `processId`: an id support can look up; unique enough for a simulator. */
const processId = (): string => {
  processCounter = (processCounter + 1) % 0xffffff
  return `${Date.now().toString(16).toUpperCase()}${processCounter.toString(16).toUpperCase().padStart(6, '0')}`
}

/** "HTTP 200 doesn't mean your call succeeded": a refused v1 call. */
export const failure = (reasons: Reason[], status = 200): Response =>
  json({ success: false, processId: processId(), reasons }, status)

export const fail = (code: number, message: string, status = 200): Response => failure([{ code, message }], status)

export const notFound = (what: string): Response => fail(reasonCodes.notFound, `${what} does not exist.`)

/** An object query or file refusal: a bare reasons list on a 4xx. */
export const queryError = (status: number, code: string, message: string): Response =>
  json({ reasons: [{ code, message }] }, status)

/** A request body that is not JSON, or not the object the operation takes. */
export const malformedRequest = (message = 'Malformed JSON request.'): Response =>
  fail(reasonCodes.malformedRequest, message, 400)

/** A body that is not what the operation takes: Zuora names the first field it refused. */
export function refusedBody(error: z.ZodError): Response {
  const issue = error.issues[0]
  const field = issue?.path.join('.') ?? ''
  const code = issue?.code === 'unrecognized_keys' ? reasonCodes.unknownField : reasonCodes.invalidValue
  return fail(code, `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid value'}`)
}

/** The request's JSON body as an object, or null when it is not one. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await request.json()
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** The user-visible parts of a timestamp as Zuora writes them in v1 bodies: `2024-08-13 17:55:22`. */
export const zuoraDateTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
