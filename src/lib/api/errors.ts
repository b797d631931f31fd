import type { Capability } from './schemas'

/**
 * Why a call failed, classified once here so that the request policy (what to retry, what counts
 * against the breaker) and the UI (what to tell the admin) never parse raw responses.
 */
export type ApiErrorKind =
  | 'http' // the server answered with an error status
  | 'timeout' // no complete answer within the time-out
  | 'network' // the request never reached the server (offline, DNS, connection refused)
  | 'invalid-response' // an answer that is not JSON or does not match the contract
  | 'circuit-open' // not sent: the provider's breaker is open (see lib/resilience)
  | 'aborted' // cancelled by the app (navigation, unmount)
  | 'copy' // the provider failed and the server answered a read from its last good copy (provider-copy.ts)

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly kind: ApiErrorKind
  readonly status: number | undefined
  readonly code: string | undefined
  /** Field path to message, from a 400/422 answer to a form. */
  readonly fields: Record<string, string> | undefined
  /** A finer cause where one code has several (402 `payment_declined`: why the card was declined). */
  readonly reason: string | undefined
  /** From a Retry-After header, in milliseconds. */
  readonly retryAfterMs: number | undefined
  readonly capability: Capability | null
  /** Kind `copy`: when the server's copy was fetched from the provider (ms since the epoch). */
  readonly copyAsOf: number | undefined
  // Private, so that it is never written out with a query's saved state (the data is saved apart).
  readonly #copyData: unknown

  constructor(
    kind: ApiErrorKind,
    message: string,
    details: {
      status?: number
      code?: string
      fields?: Record<string, string>
      reason?: string
      retryAfterMs?: number
      capability?: Capability | null
      cause?: unknown
      copy?: { asOf: number; data: unknown }
    } = {},
  ) {
    super(message, { cause: details.cause })
    this.kind = kind
    this.status = details.status
    this.code = details.code
    this.fields = details.fields
    this.reason = details.reason
    this.retryAfterMs = details.retryAfterMs
    this.capability = details.capability ?? null
    this.copyAsOf = details.copy?.asOf
    this.#copyData = details.copy?.data
  }

  /** Kind `copy`: the answer the server kept, already checked against the contract. */
  get copyData(): unknown {
    return this.#copyData
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError

/**
 * What a failed call says about the provider, decided once here for the breaker, the call window
 * and the UI:
 * - `neutral`: nothing. A cancelled call, a refusal before sending (open breaker), the caller's
 *   own 4xx (401 is a session that ended, 409/422 a rejected change), and the operators'
 *   maintenance refusal (503 `maintenance`: the provider may be fine; the flag says why).
 * - `transient`: a 5xx, a network failure, a short 429, or an answer from the server's copy.
 *   Retried at once; a run of them, or a high share in the window, opens the breaker.
 * - `decisive`: a failure the app does not retry, so waiting for a run of them would take one page
 *   view each (the incident's slow detection): a time-out (a hang), a 429 whose Retry-After is
 *   longer than a call can wait (the provider sheds us), a read's answer that breaks the contract.
 *   One opens the breaker.
 */
export type FailureWeight = 'neutral' | 'transient' | 'decisive'

export function failureWeight(
  error: unknown,
  maxRetryAfterMs: number,
  { write = false }: { write?: boolean } = {},
): FailureWeight {
  if (!isApiError(error)) return 'neutral'
  switch (error.kind) {
    case 'timeout':
      return 'decisive'
    case 'invalid-response':
      // A read answered with garbage is a broken provider; a write's answer cut off on the way is
      // one lost answer (its outcome is reconciled by key), not yet an outage.
      return write ? 'transient' : 'decisive'
    case 'network':
    case 'copy': // stands in for the provider's failure: counted and retried as the 503 it replaces (decision 026)
      return 'transient'
    case 'aborted':
    case 'circuit-open':
      return 'neutral'
    case 'http':
      break
  }
  const status = error.status ?? 0
  if (status === 429) return (error.retryAfterMs ?? 0) > maxRetryAfterMs ? 'decisive' : 'transient'
  if (status === 503 && error.code === 'maintenance') return 'neutral'
  return status >= 500 ? 'transient' : 'neutral'
}

/** The session ended (or never was): the admin must sign in again, whatever billing is doing. */
export const isSignedOut = (error: unknown): boolean =>
  isApiError(error) && error.kind === 'http' && error.status === 401

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
