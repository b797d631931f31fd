/**
 * Every number the resilience layer runs on, in one place. docs/decisions/resilience.md says
 * why each value is what it is; change them there and here together.
 */
export const timeouts = {
  /** The vendor's own endpoints are fast and stay up; a slow one is as good as down. */
  ownMs: 8_000,
  /**
   * A provider read: a healthy provider answers well under a second, a slow-but-working one in a
   * few; past this the admin is better served by saved data and a clear message.
   */
  providerReadMs: 5_000,
  /** A write may legitimately take longer; past this its outcome is unknown and gets reconciled. */
  providerWriteMs: 15_000,
}

export const retries = {
  /** Retries after the first attempt, for idempotent reads only. */
  maxRetries: 2,
  initialDelayMs: 250,
  maxDelayMs: 2_000,
  /** A Retry-After longer than this is not waited for inside one call: the call fails instead. */
  maxRetryAfterMs: 5_000,
}

export const breaker = {
  /**
   * Consecutive failures (5xx, 429, time-out, network, invalid answer) that open a capability's
   * breaker. Consecutive, not a failure rate: an admin console makes a handful of calls a minute,
   * so a sampling breaker with a minimum throughput would never trip.
   */
  consecutiveFailures: 3,
  /** First wait before a probe; doubles after each failed probe up to the cap. Half-jittered. */
  probeInitialDelayMs: 8_000,
  probeMaxDelayMs: 24_000,
  /** How often each tab checks whether a probe is due (cockatiel decides; this only asks). */
  probeTickMs: 1_000,
  /**
   * When the status endpoint reports a failed capability back, each browser probes after a random
   * delay up to this: spreads the fleet's probes and refetches (see lib/resilience/probe-gate.ts).
   */
  probeSpreadMs: 10_000,
}

export const statusPolling = {
  /** How often the operators' flag and component health are read while all is well... */
  healthyIntervalMs: 30_000,
  /** ...and while anything is degraded, so that recovery is noticed quickly. */
  degradedIntervalMs: 5_000,
}

/** How long "Billing is back" stays up after recovery (also damps flapping). */
export const recoveringMs = 8_000
