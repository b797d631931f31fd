/**
 * `npm run bench:fleet`: the load a fleet of open admin sessions puts on the billing provider
 * during an outage and at its recovery, under the app's request policy (real breaker, probe gate
 * and retry code, on a simulated clock) and under the library defaults, side by side. See
 * docs/performance.md for a run and how to read it.
 *
 *   --sessions N          sessions simulated (default 2500; counts are scaled to the fleet)
 *   --fleet N             the fleet the figures are for (default 100000)
 *   --outage-minutes M    (default 60)
 *   --seed S              (default 1)
 *   --exact-ticks         tick the prober every second instead of skipping refused ticks (slow, same result)
 *   --status-detection-delay-s S   the status endpoint reports the provider down S s after the outage starts (default 30)
 *   --status-recovery-delay-s S    ...and operational again S s after it ends (default 0)
 *   --no-status-gate      what-if: the app without its probe gate (browsers probe whatever the status endpoint says)
 *   --refetch-every-query what-if: a closing breaker refetches every query on screen, not only its capability's
 *   --probe-initial-delay-ms / --probe-max-delay-ms / --probe-spread-ms   what-if: other numbers than the app's config
 */
import { parseArgs } from 'node:util'
import { breaker } from '../src/config/resilience'
import { describeModel, figureLines, table } from './fleet/report'
import { runFleet, type FleetOptions } from './fleet/run-fleet'
import { defaultStatusTiming } from './fleet/status-endpoint'

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '2500' },
    fleet: { type: 'string', default: '100000' },
    'outage-minutes': { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    'exact-ticks': { type: 'boolean', default: false },
    'status-detection-delay-s': { type: 'string', default: String(defaultStatusTiming.detectionDelayMs / 1000) },
    'status-recovery-delay-s': { type: 'string', default: String(defaultStatusTiming.recoveryReportDelayMs / 1000) },
    'no-status-gate': { type: 'boolean', default: false },
    'refetch-every-query': { type: 'boolean', default: false },
    'probe-initial-delay-ms': { type: 'string' },
    'probe-max-delay-ms': { type: 'string' },
    'probe-spread-ms': { type: 'string' },
  },
})

function positiveInteger(name: string, value: string | undefined): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} must be a positive integer, got ${value}`)
  return number
}

function nonNegativeSeconds(name: string, value: string | undefined): number {
  const number = Number(value)
  if (value === undefined || value.trim() === '' || !Number.isFinite(number) || number < 0) throw new Error(`--${name} must be a number of seconds >= 0, got ${value}`)
  return number
}

const fleetSize = positiveInteger('fleet', values.fleet)
const options: FleetOptions = {
  fleetSize,
  sessions: Math.min(fleetSize, positiveInteger('sessions', values.sessions)),
  outageMinutes: positiveInteger('outage-minutes', values['outage-minutes']),
  seed: positiveInteger('seed', values.seed),
  exactTicks: values['exact-ticks'],
  statusGate: !values['no-status-gate'],
  refetchEveryQuery: values['refetch-every-query'],
  statusTiming: {
    detectionDelayMs: nonNegativeSeconds('status-detection-delay-s', values['status-detection-delay-s']) * 1000,
    recoveryReportDelayMs: nonNegativeSeconds('status-recovery-delay-s', values['status-recovery-delay-s']) * 1000,
  },
}

// A what-if changes the app's own config object for this process only: SharedBreaker and the probe gate read it.
const whatIf: string[] = []
if (values['probe-initial-delay-ms'] !== undefined) {
  breaker.probeInitialDelayMs = positiveInteger('probe-initial-delay-ms', values['probe-initial-delay-ms'])
  whatIf.push(`probeInitialDelayMs=${breaker.probeInitialDelayMs}`)
}
if (values['probe-max-delay-ms'] !== undefined) {
  breaker.probeMaxDelayMs = positiveInteger('probe-max-delay-ms', values['probe-max-delay-ms'])
  whatIf.push(`probeMaxDelayMs=${breaker.probeMaxDelayMs}`)
}
if (values['probe-spread-ms'] !== undefined) {
  // 0 is a what-if too: every browser probes at the first tick after the poll that told it.
  breaker.probeSpreadMs = values['probe-spread-ms'] === '0' ? 0 : positiveInteger('probe-spread-ms', values['probe-spread-ms'])
  whatIf.push(`probeSpreadMs=${breaker.probeSpreadMs}`)
}
if (values['no-status-gate']) whatIf.push('no status gate')
if (values['refetch-every-query']) whatIf.push('every query refetched when a breaker closes')

const startedAt = performance.now()
const result = await runFleet(options)
const lines = [
  ...describeModel(result),
  ...(whatIf.length > 0 ? [`# WHAT-IF, not the app's config: ${whatIf.join(', ')}`] : []),
  ...figureLines(result),
  '',
  ...table(result),
  '',
  `# ran in ${Math.round((performance.now() - startedAt) / 1000)} s`,
]
console.log(lines.join('\n'))
