/**
 * One fleet run per policy: the same admins (user-model.ts), the same provider outage, the same
 * seed; only the request policy differs. Counts are per simulated second, scaled from the
 * simulated sessions to the fleet.
 */
import { AppClient } from './app-client'
import { DefaultsClient } from './defaults-client'
import { Provider, RequestLog, purposes, type Purpose, type Window } from './provider'
import { seededRandom } from './random'
import { Simulation, withSimulatedGlobals } from './simulation'
import { StatusEndpoint, defaultStatusTiming, type StatusTiming } from './status-endpoint'
import { Session } from './user-model'

export type Policy = 'app' | 'defaults'

export type FleetOptions = {
  /** The fleet the figures are for. */
  fleetSize: number
  /** How many of its sessions are simulated (all of them, or a sample scaled up). */
  sessions: number
  outageMinutes: number
  seed: number
  /** See AppClientOptions.exactTicks. */
  exactTicks?: boolean
  /** See AppClientOptions.statusGate (default true: the app as it is). */
  statusGate?: boolean
  /** When the status endpoint reports the outage and the recovery (default: defaultStatusTiming). */
  statusTiming?: StatusTiming
  /** What-if: a closing breaker refetches every query on screen, as the app did before (default false: that capability's only). */
  refetchEveryQuery?: boolean
}

/** Healthy minutes before the outage (the baseline) and minutes watched after it. */
export const timeline = { healthyMinutes: 5, afterMinutes: 10, recoveryWindowSeconds: 60 }

export type PolicyRun = {
  policy: Policy
  /** Requests per simulated second by purpose, for the simulated sessions (not scaled). */
  perSecond: Record<Purpose, Float64Array>
  outage: Window
  /** Per session, seconds from the provider's return to its subscription breaker closing (app only). */
  recoverySeconds: number[]
  /** Polls of the vendor's own status endpoint per simulated second (app only; not provider load). */
  statusPerSecond: Float64Array
}

export async function simulatePolicy(policy: Policy, options: FleetOptions): Promise<PolicyRun> {
  const minute = 60_000
  const outage = { startMs: timeline.healthyMinutes * minute, endMs: (timeline.healthyMinutes + options.outageMinutes) * minute }
  const endMs = outage.endMs + timeline.afterMinutes * minute
  const simulation = new Simulation()
  const provider = new Provider(simulation, outage, new RequestLog(endMs))
  const status = new StatusEndpoint(simulation, outage, options.statusTiming ?? defaultStatusTiming, endMs)
  const recoverySeconds: number[] = []
  const random = seededRandom(options.seed)

  await withSimulatedGlobals(simulation, random, async () => {
    for (let index = 0; index < options.sessions; index++) {
      const session = new Session(simulation, (self) =>
        policy === 'defaults'
          ? new DefaultsClient(simulation, provider)
          : new AppClient(simulation, provider, status, {
              exactTicks: options.exactTicks ?? false,
              statusGate: options.statusGate ?? true,
              random,
              onClosed: (capability) => {
                if (capability === 'subscription' && simulation.now >= outage.endMs) {
                  recoverySeconds.push((simulation.now - outage.endMs) / 1000)
                }
              },
              refetch: (capability) => (options.refetchEveryQuery ? self.refetchPage() : self.refetch(capability)),
            }),
      )
      session.start()
    }
    await simulation.runUntil(endMs)
  })

  return { policy, perSecond: provider.log.perSecond, outage, recoverySeconds, statusPerSecond: status.perSecond }
}

/** Status endpoint polls per second for the whole fleet in each second of [startMs, endMs). */
export function fleetStatusRpsPerSecond(run: PolicyRun, options: FleetOptions, startMs: number, endMs: number): Float64Array {
  const scale = options.fleetSize / options.sessions
  return run.statusPerSecond.subarray(startMs / 1000, endMs / 1000).map((count) => count * scale)
}

/** Requests per second for the whole fleet in each second of [startMs, endMs), for some purposes (all by default). */
export function fleetRpsPerSecond(run: PolicyRun, options: FleetOptions, startMs: number, endMs: number, only: readonly Purpose[] = purposes): Float64Array {
  const scale = options.fleetSize / options.sessions
  const rates = new Float64Array((endMs - startMs) / 1000)
  for (const purpose of only) {
    run.perSecond[purpose].subarray(startMs / 1000, endMs / 1000).forEach((count, index) => {
      rates[index] = (rates[index] ?? 0) + count * scale
    })
  }
  return rates
}

export const mean = (values: Float64Array) => values.reduce((sum, value) => sum + value, 0) / values.length
export const peak = (values: Float64Array) => values.reduce((max, value) => Math.max(max, value), 0)

export type PolicyFigures = {
  healthyRpsMean: number
  healthyRpsPeak: number
  outageRpsMean: number
  outageRpsPeak: number
  recoveryRpsPeakFirstMinute: number
  recoveryRpsMeanFirstMinute: number
  /** Mean rate in the outage, by purpose. */
  outageRpsByPurpose: Record<Purpose, number>
  /** Mean rate in the first minute after the outage, by purpose. */
  recoveryRpsByPurpose: Record<Purpose, number>
  /** Polls of the vendor's own status endpoint (not the provider), mean per second. */
  statusRpsHealthy: number
  statusRpsOutage: number
  recoverySecondsP50: number | null
  recoverySecondsP95: number | null
  recoverySecondsMax: number | null
}

/** Reduces a run to requests per second for the whole fleet. */
export function summarize(run: PolicyRun, options: FleetOptions): PolicyFigures {
  const rates = (startMs: number, endMs: number, only?: readonly Purpose[]) => fleetRpsPerSecond(run, options, startMs, endMs, only)
  const { startMs, endMs } = run.outage
  const healthy = rates(0, startMs)
  const outage = rates(startMs, endMs)
  const recoveryEndMs = endMs + timeline.recoveryWindowSeconds * 1000
  const recovery = rates(endMs, recoveryEndMs)
  const status = (from: number, to: number) => mean(fleetStatusRpsPerSecond(run, options, from, to))
  const byPurpose = (from: number, to: number) =>
    Object.fromEntries(purposes.map((purpose) => [purpose, mean(rates(from, to, [purpose]))])) as Record<Purpose, number>
  const sorted = [...run.recoverySeconds].sort((a, b) => a - b)
  return {
    healthyRpsMean: mean(healthy),
    healthyRpsPeak: peak(healthy),
    outageRpsMean: mean(outage),
    outageRpsPeak: peak(outage),
    recoveryRpsPeakFirstMinute: peak(recovery),
    recoveryRpsMeanFirstMinute: mean(recovery),
    outageRpsByPurpose: byPurpose(startMs, endMs),
    recoveryRpsByPurpose: byPurpose(endMs, recoveryEndMs),
    statusRpsHealthy: status(0, startMs),
    statusRpsOutage: status(startMs, endMs),
    recoverySecondsP50: percentile(sorted, 0.5),
    recoverySecondsP95: percentile(sorted, 0.95),
    recoverySecondsMax: sorted.at(-1) ?? null,
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? null
}

export type FleetResult = {
  options: FleetOptions
  runs: Record<Policy, PolicyRun>
  figures: Record<Policy, PolicyFigures>
  sessionsRecovered: number
}

export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const app = await simulatePolicy('app', options)
  const defaults = await simulatePolicy('defaults', options)
  return {
    options,
    runs: { app, defaults },
    figures: { app: summarize(app, options), defaults: summarize(defaults, options) },
    sessionsRecovered: app.recoverySeconds.length,
  }
}
