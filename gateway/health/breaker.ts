/**
 * The server's breaker for one capability: a small state machine with named transitions.
 *
 *   closed ──trip──▶ open ──probe──▶ half_open ──probe_failed──▶ open
 *                                        └──(closeAfterSuccesses answers)──close──▶ closed
 *
 * It trips when the computed state is `down` and stays open until Zuora has answered
 * `closeAfterSuccesses` calls in a row that went out while it was open (the window would otherwise
 * still hold the outage's failures, or nothing at all, and read `operational` by default). While
 * open, `admit` fails fast except for one probe at a time, at most one per `probeIntervalMs` and
 * never before a Retry-After: the lease makes "one at a time" hold across a fleet; it lapses after
 * `overdueMs`, so a probe that hangs is as good as failed and the next one may go.
 */
import type { Capability, Evidence } from './calls'
import type { HealthConfig } from './config'
import type { ProbeLease } from './lease'

export type BreakerState = 'closed' | 'open' | 'half_open'
export type BreakerTransition = 'trip' | 'probe' | 'probe_failed' | 'close'

export type Admission = { allowed: true; probe?: true } | { allowed: false; retryAfterMs: number }

export type Breaker = {
  readonly state: BreakerState
  /** The evidence that tripped it (kept while open: operators want the cause, not the silence). */
  readonly cause: Evidence | null
  readonly openedAt: number | null
  readonly successes: number
  trip(now: number, cause: Evidence): void
  /** Whether a probe may be sent now, before asking the lease (used by `dueProbes` too). */
  probeWindowOpen(now: number, retryAfterUntil: number): boolean
  admit(now: number, retryAfterUntil: number): Promise<Admission>
  /** A probe that has not answered within `overdueMs` counts as failed (the lease lapsed with it). */
  expireProbe(now: number): void
  /**
   * A call ended. Only calls that went out while open move the breaker; a `neutral` answer (an
   * ignored one) frees the probe's lease and nothing else. True when this closed the breaker.
   */
  onOutcome(result: 'success' | 'failure' | 'neutral', startedAt: number, probe: boolean): boolean
  /** Closes it because the fleet's probes (other instances' too) say Zuora is back (record 030). */
  closeForFleet(): void
}

export function createBreaker(
  capability: Capability,
  config: HealthConfig,
  lease: ProbeLease,
  onTransition: (transition: BreakerTransition, state: BreakerState) => void,
): Breaker {
  let state: BreakerState = 'closed'
  let cause: Evidence | null = null
  let openedAt: number | null = null
  let lastProbeAt = -Infinity
  let probeInFlightUntil = -Infinity
  let successes = 0

  const move = (transition: BreakerTransition, next: BreakerState) => {
    state = next
    onTransition(transition, next)
  }
  const close = () => {
    cause = null
    openedAt = null
    successes = 0
    move('close', 'closed')
  }
  const nextProbeAt = (retryAfterUntil: number) => Math.max(lastProbeAt + config.probeIntervalMs, retryAfterUntil)

  return {
    get state() {
      return state
    },
    get cause() {
      return cause
    },
    get openedAt() {
      return openedAt
    },
    get successes() {
      return successes
    },
    trip(now, evidence) {
      if (state !== 'closed') return
      cause = evidence
      openedAt = now
      successes = 0
      lastProbeAt = now
      move('trip', 'open')
    },
    probeWindowOpen(now, retryAfterUntil) {
      return state !== 'closed' && now >= nextProbeAt(retryAfterUntil) && now >= probeInFlightUntil
    },
    async admit(now, retryAfterUntil) {
      if (state === 'closed') return { allowed: true }
      const waitMs = Math.max(nextProbeAt(retryAfterUntil), probeInFlightUntil) - now
      if (waitMs > 0) return { allowed: false, retryAfterMs: waitMs }
      // Claimed before the await, so two requests in this instance cannot both become the probe.
      lastProbeAt = now
      probeInFlightUntil = now + config.overdueMs
      let acquired: boolean
      try {
        acquired = await lease.tryAcquire(capability, config.overdueMs)
      } catch {
        // The shared store is down: this instance's own one-at-a-time rule still holds.
        acquired = true
      }
      if (!acquired) {
        probeInFlightUntil = -Infinity
        return { allowed: false, retryAfterMs: config.probeIntervalMs }
      }
      if (state === 'open') move('probe', 'half_open')
      return { allowed: true, probe: true }
    },
    expireProbe(now) {
      if (state === 'half_open' && successes === 0 && now >= probeInFlightUntil) move('probe_failed', 'open')
    },
    onOutcome(result, startedAt, probe) {
      if (probe) {
        probeInFlightUntil = -Infinity
        lease.release(capability).catch(() => undefined)
      }
      if (state === 'closed' || openedAt === null || startedAt < openedAt || result === 'neutral') return false
      if (result === 'failure') {
        successes = 0
        if (state === 'half_open') move('probe_failed', 'open')
        return false
      }
      successes += 1
      if (successes < config.closeAfterSuccesses) return false
      close()
      return true
    },
    closeForFleet() {
      if (state !== 'closed') close()
    },
  }
}
