/**
 * One fleet run per policy: the same browsers (session-browser.ts, each on its own seeded streams),
 * the same provider outage, the same status endpoint; only the request policy differs. Counts
 * are per simulated second, scaled from the simulated browsers to the fleet (except the status
 * origin's: the CDN's edge nodes serve the whole fleet; and the gateway's probes: one gateway's).
 *
 * The app's report comes from the gateway's detector fed the fleet's calls (gateway-detector.ts),
 * or from today's assumption (a fixed delay, `statusTiming`); `report: 'both'` runs the app under
 * each, for comparison. The library defaults never poll the report and go straight to the provider.
 */
import { recoverySpreadMs } from '../../src/config/resilience'
import { AppTabClient, appStaleTimeMs } from './app-client'
import { DefaultsTabClient, tanstackDefaults } from './defaults-client'
import { GatewayDetector } from './gateway-detector'
import { directRoute, Provider, RequestLog, purposes, type OutageMode, type Purpose, type Window } from './provider'
import { seededRandom, streamSeed } from './random'
import { assumedTimeline, type ReportTimeline } from './report-timeline'
import { Browser } from './session-browser'
import { RecoveryRecorder, sessionModel, type SessionModel } from './session-model'
import { Simulation, withSimulatedGlobals } from './simulation'
import { StatusEndpoint, defaultStatusTiming, type StatusTiming } from './status-endpoint'

export type Policy = 'app' | 'defaults'

/**
 * Where the app's status report comes from: the gateway's detector (gateway-detector.ts), today's
 * assumption (`statusTiming`), or `both` (runFleet runs the app under each; simulatePolicy, the detector).
 */
export type ReportModel = 'detector' | 'assumed' | 'both'

export type FleetOptions = {
  /** The fleet the figures are for (browsers with the console open). */
  fleetSize: number
  /** How many of its browsers are simulated (a sample scaled up). */
  browsers: number
  outageMinutes: number
  seed: number
  /** Default `detector`. */
  report?: ReportModel
  /** With the assumed report: when it says down and back (default: defaultStatusTiming). */
  statusTiming?: StatusTiming
  /** What-if false: the status endpoint never reports the outage (the browsers' breakers alone, no gateway). */
  statusReport?: boolean
  /** What-if: another spread of the recovery refetch than src/config/resilience.ts's. */
  recoverySpreadMs?: number
  outageMode?: OutageMode
  /** See AppClientOptions.exactTicks. */
  exactTicks?: boolean
  /** Other assumptions than sessionModel's (tests). */
  sessionModel?: Partial<SessionModel>
}

/** Healthy minutes before the outage (the baseline) and minutes watched after it. */
export const timeline = { healthyMinutes: 5, afterMinutes: 10, recoveryWindowSeconds: 60, peakWindowSeconds: 10 }

export type PolicyRun = {
  policy: Policy
  /** Whether the gateway's detector made the report (and its breaker stood before the provider). */
  detector: boolean
  /** Provider requests per simulated second by purpose, for the simulated browsers (not scaled). */
  perSecond: Record<Purpose, Float64Array>
  /** The gateway's probes per simulated second (one gateway's, not scaled; none without the detector). */
  probesPerSecond: Float64Array
  /** Browser requests the gateway's open breaker answered itself, per simulated second (not scaled). */
  refusedPerSecond: Float64Array
  /** What the status report said of each capability, over the run. */
  report: ReportTimeline
  outage: Window
  recorder: RecoveryRecorder
  /** Browsers' polls of the status endpoint per simulated second (simulated browsers, not scaled; none for the defaults). */
  pollsPerSecond: Float64Array
  /** Requests reaching the status origin behind the CDN per simulated second (whole fleet). */
  originPerSecond: Float64Array
}

export const effectiveSpreadMs = (options: FleetOptions) => options.recoverySpreadMs ?? recoverySpreadMs
export const effectiveTiming = (options: FleetOptions): StatusTiming => {
  const timing = options.statusTiming ?? defaultStatusTiming
  return options.statusReport === false ? { ...timing, detectionDelayMs: Infinity } : timing
}
/** Whether the app's run puts the gateway's detector (and breaker) between it and the provider. */
export const usesDetector = (options: FleetOptions) => options.statusReport !== false && options.report !== 'assumed'

