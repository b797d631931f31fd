/**
 * Every number the resilience layer runs on, in one place. The decision records in
 * docs/decisions/ say why each value is what it is; change them there and here together.
 */
export const timeouts = {
  /** The vendor's own endpoints are fast and stay up; a slow one is as good as down. */
  ownMs: 8_000,
  /**
   * A provider read: a healthy provider answers well under a second, a slow-but-working one in a
   * few; past this the admin is better served by saved data and a clear message.
   */
  providerReadMs: 5_000,
  /**
   * A write, retries included: past this its outcome is unknown and gets reconciled. Each attempt
   * gets what is left of it.
   */
  providerWriteMs: 15_000,
}

/**
 * How long provider-backed data counts as fresh: long enough that a double mount does not fetch
 * twice, short enough that every page view checks it again in the background. That check is how the
 * admin's next click finds an outage the health report has not announced (the incident's browsers
 * waited for a 30 s stale time first).
 */
export const providerStaleMs = 3_000

export const retries = {
  /**
   * Retries after the first attempt, for reads and for writes that are safe to repeat (same
   * idempotency key, full replace, no side effect). Five attempts in all: a provider that fails
   * 40 % of calls at random still answers 99 % of calls, while one that fails every call opens its
   * breaker within a single read (see `breaker.consecutiveFailures`).
   */
  maxRetries: 4,
  initialDelayMs: 250,
  maxDelayMs: 2_000,
  /** A Retry-After longer than this is not waited for inside one call: the provider is shedding us. */
  maxRetryAfterMs: 5_000,
}

export const breaker = {
  /**
   * Consecutive failed attempts (5xx, network) that open a capability's breaker: one read against a
   * provider that fails every call, and a run that a provider failing 40 % of calls reaches about
   * once in 160 attempts.
   */
  consecutiveFailures: 5,
  /**
   * The failure-rate window (Resilience4j's count-based model): the breaker also opens when at least
   * `failureRateToOpen` of the last `windowSize` attempts failed, once `minimumCalls` are in it.
   * High on purpose: intermittent failures (a flaky provider) are a notice, not a pause.
   */
  windowSize: 20,
  minimumCalls: 10,
  failureRateToOpen: 0.8,
  /** First wait before a trial call; doubles after each failed trial up to the cap. Half-jittered. */
  probeInitialDelayMs: 8_000,
  probeMaxDelayMs: 24_000,
  /** How often each visible tab checks whether a trial is due (cockatiel decides; this only asks). */
  probeTickMs: 1_000,
}

/**
 * What the browser notices without opening a breaker: a capability whose recent calls are slow or
 * often fail gets a "slow or unreliable" notice while edits stay possible.
 */
export const callHealth = {
  /**
   * Attempts looked at: the last `windowSize` of the last `windowMs`. Short, so that an admin
   * browsing every few seconds is told within a few page views (healthy answers from before the
   * fault age out quickly).
   */
  windowSize: 10,
  windowMs: 20_000,
  /**
   * An attempt slower than this is slow: over twice a healthy provider's, under the read time-out.
   */
  slowCallMs: 2_000,
  /**
   * One read alone says slow (on its way or answered, until a fast answer) once it takes this long:
   * stronger evidence than the pair needs, so that a busy machine or a cold start that holds one
   * healthy answer back past `slowCallMs` does not raise a notice.
   */
  slowAloneMs: 3_000,
  /**
   * One read alone also says slow when the gateway says the provider itself took this long over it
   * (Server-Timing): the gateway's own slow-call bar (gateway/health/config.ts `slowCallMs`), which
   * this browser's clock cannot use alone, since it adds the machine's and the network's delays.
   */
  providerSlowMs: 2_000,
  /**
   * Slow (held) when at least this share of at least `minimumCalls` attempts was slow, or the last
   * two were; slow (not held) while the latest read took `slowAloneMs` and nothing fast came since...
   */
  slowRate: 0.5,
  /** ...unreliable when at least this share failed. */
  failureRate: 0.2,
  minimumCalls: 4,
  /** A notice stays this long after the window last called for it: it must not flicker. */
  holdMs: 30_000,
}

export const statusPolling = {
  /**
   * When the status endpoint does not advise an interval (its `X-Poll-Interval` header), poll this
   * often: a change of the report reaches every visible tab within 10 s (5 s here, plus the
   * endpoint's own `max-age` and `stale-while-revalidate`).
   */
  defaultIntervalMs: 5_000,
  /** Bounds on what the server may advise: never hammer it, never go deaf. */
  minIntervalMs: 2_000,
  maxIntervalMs: 60_000,
  /** How often a visible tab checks whether this browser's poll is due. */
  tickMs: 1_000,
  /** A report older than this (its `Age` in a cache) says nothing any more: the breakers decide. */
  maxReportAgeMs: 60_000,
}

/**
 * When the report says a capability is back, each visible tab refetches what it shows after a
 * random delay up to this: a fleet of consoles does not come back in one burst. Edits are enabled
 * at once; only the refetch is spread (a page the admin opens meanwhile, or Try again, fetches at
 * once). Chosen with npm run bench:fleet (100,000 browsers, 30 % shown, seed 1): the first minute
 * after recovery peaks at 12.1x the healthy provider load with 20 s, 1.86x with 90 s, 1.64x with
 * 120 s, 1.46x with 180 s, 1.41x with 240 s; page data is fresh at p95 after 86, 109, 142, 170 s.
 * See docs/decisions/009-recovery-spread-180-s.md.
 */
export const recoverySpreadMs = 180_000

/**
 * A section with nothing to show (its read failed during the outage and no copy answered) is not
 * left saying "unavailable" under "Billing is back" for the whole recovery spread: it is read again
 * within this much, at random. Only such sections: the pages' data that was shown waits for the
 * spread, so the fleet's recovery load stays that of record 009 plus the few empty sections.
 */
export const emptySectionSpreadMs = 10_000

/** How long "Billing is back" stays up after recovery (also damps flapping). */
export const recoveringMs = 8_000
