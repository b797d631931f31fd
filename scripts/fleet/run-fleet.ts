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
}

export async function simulatePolicy(policy: Policy, options: FleetOptions): Promise<PolicyRun> {
  const minute = 60_000
  const outage = { startMs: timeline.healthyMinutes * minute, endMs: (timeline.healthyMinutes + options.outageMinutes) * minute }
  const endMs = outage.endMs + timeline.afterMinutes * minute
  const simulation = new Simulation()
  const provider = new Provider(simulation, outage, new RequestLog(endMs))
  const recoverySeconds: number[] = []

  await withSimulatedGlobals(simulation, seededRandom(options.seed), async () => {
    for (let index = 0; index < options.sessions; index++) {
      const session = new Session(simulation, (self) =>
        policy === 'defaults'
          ? new DefaultsClient(simulation, provider)
          : new AppClient(simulation, provider, {
              exactTicks: options.exactTicks ?? false,
              onClosed: (capability) => {
                if (capability === 'subscription' && simulation.now >= outage.endMs) {
                  recoverySeconds.push((simulation.now - outage.endMs) / 1000)
                }
              },
              refetchActivePage: () => self.refetch(),
            }),
      )
      session.start()
    }
    await simulation.runUntil(endMs)
  })

  return { policy, perSecond: provider.log.perSecond, outage, recoverySeconds }
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
  const recovery = rates(endMs, endMs + timeline.recoveryWindowSeconds * 1000)
  const byPurpose = (purpose: Purpose) => mean(rates(startMs, endMs, [purpose]))
  const sorted = [...run.recoverySeconds].sort((a, b) => a - b)
  return {
    healthyRpsMean: mean(healthy),
    healthyRpsPeak: peak(healthy),
    outageRpsMean: mean(outage),
    outageRpsPeak: peak(outage),
    recoveryRpsPeakFirstMinute: peak(recovery),
    recoveryRpsMeanFirstMinute: mean(recovery),
    outageRpsByPurpose: {
      view: byPurpose('view'),
      reload: byPurpose('reload'),
      retry: byPurpose('retry'),
      probe: byPurpose('probe'),
      refetch: byPurpose('refetch'),
    },
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
