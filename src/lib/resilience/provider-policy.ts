/**
 * The request policy for provider-backed calls: retries for reads and for writes that are safe to
 * repeat, the capability's breaker around every attempt (so each failed attempt counts, and an open
 * breaker stops the remaining retries at once), and nothing sent at all while the health report says
 * the capability is down, but a query's first read (docs/decisions/026). The time-out of each attempt
 * is applied in request.ts.
 */
import { BrokenCircuitError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel'
import { retries, timeouts } from '@/config/resilience'
import { ApiError, failureWeight, isApiError } from '@/lib/api/errors'
import type { Capability } from '@/lib/api/schemas'
import type { AttemptInFlight, AttemptOutcome, CallWindow } from './call-window'
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
  /**
   * A read for a query with nothing to show (no data, nothing saved), named by its account and key:
   * it goes out once per page load even while the capability is reported down or its breaker is
   * open, for the gateway to answer from its copy (docs/decisions/026).
   */
  firstRead?: string
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

/**
 * What an attempt's answer said of the provider beyond its data: how long the provider itself took
 * over it (the gateway's Server-Timing; null when it did not say). The call window counts it.
 */
export type AttemptFacts = { providerMs: number | null }

/** Sends one attempt; `heard` (when given) learns the answer's facts before it is read. */
export type Attempt<T> = (
  signal: AbortSignal | undefined,
  timeoutMs: number,
  heard?: (facts: AttemptFacts) => void,
) => Promise<T>

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
  /**
   * Each query with nothing to show that was called in this page load (by account and key), and
   * the read it was let out for while refused, if any.
   */
  const firstReads = new Map<string, Promise<unknown> | null>()

  /**
   * A refused call. A query with nothing to show reads once even so: the gateway, not the provider,
   * answers it (its breaker protects the provider), from its copy or with a fast 503. One attempt,
   * outside the breaker and the call window: it is no trial, and whatever it brings (the provider's
   * answer, a copy, a failure) neither closes, extends nor re-opens anything. A failure of the
   * provider ends it as the refusal it stands in for (the section says billing is checked again
   * automatically); one that says nothing of the provider (a 404, a 401) stays what it is.
   * Its outcome, on its way or come back, is that of every later refused call of the query: one with
   * nothing to show still means the answer never reached the cache (React Query dropped the call and
   * asked again: a reset on sign-in, a page left and opened again), and it costs no request.
   */
  function refused<T>(call: ProviderCall, attempt: Attempt<T>, refusal: ApiError, first: boolean): Promise<T> {
    const id = call.kind === 'read' ? call.firstRead : undefined
    const sent = id === undefined ? null : firstReads.get(id)
    if (sent) return sent as Promise<T>
    if (id === undefined || !first) return Promise.reject(refusal)
    const read = attempt(call.signal, timeouts.providerReadMs).catch((error: unknown) => {
      const fromCopy = isApiError(error) && error.kind === 'copy'
      throw !fromCopy && failureWeight(error, retries.maxRetryAfterMs) !== 'neutral' ? refusal : error
    })
    firstReads.set(id, read)
    return read
  }

  /**
   * Waits out a retry's delay (a Retry-After of 5 s, say), but no longer once the report says the
   * capability is down: nothing would be sent then, and the page would show its loading state for
   * the rest of the wait instead of the outage (the loop's next turn ends the call on the report).
   * Rejects only when the call itself is cancelled.
   */
  async function waitBeforeRetry(delay: number, call: ProviderCall): Promise<void> {
    // One signal for both (not AbortSignal.any: test DOMs and older browsers lack it).
    const wake = new AbortController()
    let reportedDown = false
    const stop = deps.report.onWentDown((wentDown) => {
      if (!wentDown.includes(call.capability)) return
      reportedDown = true
      wake.abort()
    })
    const cancel = () => wake.abort(call.signal?.reason)
    call.signal?.addEventListener('abort', cancel, { once: true })
    try {
      if (call.signal?.aborted) cancel()
      await deps.sleep(delay, wake.signal)
    } catch (cause) {
      if (!reportedDown || call.signal?.aborted) throw cause
    } finally {
      stop()
      call.signal?.removeEventListener('abort', cancel)
    }
  }

  /** Watched from when it leaves: a read still on its way past slowAloneMs says slow already (call-window.ts). */
  const beginAttempt = (window: CallWindow, call: ProviderCall, retry: boolean): AttemptInFlight =>
    window.begin(deps.now(), { retry, write: call.kind !== 'read' })
  const endAttempt = (inFlight: AttemptInFlight | null, outcome: AttemptOutcome | null) =>
    inFlight?.end(outcome, deps.now())

  return async function runProviderCall<T>(call: ProviderCall, attempt: Attempt<T>): Promise<T> {
    const breaker = deps.breakers[call.capability]
    const window = deps.windows[call.capability]
    const deadline = deps.now() + timeouts.providerWriteMs
    // The latest answer from the server's copy: if no attempt brings the provider's own, the call
    // ends on it (request.ts answers with it), whatever stopped the attempts.
    let copy: ApiError | null = null
    // Its query's first call in this page load, with nothing to show: refused, it is let out once
    // (a query whose first call went out and failed has had the server's answer already).
    const first = call.kind === 'read' && call.firstRead !== undefined && !firstReads.has(call.firstRead)
    if (first && call.firstRead !== undefined) firstReads.set(call.firstRead, null)
    for (let retry = 0; ; retry++) {
      // The report says it is down: nothing leaves the browser until it says otherwise, but a first read.
      if (deps.report.isDown(call.capability)) {
        const refusal = copy ?? circuitOpen(call.capability, 'the health report says it is down')
        if (retry === 0) return refused(call, attempt, refusal, first)
        throw refusal
      }
      const startedAt = deps.now()
      const timeoutMs = call.kind === 'read' ? timeouts.providerReadMs : deadline - startedAt
      let inFlight: AttemptInFlight | null = null
      let providerMs: number | null = null
      try {
        const result = await breaker.execute(
          (signal) => {
            inFlight = beginAttempt(window, call, retry > 0)
            return attempt(signal, timeoutMs, (facts) => (providerMs = facts.providerMs))
          },
          call.signal,
          { write: call.kind !== 'read' },
        )
        endAttempt(inFlight, { failed: false, providerMs })
        return result
      } catch (raw) {
        const error = normalise(raw, call.capability)
        // The open breaker refused the call before anything was sent.
        if (retry === 0 && isApiError(error) && error.kind === 'circuit-open')
          return refused(call, attempt, error, first)
        if (isApiError(error) && error.kind === 'copy') copy = error
        if (isApiError(error) && error.status === 503 && error.code === 'maintenance') deps.onMaintenanceRefusal()
        const weighs = failureWeight(error, retries.maxRetryAfterMs, { write: call.kind !== 'read' }) !== 'neutral'
        endAttempt(inFlight, weighs ? { failed: true } : null)
        if (call.kind === 'write' || retry >= retries.maxRetries || !isRetriable(error, { keyed: call.keyed }))
          throw copy ?? error
        const delay = retryDelayMs(retry + 1, error, deps.random)
        if (call.kind === 'safe-write' && deps.now() + delay + minWriteAttemptMs > deadline) throw copy ?? error
        try {
          await waitBeforeRetry(delay, call)
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