export async function simulatePolicy(policy: Policy, options: FleetOptions): Promise<PolicyRun> {
  const minute = 60_000
  const outage = {
    startMs: timeline.healthyMinutes * minute,
    endMs: (timeline.healthyMinutes + options.outageMinutes) * minute,
  }
  const endMs = outage.endMs + timeline.afterMinutes * minute
  const simulation = new Simulation()
  const provider = new Provider(simulation, outage, new RequestLog(endMs), options.outageMode)
  const gateway = policy === 'app' && usesDetector(options) ? new GatewayDetector(simulation, provider, endMs) : null
  const route = gateway ?? directRoute(provider)
  const report = gateway?.timeline ?? assumedTimeline(outage, effectiveTiming(options))
  const status = new StatusEndpoint(simulation, report, endMs, options.browsers / options.fleetSize)
  const recorder = new RecoveryRecorder(outage.endMs)
  const random = seededRandom(streamSeed(options.seed, 0))
  const model = { ...sessionModel, ...options.sessionModel }

  await withSimulatedGlobals(simulation, random, async () => {
    const browsers = Array.from(
      { length: options.browsers },
      (_, index) =>
        new Browser(simulation, {
          model,
          staleTimeMs: policy === 'app' ? appStaleTimeMs : tanstackDefaults.staleTimeMs,
          visibilityRandom: seededRandom(streamSeed(options.seed, 1, index)),
          adminRandom: seededRandom(streamSeed(options.seed, 2, index)),
          recorder,
          createClient: (tab, browser) =>
            policy === 'app'
              ? new AppTabClient(simulation, route, status, tab, browser, {
                  random,
                  recoverySpreadMs: effectiveSpreadMs(options),
                  exactTicks: options.exactTicks ?? false,
                })
              : new DefaultsTabClient(simulation, provider),
        }),
    )
    gateway?.start()
    for (const browser of browsers) browser.start()
    simulation.at(outage.endMs, () => browsers.forEach((browser) => browser.providerBack()))
    await simulation.runUntil(endMs)
  })

  return {
    policy,
    detector: gateway !== null,
    perSecond: provider.log.perSecond,
    probesPerSecond: provider.log.probesPerSecond,
    refusedPerSecond: gateway?.refusedPerSecond ?? new Float64Array(provider.log.probesPerSecond.length),
    report,
    outage,
    recorder,
    pollsPerSecond: status.pollsPerSecond,
    originPerSecond: status.originPerSecond,
  }
}

/** Provider requests per second for the whole fleet in each second of [startMs, endMs), for some purposes (all by default). */
export function fleetRpsPerSecond(
  run: PolicyRun,
  options: FleetOptions,
  startMs: number,
  endMs: number,
  only: readonly Purpose[] = purposes,
): Float64Array {
  const scale = options.fleetSize / options.browsers
  const rates = new Float64Array((endMs - startMs) / 1000)
  for (const purpose of only) {
    run.perSecond[purpose].subarray(startMs / 1000, endMs / 1000).forEach((count, index) => {
      rates[index] = (rates[index] ?? 0) + count * scale
    })
  }
  return rates
}

export const mean = (values: Float64Array) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length
export const peak = (values: Float64Array) => values.reduce((max, value) => Math.max(max, value), 0)

/** The highest mean over `seconds` consecutive seconds: a burst, without most of a sample's per-second noise. */
export function rollingPeak(values: Float64Array, seconds: number): number {
  let best = 0
  let sum = 0
  for (let index = 0; index < values.length; index++) {
    sum += values[index]!
    if (index >= seconds) sum -= values[index - seconds]!
    if (index >= seconds - 1) best = Math.max(best, sum / seconds)
  }
  return best
}

export type Percentiles = { count: number; p50: number | null; p95: number | null; max: number | null }

export type PolicyFigures = {
  /** The report came from the gateway's detector (see PolicyRun.detector). */
  detector: boolean
  healthyRps: number
  /** The healthy minutes' highest 10-s mean: the sample's noise floor for the recovery peak. */
  healthyPeak10sRps: number
  outageRps: number
  /** The first minute after the provider is back: its highest 10-s mean, its highest second, its mean. */
  recoveryPeak10sRps: number
  recoveryPeak1sRps: number
  recoveryMeanRps: number
  /** First minute's mean of the app's recovery refetches and cheapest reads (`trial`). */
  recoveryTrialRps: number
  editsEnabled: Percentiles
  editsHiddenFirst: number
  shownEditsEnabled: Percentiles
  dataFresh: Percentiles
  /** Browsers' status polls per second (whole fleet) and origin requests per second, healthy and in the outage. */
  pollsHealthy: number
  pollsOutage: number
  originHealthy: number
  originOutage: number
  /** The outage's start → the report says down, and the provider's return → operational again (s). */
  reportDown: ReportDelay
  reportBack: ReportDelay
  /** The gateway's probes per second (one gateway), healthy and in the outage; 0 without the detector. */
  probesHealthy: number
  probesOutage: number
  /** Browser requests per second (whole fleet) the gateway's open breaker answered itself, in the outage. */
  refusedOutage: number
}

