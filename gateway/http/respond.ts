/**
 * Answers in the contract's shapes: JSON bodies, the error body of GatewayError, and request
 * bodies read against the contract's schemas (400 when not JSON, 422 with `fields` when a rule
 * breaks). Web Request/Response only.
 */
import type { z } from 'zod/mini'
import { fieldsFromZod, GatewayError, validationFailed } from './errors'

/** No answer of the API may be kept by a shared cache unless it says so itself (the status report). */
const privateHeaders = { 'Cache-Control': 'no-store' }

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...privateHeaders, ...headers },
  })
}

export const empty = (status: 202 | 204, headers: Record<string, string> = {}): Response =>
  new Response(null, { status, headers: { ...privateHeaders, ...headers } })

export function errorResponse(error: GatewayError): Response {
  return json(error.body, error.status, error.headers)
}

/** Bodies larger than this are refused unread: no contract body comes near it. */
export const MAX_BODY_BYTES = 64 * 1024

export async function readBody<S extends z.ZodMiniType>(request: Request, schema: S): Promise<z.output<S>> {
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > MAX_BODY_BYTES) throw new GatewayError(413, 'body_too_large', 'The request body is too large.')
  const text = await request.text()
  if (text.length > MAX_BODY_BYTES) throw new GatewayError(413, 'body_too_large', 'The request body is too large.')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new GatewayError(400, 'bad_request', 'The request body is not valid JSON.')
  }
  const result = schema.safeParse(body)
  if (!result.success) throw validationFailed(fieldsFromZod(result.error))
  return result.data
}

/** An Idempotency-Key is 1 to 200 characters (Zuora's own limit on the key it derives from it). */
const MAX_IDEMPOTENCY_KEY_LENGTH = 200

/**
 * The write's Idempotency-Key, or 400 `idempotency_key_required` saying what one key stands for
 * (`each`: "with each order", "one per payment intent").
 */
export function requireIdempotencyKey(request: Request, each: string): string {
  const key = request.headers.get('Idempotency-Key')?.trim() ?? ''
  if (key === '' || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    throw new GatewayError(
      400,
      'idempotency_key_required',
      `Send an Idempotency-Key header (1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters)${each}.`,
    )
  return key
}
