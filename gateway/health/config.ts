/**
 * Every number the health detector runs on, in one place. Why each is what it is:
 * docs/decisions/025-health-computed-from-zuora-calls.md (change both together). The browser's own
 * rules (records 011, 013, 014) are the fallback when this report lags; these are stricter about
 * volume because one verdict here is obeyed by every browser.
 */
export type HealthConfig = {
  /** Width of one bucket of the sliding window. */
  bucketMs: number
  /** The sliding window the rates are computed over. */
  windowMs: number
  /** The short horizon for broken answers: one a provider gives is decisive (record 011). */
  recentMs: number
  /** An answer slower than this is slow; a call in flight longer counts as slow already. */
  slowCallMs: number
  /**
   * A call in flight longer than this counts as a `timeout` failure before any time-out fires, and
   * when nothing has answered since it started, the capability is hung (`down`). Above the slowest
   * answer a slow or cache-layer provider gives (3–4 s): those must read `degraded`.
   */
  overdueMs: number
  /** Rates need at least this many calls in the window. */
  minimumCalls: number
  /** Failures in a row (by when they ended) that make a capability `down`... */
  consecutiveFailures: number
  /** ...when the run also lasted this long, so that at high traffic a run is as rare as at low. */
  consecutiveMinSpanMs: number
  /** `down` at this failure rate, over at least `highRateMinimumCalls` (a busy, mostly failing provider). */
  downFailureRate: number
  highRateMinimumCalls: number
  /**
   * `degraded` when at least this share of the window's calls failed or were slow, and at least
   * `degradedMinimumCalls` of them did (one or two bad calls at low traffic say little).
   */
  degradedRate: number
  degradedMinimumCalls: number
  /** `down` when this share of the recent calls were broken answers or time-outs, and at least... */
  brokenAnswerRate: number
  /** ...this many. */
  brokenAnswerMinimum: number
  /** A 429 whose Retry-After is at least this long is Zuora shedding us: `down` for that long. */
  longRetryAfterMs: number
  /** `down` when at least this share of at least `minimumShedCalls` calls were 429s. */
  shedRate: number
  minimumShedCalls: number
  /** Synthetic probe cadence per capability when no call started for this long and all is calm... */
  idleProbeEveryMs: number
  /** ...and when a failure was seen in the last `suspectMs` (enough calls to tell flaky from down). */
  suspectProbeEveryMs: number
  suspectMs: number
  /** While the breaker is open: at most one probe per this interval, one at a time. */
  probeIntervalMs: number
  /** Successful calls in a row, started while open, that close the breaker. */
  closeAfterSuccesses: number
  /** A better state is published once it has held this long (a worse one at once). */
  recoverHoldMs: number
  /**
   * The published report keeps saying `operational` this long after the computed state first left
   * it (the scenario option `statusDelayMs`): the browsers' own fallback stays testable. 0 in production.
   */
  holdBackMs: number
}

export const defaultHealthConfig: HealthConfig = {
  bucketMs: 1_000,
  windowMs: 5_000,
  recentMs: 3_000,
  slowCallMs: 2_000,
  overdueMs: 3_500,
  minimumCalls: 6,
  consecutiveFailures: 16,
  consecutiveMinSpanMs: 1_000,
  downFailureRate: 0.8,
  highRateMinimumCalls: 40,
  degradedRate: 0.25,
  degradedMinimumCalls: 4,
  brokenAnswerRate: 0.3,
  brokenAnswerMinimum: 3,
  longRetryAfterMs: 5_000,
  shedRate: 0.5,
  minimumShedCalls: 4,
  idleProbeEveryMs: 500,
  // 200, not 250: the runtime ticks every 100 ms (runtime.ts), so 250 would go every 300 ms in practice
  // and 16 failures in a row would take 4.8 s (docs/performance.md, "Gateway: Zuora fault → report").
  suspectProbeEveryMs: 200,
  suspectMs: 5_000,
  probeIntervalMs: 1_000,
  closeAfterSuccesses: 2,
  recoverHoldMs: 5_000,
  holdBackMs: 0,
}

const rates = new Set<keyof HealthConfig>(['downFailureRate', 'degradedRate', 'brokenAnswerRate', 'shedRate'])

/** The defaults with `overrides`, checked once: one clear message per mistake, all of them at once. */
export function resolveHealthConfig(overrides: Partial<HealthConfig> = {}): HealthConfig {
  const config = { ...defaultHealthConfig, ...overrides }
  const mistakes: string[] = []
  for (const [name, value] of Object.entries(config) as [keyof HealthConfig, number][]) {
    if (!Number.isFinite(value) || value < 0) mistakes.push(`${name} must be a finite number ≥ 0 (got ${value})`)
    else if (rates.has(name) && (value <= 0 || value > 1))
      mistakes.push(`${name} is a share: over 0, at most 1 (got ${value})`)
  }
  if (config.bucketMs <= 0) mistakes.push('bucketMs must be over 0')
  if (config.windowMs < config.bucketMs || config.recentMs < config.bucketMs)
    mistakes.push('windowMs and recentMs must each be at least one bucket (bucketMs)')
  if (config.recentMs > config.windowMs) mistakes.push('recentMs must not be longer than windowMs')
  if (config.overdueMs <= config.slowCallMs) mistakes.push('overdueMs must be longer than slowCallMs')
  if (config.degradedRate >= config.downFailureRate) mistakes.push('degradedRate must be below downFailureRate')
  if (config.consecutiveFailures < 1 || config.closeAfterSuccesses < 1)
    mistakes.push('consecutiveFailures and closeAfterSuccesses must be at least 1')
  if (config.idleProbeEveryMs <= 0 || config.suspectProbeEveryMs <= 0 || config.probeIntervalMs <= 0)
    mistakes.push('probe intervals must be over 0')
  if (mistakes.length > 0) throw new Error(`Invalid health detector configuration:\n- ${mistakes.join('\n- ')}`)
  return config
}
