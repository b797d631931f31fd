/** The bench's printed output: the model, one figure per line (`name value`), then a table side by side. */
import { breaker, retries, statusPolling } from '../../src/config/resilience'
import { tanstackDefaults } from './defaults-client'
import { latency } from './provider'
import type { FleetResult, PolicyFigures } from './run-fleet'
import { defaultStatusTiming, statusLatencyMs } from './status-endpoint'
import { userModel } from './user-model'

const rps = (value: number) => String(Math.round(value))
const scaleFactor = ({ options }: FleetResult) => Number((options.fleetSize / options.sessions).toFixed(2))
const seconds = (value: number | null) => (value === null ? 'n/a' : value.toFixed(1))

const gated = ({ options }: FleetResult) => options.statusGate ?? true
const timing = ({ options }: FleetResult) => options.statusTiming ?? defaultStatusTiming

export function describeModel(result: FleetResult): string[] {
  const { options } = result
  const { detectionDelayMs, recoveryReportDelayMs } = timing(result)
  const sampled = options.sessions < options.fleetSize
  return [
    `# Fleet load on the provider: ${options.fleetSize} open admin sessions, a ${options.outageMinutes}-minute provider outage, then recovery (seed ${options.seed}).`,
    sampled
      ? `# Simulated: a random sample of ${options.sessions} sessions with the exact code, counts scaled by ${scaleFactor(result)}.`
      : '# Simulated: every session.',
    `# Admins (both policies): one browser with one tab each; a provider-backed page view after an exponential think time (mean ${userModel.thinkMeanMs / 1000} s);`,
    `#   each view reads the subscription and, on ${userModel.invoicesShare * 100} % of pages, the invoices too (in parallel); a page still in error is`,
    `#   reloaded by the admin after ${userModel.reloadMinMs / 1000}-${userModel.reloadMaxMs / 1000} s, up to ${userModel.maxReloads} times. Refetch on focus/reconnect ignored for both.`,
    `# Provider: answers in ${latency.okMs} ms; during the outage every call answers 503 after ${latency.failMs} ms.`,
    `# Status endpoint (the vendor's own, up throughout, answers in ${statusLatencyMs} ms): reports the provider's components down from`,
    `#   ${detectionDelayMs / 1000} s after the outage starts until ${recoveryReportDelayMs / 1000} s after it ends; polled by each session on its own phase,`,
    `#   every ${statusPolling.healthyIntervalMs / 1000} s while operational, every ${statusPolling.degradedIntervalMs / 1000} s otherwise (deriveAvailability).`,
    `# app: the real SharedBreaker per capability (opens after ${breaker.consecutiveFailures} consecutive failures; probe after ${breaker.probeInitialDelayMs / 2000}-${breaker.probeInitialDelayMs / 1000} s,`,
    `#   doubling to ${breaker.probeMaxDelayMs / 2000}-${breaker.probeMaxDelayMs / 1000} s; prober tick ${breaker.probeTickMs / 1000} s), reads retried up to ${retries.maxRetries} times by isRetriable/retryDelayMs,`,
    gated(result)
      ? `#   the real probe gate: no probe and no call of an open capability while the status endpoint reports it down, then a probe after a random 0-${breaker.probeSpreadMs / 1000} s;`
      : '#   NO status gate (what-if --no-status-gate): every open tab probes as its breaker allows, whatever the status endpoint says;',
    options.refetchEveryQuery
      ? '#   a closing breaker refetches EVERY query on screen (what-if --refetch-every-query).'
      : "#   a closing breaker refetches that capability's queries on screen.",
    `# defaults: TanStack Query retry ${tanstackDefaults.retry}, retryDelay min(1000 * 2^n, 30000) ms, no breaker, no time-out.`,
  ]
}

