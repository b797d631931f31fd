/**
 * `npm run bench:fleet`: the load a fleet of open consoles puts on the billing provider during an
 * outage and at its recovery, under the app's own resilience runtime (createResilienceRuntime per
 * tab, on a simulated clock) and under the library defaults, side by side, and how soon shown
 * sessions get their edits back. The app's status report is the gateway's own health detector fed
 * the fleet's provider calls (scripts/fleet/gateway-detector.ts), beside today's assumption (a
 * fixed delay) for comparison. See docs/performance.md for a run and how to read it.
 *
 *   --browsers N                  browsers simulated (default 2500; counts are scaled to the fleet)
 *   --fleet N                     the fleet the figures are for (default 100000)
 *   --outage-minutes M            (default 60)
 *   --seed S                      (default 1)
 *   --report detector|assumed|both  the app's report from the gateway's detector, from the assumption below, or
 *                                 the app once under each (default both: a column each)
 *   --status-detection-delay-s S  the assumed report says the provider is down S s after the outage starts (default 30)
 *   --status-recovery-delay-s S   ...and back S s after it ends (default 0)
 *   --provider-hang               in the outage the provider never answers (default: 503 at once)
 *   --exact-ticks                 tick every hidden tab's runtime every second too (slower, same result)
 *   what-ifs, not the app's config:
 *   --no-status-report            the status endpoint never reports the outage: the browsers' breakers alone, no gateway
 *   --recovery-spread-s S         another spread of the recovery refetch than src/config/resilience.ts's
 *   --spread-candidates S,S,...   the app alone, once per spread (s), one line each
 */
import { parseArgs } from 'node:util'
import { candidateLines, describeModel, table } from './fleet/report'
import { runFleet, simulatePolicy, summarize, type FleetOptions, type ReportModel } from './fleet/run-fleet'
import { defaultStatusTiming } from './fleet/status-endpoint'

const { values } = parseArgs({
  options: {
    browsers: { type: 'string', default: '2500' },
    fleet: { type: 'string', default: '100000' },
    'outage-minutes': { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    report: { type: 'string', default: 'both' },
    'status-detection-delay-s': { type: 'string', default: String(defaultStatusTiming.detectionDelayMs / 1000) },
    'status-recovery-delay-s': { type: 'string', default: String(defaultStatusTiming.recoveryReportDelayMs / 1000) },
    'provider-hang': { type: 'boolean', default: false },
    'exact-ticks': { type: 'boolean', default: false },
    'no-status-report': { type: 'boolean', default: false },
    'recovery-spread-s': { type: 'string' },
    'spread-candidates': { type: 'string' },
  },
})

function positiveInteger(name: string, value: string | undefined): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} must be a positive integer, got ${value}`)
  return number
}

function nonNegativeSeconds(name: string, value: string | undefined): number {
  const number = Number(value)
  if (value === undefined || value.trim() === '' || !Number.isFinite(number) || number < 0)
    throw new Error(`--${name} must be a number of seconds >= 0, got ${value}`)
  return number
}

const reportModels: readonly ReportModel[] = ['detector', 'assumed', 'both']
function reportModel(value: string | undefined): ReportModel {
  const model = reportModels.find((candidate) => candidate === value)
  if (!model) throw new Error(`--report must be one of ${reportModels.join(', ')}, got ${value}`)
  return model
}

const fleetSize = positiveInteger('fleet', values.fleet)
const options: FleetOptions = {
  fleetSize,
  browsers: Math.min(fleetSize, positiveInteger('browsers', values.browsers)),
  outageMinutes: positiveInteger('outage-minutes', values['outage-minutes']),
  seed: positiveInteger('seed', values.seed),
  report: reportModel(values.report),
  statusTiming: {
    detectionDelayMs: nonNegativeSeconds('status-detection-delay-s', values['status-detection-delay-s']) * 1000,
    recoveryReportDelayMs: nonNegativeSeconds('status-recovery-delay-s', values['status-recovery-delay-s']) * 1000,
  },
  statusReport: !values['no-status-report'],
  outageMode: values['provider-hang'] ? 'hang' : '503',
  exactTicks: values['exact-ticks'],
  ...(values['recovery-spread-s'] === undefined
    ? {}
    : { recoverySpreadMs: nonNegativeSeconds('recovery-spread-s', values['recovery-spread-s']) * 1000 }),
}

const startedAt = performance.now()
const lines = describeModel(options)
if (values['spread-candidates'] !== undefined) {
  const spreads = values['spread-candidates']
    .split(',')
    .map((value) => nonNegativeSeconds('spread-candidates', value) * 1000)
  const rows = []
  for (const spreadMs of spreads) {
    const candidate = { ...options, recoverySpreadMs: spreadMs }
    rows.push({ spreadMs, figures: summarize(await simulatePolicy('app', candidate), candidate) })
  }
  lines.push(
    `# app only, once per candidate recovery spread (the rest as above); healthy ${Math.round(rows[0]?.figures.healthyRps ?? 0)} req/s.`,
    ...candidateLines(rows),
  )
} else {
  lines.push(...table(await runFleet(options)))
}
lines.push(`# ran in ${Math.round((performance.now() - startedAt) / 1000)} s`)
console.log(lines.join('\n'))
