/** The bench's printed output: the model, then the figures side by side. */
import { RUNTIME_TICK_MS } from '../../gateway/runtime'
import { cdn } from './status-endpoint'
import { tanstackDefaults } from './defaults-client'
import { latency } from './provider'
import {
  effectiveSpreadMs,
  effectiveTiming,
  timeline,
  usesDetector,
  type FleetOptions,
  type FleetResult,
  type Percentiles,
  type PolicyFigures,
  type ReportDelay,
} from './run-fleet'
import { sessionModel } from './session-model'

const round = (value: number) => String(Math.round(value))
const oneDecimal = (value: number | null) => (value === null ? 'n/a' : value.toFixed(1))
const ratio = (value: number, healthy: number) => (healthy > 0 ? `${(value / healthy).toFixed(2)}x` : 'n/a')
const times = (p: Percentiles, digits = 1) => {
  const format = (value: number | null) => (value === null ? 'n/a' : value.toFixed(digits))
  return p.count === 0 ? 'none' : `${format(p.p50)} / ${format(p.p95)} / ${format(p.max)}`
}
const delay = ({ first, every }: ReportDelay) =>
  first === null ? 'never' : `${first.toFixed(1)} / ${every === null ? 'never' : every.toFixed(1)}`

/** What the assumed report says, in words. */
function assumedReport(options: FleetOptions): string {
  const timing = effectiveTiming(options)
  return timing.detectionDelayMs === Infinity
    ? 'never (what-if --no-status-report)'
    : `${timing.detectionDelayMs / 1000} s after the outage starts, back ${timing.recoveryReportDelayMs / 1000} s after it ends`
}

function reportLines(options: FleetOptions): string[] {
  if (!usesDetector(options))
    return [`# Status endpoint: reports the provider down ${assumedReport(options)}; behind a CDN`]
  const lines = [
    `# Status endpoint: reports what the gateway's own health detector published (gateway/health, createHealthMonitor on the simulated clock,`,
    `#   ticked every ${RUNTIME_TICK_MS} ms with its probes), fed every provider call of the simulated browsers; while a capability's breaker is open the`,
    `#   gateway answers the browsers' requests itself (503, one probe at a time reaches the provider). One gateway, its probes not scaled.`,
  ]
  if (options.report === 'both')
    lines.push(
      `# app, assumed report (today's assumption, for comparison): down ${assumedReport(options)}, no gateway.`,
    )
  lines.push('# The status endpoint is behind a CDN')
  return lines
}

export function describeModel(options: FleetOptions): string[] {
  const model = { ...sessionModel, ...options.sessionModel }
  const hiddenMeanMin = (model.visibleDwellMeanMs * (1 - model.visibleShare)) / model.visibleShare / 60_000
  const scale = Number((options.fleetSize / options.browsers).toFixed(2))
  return [
    `# Fleet load on the provider: ${options.fleetSize} browsers with the console open, a ${options.outageMinutes}-minute provider outage, then recovery (seed ${options.seed});`,
    `#   ${options.browsers} browsers simulated (counts scaled by ${scale}), each tab running the app's own resilience runtime on the simulated clock.`,
    `# Sessions: ${model.tabShares.map((share) => share * 100).join('/')} % of browsers with 1/2/3 tabs; ${model.visibleShare * 100} % show the console at any moment (${model.visibleTabs === 'one' ? 'one tab' : 'every tab'},`,
    `#   shown ${model.visibleDwellMeanMs / 60_000} min and hidden ${hiddenMeanMin.toFixed(1)} min on average). Only while shown, the admin opens a page after ${model.thinkMeanMs / 1000} s on average`,
    `#   (the subscription, and the invoices on ${model.invoicesShare * 100} %) and reloads an errored page after ${model.reloadMinMs / 1000}-${model.reloadMaxMs / 1000} s, ${model.maxReloads} times at most; a tab shown again refetches its stale queries.`,
    `# Provider: answers in ${latency.okMs} ms; in the outage every call ${options.outageMode === 'hang' ? 'hangs (the time-out ends it)' : `answers 503 after ${latency.failMs} ms`}.`,
    ...reportLines(options),
    `#   of ${cdn.edgeNodes} edge nodes (max-age ${cdn.maxAgeMs / 1000} s, stale-while-revalidate ${cdn.staleWhileRevalidateMs / 1000} s, X-Poll-Interval ${cdn.pollIntervalMs / 1000} s).`,
    `# app: createResilienceRuntime per tab and use-availability-sync.ts's reactions; recovery refetch spread over 0-${effectiveSpreadMs(options) / 1000} s${options.recoverySpreadMs === undefined ? '' : ' (WHAT-IF)'}.`,
    `# defaults: TanStack Query as it comes: retry ${tanstackDefaults.retry} (1, 2, 4 s), stale time ${tanstackDefaults.staleTimeMs}, no breaker, no time-out, no status polling.`,
    `# Peak: the highest ${timeline.peakWindowSeconds}-s mean (single seconds of a sample are mostly noise: see the healthy peak); recovery: the first ${timeline.recoveryWindowSeconds} s after the provider is back.`,
  ]
}

