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

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly kind: ApiErrorKind
  readonly status: number | undefined
  readonly code: string | undefined
  /** Field path to message, from a 400/422 answer to a form. */
  readonly fields: Record<string, string> | undefined
  /** From a Retry-After header, in milliseconds. */
  readonly retryAfterMs: number | undefined
  readonly capability: Capability | null

  constructor(
    kind: ApiErrorKind,
    message: string,
    details: {
      status?: number
      code?: string
      fields?: Record<string, string>
      retryAfterMs?: number
      capability?: Capability | null
      cause?: unknown
    } = {},
  ) {
    super(message, { cause: details.cause })
    this.kind = kind
    this.status = details.status
    this.code = details.code
    this.fields = details.fields
    this.retryAfterMs = details.retryAfterMs
    this.capability = details.capability ?? null
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError

/**
 * True when the failure says the provider is unwell: the kind of failure that counts against its
 * breaker. A 4xx is the caller's problem (except 429: the provider is shedding load), and a
 * cancelled call says nothing about the provider.
 */
export function isProviderFailure(error: unknown): boolean {
  if (!isApiError(error)) return false
  switch (error.kind) {
    case 'timeout':
    case 'network':
    case 'invalid-response':
      return true
    case 'http':
      return error.status === 429 || (error.status ?? 0) >= 500
    default:
      return false
  }
}

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
