/**
 * Calls the simulated backend the way the app does: by endpoint name from contract.ts (so a path
 * the mock does not answer fails), with real fetch, and checks every JSON answer against the
 * contract's schema. The server itself is started by tests/setup.ts.
 */
import { expect } from 'vitest'
import type { z } from 'zod/mini'
import { endpoints, type EndpointName } from '../../src/lib/api/contract'
import { apiErrorSchema, type ApiErrorBody } from '../../src/lib/api/schemas'
import { db } from '../../mocks/db'

export const API = 'http://localhost/api'

type JsonEndpoint = {
  [N in EndpointName]: (typeof endpoints)[N]['response'] extends z.ZodMiniType ? N : never
}[EndpointName]
type Output<N extends JsonEndpoint> = z.output<Extract<(typeof endpoints)[N]['response'], z.ZodMiniType>>

export type SendOptions = {
  params?: Record<string, string>
  /** Query string parameters. */
  query?: Record<string, string>
  body?: unknown
  /** Sent as is, for malformed JSON. */
  rawBody?: string
  idempotencyKey?: string
}

export function send(name: EndpointName, options: SendOptions = {}): Promise<Response> {
  const endpoint = endpoints[name]
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(options.params?.[key] ?? 'x'))
  const headers: Record<string, string> = {}
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey
  const search = options.query ? `?${new URLSearchParams(options.query)}` : ''
  return fetch(`${API}${path}${search}`, { method: endpoint.method, headers, body })
}

/** Sends, expects `status`, and returns the body parsed by the endpoint's response schema. */
export async function ok<N extends JsonEndpoint>(name: N, options: SendOptions = {}, status = 200): Promise<Output<N>> {
  const response = await send(name, options)
  const text = await response.text()
  expect(response.status, text).toBe(status)
  const schema = endpoints[name].response as z.ZodMiniType
  return schema.parse(JSON.parse(text)) as Output<N>
}

/** Expects an error answer with this status and code, shaped as apiErrorSchema. */
export async function refused(
  response: Response | Promise<Response>,
  status: number,
  code: string,
): Promise<ApiErrorBody['error']> {
  const answer = await response
  const text = await answer.text()
  expect(answer.status, text).toBe(status)
  const { error } = apiErrorSchema.parse(JSON.parse(text))
  expect(error.code).toBe(code)
  return error
}

export const signInAs = (email: 'owner@acme.test' | 'viewer@acme.test' | 'ops@vendor.test') => db.signInAs(email)

/** A quote the owner can order: Acme from 25 to 30 seats. */
export const addFiveSeats = { items: [{ type: 'seats' as const, seats: 30 }], promoCode: null }