export function table(result: FleetResult): string[] {
  const { app, appAssumed, defaults } = result.figures
  const columns = appAssumed ? [app, appAssumed, defaults] : [app, defaults]
  const row = (label: string, value: (figures: PolicyFigures) => string) =>
    `| ${label} | ${columns.map(value).join(' | ')} |`
  const appNames = appAssumed ? ["app, gateway's detector", 'app, assumed report'] : ['app']
  const polled = (f: PolicyFigures, value: string) => (f.pollsHealthy === 0 ? 'none' : value)
  const gateway = (f: PolicyFigures, value: string) => (f.detector ? value : 'none')
  return [
    `| whole fleet, per second unless said | ${appNames.join(' | ')} | library defaults |`,
    `| --- | ${columns.map(() => '---:').join(' | ')} |`,
    row('provider requests, healthy (mean)', (f) => round(f.healthyRps)),
    row(
      '… healthy peak, ratio (the sample’s noise floor)',
      (f) => `${round(f.healthyPeak10sRps)}, ${ratio(f.healthyPeak10sRps, f.healthyRps)}`,
    ),
    row('provider requests, outage (mean)', (f) => round(f.outageRps)),
    row('… answered by the gateway’s open breaker instead, outage (mean)', (f) => gateway(f, round(f.refusedOutage))),
    row(
      'recovery: peak, ratio to healthy',
      (f) => `${round(f.recoveryPeak10sRps)}, ${ratio(f.recoveryPeak10sRps, f.healthyRps)}`,
    ),
    row('recovery: peak second / mean', (f) => `${round(f.recoveryPeak1sRps)} / ${round(f.recoveryMeanRps)}`),
    row('recovery: … of which recovery refetches and cheapest reads (mean)', (f) => round(f.recoveryTrialRps)),
    row('provider back → edits enabled, shown sessions, p50 / p95 / max (s)', (f) =>
      f.editsEnabled.count === 0 ? 'never paused' : `${times(f.editsEnabled)} (n=${f.editsEnabled.count})`,
    ),
    row('shown after it → edits enabled, p50 / p95 / max (s)', (f) =>
      f.shownEditsEnabled.count === 0 ? 'never paused' : times(f.shownEditsEnabled, 2),
    ),
    row('provider back → page data fresh, shown sessions, p50 / p95 / max (s)', (f) => times(f.dataFresh)),
    row('status polls from browsers, healthy / outage', (f) =>
      polled(f, `${round(f.pollsHealthy)} / ${round(f.pollsOutage)}`),
    ),
    row('status origin requests behind the CDN, healthy / outage', (f) =>
      polled(f, `${oneDecimal(f.originHealthy)} / ${oneDecimal(f.originOutage)}`),
    ),
    row('outage starts → report says down, first / every component (s)', (f) => polled(f, delay(f.reportDown))),
    row('provider back → report says operational, first / every component (s)', (f) =>
      polled(f, f.reportDown.first === null ? 'n/a' : delay(f.reportBack)),
    ),
    row('gateway probes to the provider (one gateway, not scaled), healthy / outage', (f) =>
      gateway(f, `${oneDecimal(f.probesHealthy)} / ${oneDecimal(f.probesOutage)}`),
    ),
  ]
}

/** One line per candidate spread: what the decision needs. */
export function candidateLines(rows: { spreadMs: number; figures: PolicyFigures }[]): string[] {
  return [
    '| recoverySpreadMs | recovery peak, ratio | peak second | edits enabled p95 (s) | page data fresh p50 / p95 (s) |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      ({ spreadMs, figures: f }) =>
        `| ${spreadMs} | ${round(f.recoveryPeak10sRps)}, ${ratio(f.recoveryPeak10sRps, f.healthyRps)} | ${round(f.recoveryPeak1sRps)} | ${oneDecimal(f.editsEnabled.p95)} | ${oneDecimal(f.dataFresh.p50)} / ${oneDecimal(f.dataFresh.p95)} |`,
    ),
  ]
}
