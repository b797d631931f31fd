/**
 * The verdict for one capability from what its calls showed: pure, so every rule is tested with
 * plain numbers. Rules are tried from the most certain `down` to `degraded`; the first that holds
 * decides and says, in one sentence, what was seen. Why these rules and numbers:
 * docs/decisions/025-health-computed-from-zuora-calls.md.
 */
import type { Evidence, FailureKind, HealthRule, Verdict } from './calls'
import type { HealthConfig } from './config'
import { totalFailures, type CallCounts } from './window'

/** What the detector knows about one capability at one moment (in-flight calls folded in). */
export type CapabilityView = {
  now: number
  /** The window's counts; overdue calls in flight count as `timeout` failures, slow ones as slow. */
  window: CallCounts
  /** The calls that ended in the last `recentMs` (answers only: nothing in flight). */
  recent: CallCounts
  /** Failures in a row, newest last (overdue calls in flight included), and when the run began. */
  run: { length: number; startedAt: number | null; kinds: FailureKind[] }
  inFlight: number
  overdue: number
  /** How long no answer at all has come since the youngest overdue call started; null when one has. */
  stalledMs: number | null
  /** Until when a long Retry-After asks us to stay away; null when none does. */
  shedUntil: number | null
  lastRetryAfterMs: number
  /** The kinds of the last few failures recorded, newest last, whether or not a run is going on. */
  lastFailureKinds: FailureKind[]
}

type Finding = { rule: HealthRule; health: Verdict['health']; summary: string }

const percent = (share: number) => `${Math.round(share * 100)} %`
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** "5xx ×12, timeout ×2": the kinds seen, most frequent first. */
export function describeKinds(failures: Partial<Record<FailureKind, number>>): string {
  return (Object.entries(failures) as [FailureKind, number][])
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${kind} ×${count}`)
    .join(', ')
}

function kindsOf(list: FailureKind[]): Partial<Record<FailureKind, number>> {
  const counts: Partial<Record<FailureKind, number>> = {}
  for (const kind of list) counts[kind] = (counts[kind] ?? 0) + 1
  return counts
}

function findDown(view: CapabilityView, config: HealthConfig): Finding | null {
  const { window, recent, run } = view
  if (view.shedUntil !== null && view.shedUntil > view.now) {
    const summary = `Zuora is shedding load: 429 with Retry-After ${seconds(view.lastRetryAfterMs)}`
    return { rule: 'shedding', health: 'down', summary }
  }
  if (window.calls >= config.minimumShedCalls && window.shed / window.calls >= config.shedRate) {
    const summary = `${window.shed} of ${window.calls} calls shed (429) in the last ${seconds(config.windowMs)}`
    return { rule: 'mostly_shed', health: 'down', summary }
  }
  if (view.stalledMs !== null && view.stalledMs >= config.overdueMs) {
    const summary = `no answer for ${seconds(view.stalledMs)}: ${view.overdue} of ${view.inFlight} calls in flight past ${seconds(config.overdueMs)}`
    return { rule: 'stalled', health: 'down', summary }
  }
  const runSpan = run.startedAt === null ? 0 : view.now - run.startedAt
  if (run.length >= config.consecutiveFailures && runSpan >= config.consecutiveMinSpanMs) {
    const summary = `${run.length} failures in a row over ${seconds(runSpan)} (${describeKinds(kindsOf(run.kinds))})`
    return { rule: 'consecutive_failures', health: 'down', summary }
  }
  const failures = totalFailures(window)
  if (window.calls >= config.highRateMinimumCalls && failures / window.calls >= config.downFailureRate) {
    const summary = `${percent(failures / window.calls)} of ${window.calls} calls failed in the last ${seconds(config.windowMs)} (${describeKinds(window.failures)})`
    return { rule: 'failure_rate_high', health: 'down', summary }
  }
  // Broken answers and time-outs the gateway's own clock ended: one is decisive in the browser
  // (record 011); here a share of the recent calls, so one account's odd record cannot do it.
  const broken = recent.failures.malformed + recent.failures.timeout
  if (broken >= config.brokenAnswerMinimum && broken / recent.calls >= config.brokenAnswerRate) {
    const summary = `${broken} of ${recent.calls} answers in the last ${seconds(config.recentMs)} broken or timed out (${describeKinds({ malformed: recent.failures.malformed, timeout: recent.failures.timeout })})`
    return { rule: 'broken_answers', health: 'down', summary }
  }
  return null
}

function findDegraded(view: CapabilityView, config: HealthConfig): Finding | null {
  const { window } = view
  if (window.calls < config.minimumCalls) return null
  const failures = totalFailures(window)
  // Failed and slow calls together: the incident's cache layer was both, each below its own bar.
  const poor = failures + window.slow
  if (poor < config.degradedMinimumCalls || poor / window.calls < config.degradedRate) return null
  const what =
    failures >= window.slow
      ? `unreliable: ${failures} of ${window.calls} calls failed (${describeKinds(window.failures)})`
      : `slow: ${window.slow} of ${window.calls} calls took over ${seconds(config.slowCallMs)}`
  const besides =
    failures >= window.slow
      ? window.slow > 0
        ? `, ${window.slow} slow`
        : ''
      : failures > 0
        ? `, ${failures} failed (${describeKinds(window.failures)})`
        : ''
  const summary = `${what}${besides}: ${percent(poor / window.calls)} of calls in the last ${seconds(config.windowMs)} failed or were slow`
  return { rule: failures >= window.slow ? 'failure_rate' : 'slow_calls', health: 'degraded', summary }
}

export function judge(view: CapabilityView, config: HealthConfig): Verdict {
  const finding = findDown(view, config) ??
    findDegraded(view, config) ?? {
      rule: view.window.calls < config.minimumCalls ? ('too_few_calls' as const) : ('healthy' as const),
      health: 'operational' as const,
      summary:
        view.window.calls < config.minimumCalls
          ? `too few calls to judge rates (${view.window.calls} in the last ${seconds(config.windowMs)}); no failure pattern`
          : `${view.window.calls} calls in the last ${seconds(config.windowMs)}: ${totalFailures(view.window)} failed, ${view.window.slow} slow`,
    }
  return { health: finding.health, evidence: evidenceOf(view, config, finding) }
}

export function evidenceOf(view: CapabilityView, config: HealthConfig, finding: Omit<Finding, 'health'>): Evidence {
  const failures = totalFailures(view.window)
  const calls = view.window.calls
  return {
    rule: finding.rule,
    summary: finding.summary,
    windowMs: config.windowMs,
    calls,
    failures,
    failureRate: calls === 0 ? 0 : failures / calls,
    slow: view.window.slow,
    slowRate: calls === 0 ? 0 : view.window.slow / calls,
    shed: view.window.shed,
    consecutiveFailures: view.run.length,
    inFlight: view.inFlight,
    overdue: view.overdue,
    lastFailureKinds: view.lastFailureKinds,
  }
}