/** Seconds until the report said it of its first component, and of every one (null: never). */
export type ReportDelay = { first: number | null; every: number | null }

function reportDelay(report: ReportTimeline, fromMs: number, health: 'down' | 'operational'): ReportDelay {
  const after = (at: number | null) => (at === null ? null : (at - fromMs) / 1000)
  return {
    first: after(report.firstWhen(fromMs, health, 'first')),
    every: after(report.firstWhen(fromMs, health, 'every')),
  }
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) =>
    sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? null)
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? null }
}

/** Reduces a run to rates for the whole fleet and recovery times. */
export function summarize(run: PolicyRun, options: FleetOptions): PolicyFigures {
  const rates = (startMs: number, endMs: number, only?: readonly Purpose[]) =>
    fleetRpsPerSecond(run, options, startMs, endMs, only)
  const scale = options.fleetSize / options.browsers
  const { startMs, endMs } = run.outage
  const recoveryEndMs = endMs + timeline.recoveryWindowSeconds * 1000
  const healthy = rates(0, startMs)
  const recovery = rates(endMs, recoveryEndMs)
  const perSecond = (values: Float64Array, from: number, to: number, factor: number) =>
    mean(values.subarray(from / 1000, to / 1000)) * factor
  return {
    detector: run.detector,
    healthyRps: mean(healthy),
    healthyPeak10sRps: rollingPeak(healthy, timeline.peakWindowSeconds),
    outageRps: mean(rates(startMs, endMs)),
    recoveryPeak10sRps: rollingPeak(recovery, timeline.peakWindowSeconds),
    recoveryPeak1sRps: peak(recovery),
    recoveryMeanRps: mean(recovery),
    recoveryTrialRps: mean(rates(endMs, recoveryEndMs, ['trial'])),
    editsEnabled: percentiles(run.recorder.editsEnabled),
    editsHiddenFirst: run.recorder.editsHiddenFirst,
    shownEditsEnabled: percentiles(run.recorder.shownEditsEnabled),
    dataFresh: percentiles(run.recorder.dataFresh),
    pollsHealthy: perSecond(run.pollsPerSecond, 0, startMs, scale),
    pollsOutage: perSecond(run.pollsPerSecond, startMs, endMs, scale),
    originHealthy: perSecond(run.originPerSecond, 0, startMs, 1),
    originOutage: perSecond(run.originPerSecond, startMs, endMs, 1),
    reportDown: reportDelay(run.report, startMs, 'down'),
    reportBack: reportDelay(run.report, endMs, 'operational'),
    probesHealthy: perSecond(run.probesPerSecond, 0, startMs, 1),
    probesOutage: perSecond(run.probesPerSecond, startMs, endMs, 1),
    refusedOutage: perSecond(run.refusedPerSecond, startMs, endMs, scale),
  }
}

/** `appAssumed`: the app under today's assumed report, with `report: 'both'` (and a report at all). */
export type FleetResult = {
  options: FleetOptions
  runs: Record<Policy, PolicyRun> & { appAssumed?: PolicyRun }
  figures: Record<Policy, PolicyFigures> & { appAssumed?: PolicyFigures }
}

export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const app = await simulatePolicy('app', options)
  const compare = options.report === 'both' && usesDetector(options)
  const assumedOptions: FleetOptions = { ...options, report: 'assumed' }
  const appAssumed = compare ? await simulatePolicy('app', assumedOptions) : undefined
  const defaults = await simulatePolicy('defaults', options)
  return {
    options,
    runs: { app, defaults, ...(appAssumed ? { appAssumed } : {}) },
    figures: {
      app: summarize(app, options),
      defaults: summarize(defaults, options),
      ...(appAssumed ? { appAssumed: summarize(appAssumed, assumedOptions) } : {}),
    },
  }
}