export function figureLines(result: FleetResult): string[] {
  const { options, figures } = result
  const { app, defaults } = figures
  return [
    `fleet-sessions ${options.fleetSize}`,
    `sessions-simulated ${options.sessions}`,
    `scale-factor ${scaleFactor(result)}`,
    `outage-minutes ${options.outageMinutes}`,
    `seed ${options.seed}`,
    `status-gate ${gated(result) ? 'on' : 'off'}`,
    `refetch-on-close ${options.refetchEveryQuery ? 'every-query' : 'capability'}`,
    `status-detection-delay-s ${timing(result).detectionDelayMs / 1000}`,
    `status-recovery-delay-s ${timing(result).recoveryReportDelayMs / 1000}`,
    `healthy-rps ${rps((app.healthyRpsMean + defaults.healthyRpsMean) / 2)}`,
    `healthy-rps-peak ${rps(Math.max(app.healthyRpsPeak, defaults.healthyRpsPeak))}`,
    `app-outage-rps-mean ${rps(app.outageRpsMean)}`,
    `app-outage-rps-peak ${rps(app.outageRpsPeak)}`,
    `app-recovery-rps-peak-first-minute ${rps(app.recoveryRpsPeakFirstMinute)}`,
    `app-recovery-rps-mean-first-minute ${rps(app.recoveryRpsMeanFirstMinute)}`,
    `app-recovery-probes-and-refetches-rps-mean-first-minute ${rps(app.recoveryRpsByPurpose.probe + app.recoveryRpsByPurpose.refetch)}`,
    `app-recovery-seconds-p50 ${seconds(app.recoverySecondsP50)}`,
    `app-recovery-seconds-p95 ${seconds(app.recoverySecondsP95)}`,
    `app-recovery-seconds-max ${seconds(app.recoverySecondsMax)}`,
    `app-status-endpoint-rps-healthy ${rps(app.statusRpsHealthy)}`,
    `app-status-endpoint-rps-outage ${rps(app.statusRpsOutage)}`,
    `defaults-outage-rps-mean ${rps(defaults.outageRpsMean)}`,
    `defaults-outage-rps-peak ${rps(defaults.outageRpsPeak)}`,
    `defaults-recovery-rps-peak-first-minute ${rps(defaults.recoveryRpsPeakFirstMinute)}`,
    `defaults-recovery-rps-mean-first-minute ${rps(defaults.recoveryRpsMeanFirstMinute)}`,
  ]
}

export function table(result: FleetResult): string[] {
  const { app, defaults } = result.figures
  const row = (label: string, value: (figures: PolicyFigures) => string) => `| ${label} | ${value(app)} | ${value(defaults)} |`
  const byPurpose = (figures: PolicyFigures, ...purposes: (keyof PolicyFigures['outageRpsByPurpose'])[]) =>
    rps(purposes.reduce((sum, purpose) => sum + figures.outageRpsByPurpose[purpose], 0))
  return [
    `| provider requests per second, whole fleet | ${gated(result) ? 'app' : 'app without its status gate (what-if)'} | library defaults |`,
    '| --- | ---: | ---: |',
    row('healthy, mean', (f) => rps(f.healthyRpsMean)),
    row('outage, mean', (f) => rps(f.outageRpsMean)),
    row('… of which page views and reloads', (f) => byPurpose(f, 'view', 'reload')),
    row('… of which automatic retries', (f) => byPurpose(f, 'retry')),
    row('… of which breaker probes', (f) => byPurpose(f, 'probe')),
    row('outage, peak second', (f) => rps(f.outageRpsPeak)),
    row('first minute after recovery, mean', (f) => rps(f.recoveryRpsMeanFirstMinute)),
    row('… of which probes and refetches', (f) => rps(f.recoveryRpsByPurpose.probe + f.recoveryRpsByPurpose.refetch)),
    row('first minute after recovery, peak second', (f) => rps(f.recoveryRpsPeakFirstMinute)),
    row('provider back → breaker closed, p50 / p95 / max (s)', (f) =>
      f.recoverySecondsP50 === null ? 'no breaker' : `${seconds(f.recoverySecondsP50)} / ${seconds(f.recoverySecondsP95)} / ${seconds(f.recoverySecondsMax)}`,
    ),
    `| not provider load: polls of the vendor's status endpoint per second, healthy / outage | ${rps(app.statusRpsHealthy)} / ${rps(app.statusRpsOutage)} | none |`,
  ]
}
