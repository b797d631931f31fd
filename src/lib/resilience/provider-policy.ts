/**
 * The request policy for provider-backed calls: retries for reads and for writes that are safe to
 * repeat, the capability's breaker around every attempt (so each failed attempt counts, and an open
 * breaker stops the remaining retries at once), and nothing sent at all while the health report says
 * the capability is down. The time-out of each attempt is applied in request.ts.
 */
import { BrokenCircuitError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel'
import { retries, timeouts } from '@/config/resilience'
import { ApiError, failureWeight, isApiError } from '@/lib/api/errors'
import type { Capability } from '@/lib/api/schemas'
import type { CallWindow } from './call-window'
import type { HealthReport } from './health-report'
import type { SharedBreaker } from './shared-breaker'

/**
 * - `read`: a GET.
 * - `safe-write`: a write whose repeat does no harm (the same idempotency key returns the first
 *   order, a full replace, a price quote, a new hosted-page session): retried like a read, inside
 *   the write time-out.
 * - `write`: anything else, never retried.
 */
export type CallKind = 'read' | 'safe-write' | 'write'

export type ProviderCall = {
  capability: Capability
  kind: CallKind
  signal: AbortSignal | undefined
  /** Sent with an idempotency key: the provider answers a repeat with the first result. */
  keyed?: boolean
}

/**
 * Worth another attempt: a failure on the way (network) or at a gateway (502/503/504), an answer
 * from the server's copy, a 429 with no Retry-After or a short one, and any 5xx for a write sent
 * with an idempotency key. Never a time-out (a hung provider would only hang again, and
 * a write's outcome is then unknown: that is reconciliation's job), a 4xx, a cancelled call or an
 * answer that broke the contract (it would break it again).
 */
export function isRetriable(error: unknown, { keyed = false }: { keyed?: boolean } = {}): boolean {
  if (!isApiError(error)) return false
  // The server's copy: the provider failed this attempt (docs/decisions/026); the next may reach it.
  if (error.kind === 'network' || error.kind === 'copy') return true
  if (error.kind !== 'http') return false
  if (error.retryAfterMs !== undefined && error.retryAfterMs > retries.maxRetryAfterMs) return false
  if (error.status === 503 && error.code === 'maintenance') return false
  // A keyed write may be repeated after any server error: the provider answers the repeat with the
  // first result, and the incident's cache layer failed with 500s as often as with 502s.
  if (keyed && (error.status ?? 0) >= 500) return true
  return error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504
}

/** Capped exponential backoff with half jitter, but never sooner than the server's Retry-After. */
export function retryDelayMs(attempt: number, error: unknown, random: () => number = Math.random): number {
  const cap = Math.min(retries.maxDelayMs, retries.initialDelayMs * 2 ** (attempt - 1))
  const jittered = Math.round(cap / 2 + (random() * cap) / 2)
  const retryAfter = isApiError(error) ? (error.retryAfterMs ?? 0) : 0
  return Math.max(jittered, retryAfter)
}

/** A write attempt needs at least this much of the write time-out left to be worth sending. */
const minWriteAttemptMs = 2_000

export type ProviderPolicyDeps = {
  breakers: Record<Capability, SharedBreaker>
  windows: Record<Capability, CallWindow>
  report: HealthReport
  now: () => number
  random: () => number
  /** Waits between attempts; rejects when the signal aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The server refused for maintenance: the operators' flag changed since the last poll. */
  onMaintenanceRefusal: () => void
}

export function createProviderPolicy(deps: ProviderPolicyDeps) {
  return async function runProviderCall<T>(
    call: ProviderCall,
    attempt: (signal: AbortSignal | undefined, timeoutMs: number) => Promise<T>,
  ): Promise<T> {
    const breaker = deps.breakers[call.capability]
    const window = deps.windows[call.capability]
    const deadline = deps.now() + timeouts.providerWriteMs
    // The latest answer from the server's copy: if no attempt brings the provider's own, the call
    // ends on it (request.ts answers with it), whatever stopped the attempts.
    let copy: ApiError | null = null
    for (let retry = 0; ; retry++) {
      // The report says it is down: nothing leaves the browser until it says otherwise.
      if (deps.report.isDown(call.capability))
        throw copy ?? circuitOpen(call.capability, 'the health report says it is down')
      const startedAt = deps.now()
      const timeoutMs = call.kind === 'read' ? timeouts.providerReadMs : deadline - startedAt
      try {
        const result = await breaker.execute((signal) => attempt(signal, timeoutMs), call.signal, {
          write: call.kind !== 'read',
        })
        window.record({ failed: false, durationMs: deps.now() - startedAt }, deps.now())
        return result
      } catch (raw) {
        const error = normalise(raw, call.capability)
        if (isApiError(error) && error.kind === 'copy') copy = error
        if (isApiError(error) && error.status === 503 && error.code === 'maintenance') deps.onMaintenanceRefusal()
        if (failureWeight(error, retries.maxRetryAfterMs, { write: call.kind !== 'read' }) !== 'neutral') {
          window.record({ failed: true, durationMs: deps.now() - startedAt }, deps.now())
        }
        if (call.kind === 'write' || retry >= retries.maxRetries || !isRetriable(error, { keyed: call.keyed }))
          throw copy ?? error
        const delay = retryDelayMs(retry + 1, error, deps.random)
        if (call.kind === 'safe-write' && deps.now() + delay + minWriteAttemptMs > deadline) throw copy ?? error
        try {
          await deps.sleep(delay, call.signal)
        } catch (cause) {
          throw copy ?? new ApiError('aborted', 'Cancelled', { capability: call.capability, cause })
        }
      }
    }
  }
}

export type RunProviderCall = ReturnType<typeof createProviderPolicy>

function circuitOpen(capability: Capability, why: string, cause?: unknown): ApiError {
  return new ApiError('circuit-open', `${capability} is unavailable: ${why}`, { capability, cause })
}

/** cockatiel's refusals and cancellations as the app's own errors. */
function normalise(error: unknown, capability: Capability): unknown {
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
    return circuitOpen(capability, 'its breaker is open', error)
  }
  if (error instanceof TaskCancelledError) return new ApiError('aborted', 'Cancelled', { capability, cause: error })
  return error
}
