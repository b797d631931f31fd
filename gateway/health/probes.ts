/**
 * When a capability needs a synthetic probe: detection must never wait for an admin. A cheap read
 * goes out whenever no call has started for a while: every `idleProbeEveryMs` when all is calm, every
 * `suspectProbeEveryMs` for `suspectMs` after a failure, so that "every call fails" and "40 % of
 * calls fail" can be told apart within seconds on probes alone. Probes overlap: a hanging one never
 * holds back the next (that is how a hang is seen). While the breaker is open the breaker decides.
 */
import type { HealthConfig } from './config'

export type ProbeView = {
  now: number
  lastStartedAt: number
  lastFailureAt: number
  /** Until when a Retry-After asks us not to call. */
  retryAfterUntil: number
  /** Zuora's status page says there is trouble (statuspage.ts): probe as if a failure had been seen. */
  hinted?: boolean
}

export function isProbeDue(view: ProbeView, config: HealthConfig): boolean {
  if (view.retryAfterUntil > view.now) return false
  const suspect = view.hinted === true || view.now - view.lastFailureAt < config.suspectMs
  const every = suspect ? config.suspectProbeEveryMs : config.idleProbeEveryMs
  return view.now - view.lastStartedAt >= every
}
