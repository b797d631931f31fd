/**
 * How a call to Zuora went wrong, classified once, where the answer is read: the health detector
 * counts some kinds and ignores others, the routes turn each into the contract's error, and the
 * order path decides from it whether the outcome is known.
 */

export type ZuoraFailureKind =
  /** 5xx, or a 200 whose `success: false` is in a retryable category (lock, internal, temporary, concurrency, external). */
  | 'unavailable'
  /** No answer within the call's time-out: the request may still be running at Zuora. */
  | 'timeout'
  /** Refused, reset or cut off before an answer arrived. */
  | 'network'
  /** An answer that is not JSON or does not have the shape the operation documents. */
  | 'malformed'
  /** 429: Zuora sheds our load; `retryAfterMs` says for how long. */
  | 'shed'
  /** A business refusal (4xx, or `success: false` in a non-retryable category): Zuora is healthy. */
  | 'rejected'
  /** Our credentials were refused even after a fresh token. */
  | 'auth'
  /** Idempotency: the first request with this key is still in flight at Zuora (409). */
  | 'in_progress'
  /** Idempotency: the key was used with another request (422). */
  | 'key_reused'
  /** The gateway's own breaker refused the call before it left: Zuora is known to be down. */
  | 'breaker_open'
  /** Too many calls already waiting for a free slot under Zuora's concurrency limit. */
  | 'overloaded'

export type ZuoraReason = { code: number; message: string }

export class ZuoraCallError extends Error {
  readonly kind: ZuoraFailureKind
  readonly status: number | null
  readonly reasons: readonly ZuoraReason[]
  readonly retryAfterMs: number | null

  constructor(
    kind: ZuoraFailureKind,
    message: string,
    options: { status?: number | null; reasons?: readonly ZuoraReason[]; retryAfterMs?: number | null } = {},
  ) {
    super(message)
    this.name = 'ZuoraCallError'
    this.kind = kind
    this.status = options.status ?? null
    this.reasons = options.reasons ?? []
    this.retryAfterMs = options.retryAfterMs ?? null
  }

  /** Whether the request may have taken effect at Zuora although we got no usable answer. */
  get outcomeUnknown(): boolean {
    return (
      this.kind === 'timeout' || this.kind === 'network' || this.kind === 'unavailable' || this.kind === 'malformed'
    )
  }
}

/**
 * Retry-After in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable.
 * Capped at an hour: a header that asks for more is read as a long outage, not taken literally.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null
  const trimmed = header.trim()
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : null
  const ms = seconds !== null ? seconds * 1000 : Date.parse(trimmed) - nowMs
  if (!Number.isFinite(ms)) return null
  return Math.min(3_600_000, Math.max(0, ms))
}
