/**
 * The request policy for provider-backed calls: retries for idempotent reads only, then the
 * capability's breaker around every attempt (so each failed attempt counts, and an open breaker
 * stops the remaining retries at once). The time-out per attempt is set in request.ts.
 */
import { BrokenCircuitError, DelegateBackoff, IsolatedCircuitError, handleWhen, retry } from 'cockatiel'
import { retries } from '@/config/resilience'
import { ApiError, isApiError } from '@/lib/api/errors'
import type { Capability } from '@/lib/api/schemas'
import { breakers } from './breakers'
import { probeGate } from './probe-gate'

export type ProviderCall = { capability: Capability; isRead: boolean; signal: AbortSignal | undefined }

/**
 * Worth another attempt: a read that failed on the way (network) or at a gateway (502/503/504),
 * or was told to come back soon (429/503 with a short Retry-After). Never a 4xx otherwise, a
 * cancelled call, a time-out (a hung provider would only hang again) or an answer that broke the
 * contract (it would break it again).
 */
export function isRetriable(error: unknown): boolean {
  if (!isApiError(error)) return false
  if (error.kind === 'network') return true
  if (error.kind !== 'http') return false
  if (error.retryAfterMs !== undefined && error.retryAfterMs > retries.maxRetryAfterMs) return false
  return error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504
}

/** Capped exponential backoff with full jitter, but never sooner than the server's Retry-After. */
export function retryDelayMs(attempt: number, error: unknown, random = Math.random): number {
  const cap = Math.min(retries.maxDelayMs, retries.initialDelayMs * 2 ** (attempt - 1))
  const jittered = Math.round(cap / 2 + (random() * cap) / 2)
  const retryAfter = isApiError(error) ? (error.retryAfterMs ?? 0) : 0
  return Math.max(jittered, retryAfter)
}

const readRetry = retry(handleWhen(isRetriable), {
  maxAttempts: retries.maxRetries,
  backoff: new DelegateBackoff((context: { attempt: number; result: { error: Error } | { value: unknown } }) =>
    retryDelayMs(context.attempt, 'error' in context.result ? context.result.error : undefined),
  ),
})

export function runProviderCall<T>(call: ProviderCall, attempt: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  const breaker = breakers[call.capability]
  const once = () =>
    // While the status endpoint says the provider is down, no call is the probe: refuse at once.
    breaker.state === 'open' && !probeGate.allows(call.capability, Date.now())
      ? Promise.reject(new BrokenCircuitError())
      : breaker.execute((policySignal) => attempt(policySignal), call.signal)
  const run = call.isRead ? readRetry.execute(once, call.signal) : once()
  return run.catch((error: unknown) => {
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
      throw new ApiError('circuit-open', `${call.capability} is unavailable: its breaker is open`, {
        capability: call.capability,
        cause: error,
      })
    }
    throw error
  })
}
