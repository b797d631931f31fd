/**
 * The fleet simulation behind `npm run bench:fleet`, on a small fleet and a short outage: what
 * must hold whatever the exact figures, so that a change that broke the runtime, the React
 * layer's reactions as the simulation mirrors them, the status poller's one-poll-per-browser, the
 * CDN model or the simulation itself shows here. Figures are for the whole fleet (scaled).
 *
 * These check the browsers' side against a report of known timing: today's assumption (down 30 s
 * after the outage starts), with no gateway between the browsers and the provider. The model with
 * the gateway's own detector making the report is checked in fleet-detector.test.ts.
 */
import { beforeAll, expect, test } from 'vitest'
import { recoverySpreadMs, statusPolling } from '@/config/resilience'
import { purposes } from '../../scripts/fleet/provider'
import {
  fleetRpsPerSecond,
  mean,
  rollingPeak,
  runFleet,
  simulatePolicy,
  summarize,
  type FleetOptions,
  type FleetResult,
  type PolicyRun,
} from '../../scripts/fleet/run-fleet'
import { sessionModel, type SessionModel } from '../../scripts/fleet/session-model'
import { cdn, defaultStatusTiming } from '../../scripts/fleet/status-endpoint'

const small: FleetOptions = { fleetSize: 100_000, browsers: 500, outageMinutes: 4, seed: 7, report: 'assumed' }
const scale = small.fleetSize / small.browsers
let result: FleetResult

beforeAll(async () => {
  result = await runFleet(small)
}, 60_000)

/** The first minute after the provider is back, as a ratio to the healthy mean: its highest 20-s mean (less of a small sample's noise). */
const recoveryRatio = (run: PolicyRun, options: FleetOptions) => {
  const { startMs, endMs } = run.outage
  const healthy = mean(fleetRpsPerSecond(run, options, 0, startMs))
  return rollingPeak(fleetRpsPerSecond(run, options, endMs, endMs + 60_000), 20) / healthy
}

/** From when every shown browser has heard the report say down: its detection, a CDN copy, a poll interval and ticks. */
const heardMs = (run: PolicyRun) =>
  run.outage.startMs +
  defaultStatusTiming.detectionDelayMs +
  cdn.maxAgeMs +
  cdn.pollIntervalMs +
  2 * statusPolling.tickMs

/** Provider requests per second from then to the provider's return (the outage's steady state). */
const steadyOutageRps = (run: PolicyRun, options: FleetOptions, only?: typeof purposes) =>
  mean(fleetRpsPerSecond(run, options, heardMs(run), run.outage.endMs, only))

/** Status polls per simulated second over the healthy minutes, per simulated browser. */
const pollsPerBrowserSecond = (run: PolicyRun, browsers: number) =>
  mean(run.pollsPerSecond.subarray(30, run.outage.startMs / 1000)) / browsers

test('a run is reproducible: the same seed gives the same figures, another seed others', async () => {
  const tiny: FleetOptions = { ...small, browsers: 80, outageMinutes: 2 }
  const first = await runFleet(tiny)
  expect((await runFleet(tiny)).figures).toEqual(first.figures)
  expect((await runFleet({ ...tiny, seed: 8 })).figures).not.toEqual(first.figures)
}, 20_000)

test('parking the ticks of idle hidden tabs gives exactly the run of ticking every tab every second', async () => {
  const options: FleetOptions = { ...small, browsers: 60, outageMinutes: 2 }
  const parked = await simulatePolicy('app', options)
  const ticking = await simulatePolicy('app', { ...options, exactTicks: true })
  expect(ticking.perSecond).toEqual(parked.perSecond)
  expect(ticking.pollsPerSecond).toEqual(parked.pollsPerSecond)
  expect(ticking.recorder).toEqual(parked.recorder)
}, 20_000)

test('while the provider is healthy, both policies send about what the shown admins’ pages call for', () => {
  // Shown browsers open a page (1.5 reads) per think time; each browser is shown again once per visible + hidden dwell.
  const { visibleShare, visibleDwellMeanMs, thinkMeanMs, invoicesShare } = sessionModel
  const cycleMs = visibleDwellMeanMs / visibleShare
  const upper = small.fleetSize * (1 + invoicesShare) * ((visibleShare * 1000) / thinkMeanMs + 1000 / cycleMs)
  const { app, defaults } = result.figures
  expect(defaults.healthyRps).toBeGreaterThan(0.8 * upper)
  expect(defaults.healthyRps).toBeLessThan(1.2 * upper)
  // The app's queries stay fresh for 30 s: fewer refetches than TanStack's stale time 0.
  expect(app.healthyRps).toBeLessThan(defaults.healthyRps)
  expect(app.healthyRps).toBeGreaterThan(0.6 * upper)
})

test('once the report says down, the app sends a small fraction of the defaults’ load, and less than its healthy load', () => {
  const { app, defaults } = result.figures
  expect(defaults.outageRps).toBeGreaterThan(4 * defaults.healthyRps)
  const appSteady = steadyOutageRps(result.runs.app, small)
  expect(appSteady).toBeLessThan(app.healthyRps / 2)
  expect(appSteady).toBeLessThan(steadyOutageRps(result.runs.defaults, small) / 20)
})

test('once a tab has heard the report say down, it sends nothing: what is left in the outage is tabs shown with an older report', () => {
  const run = result.runs.app
  expect(steadyOutageRps(run, small, ['view', 'reload', 'retry', 'trial', 'refetch'])).toBeLessThan(
    steadyOutageRps(run, small, ['focus']) / 10,
  )
  expect(steadyOutageRps(run, small, ['focus'])).toBeGreaterThan(0)
})

test('without the report (the breakers alone), the outage costs the provider several times its healthy load', async () => {
  const options: FleetOptions = { ...small, browsers: 150, statusReport: false }
  const run = await simulatePolicy('app', options)
  const figures = summarize(run, options)
  expect(steadyOutageRps(run, options)).toBeGreaterThan(3 * figures.healthyRps)
  expect(steadyOutageRps(run, options)).toBeGreaterThan(20 * steadyOutageRps(result.runs.app, small))
  // The breakers' own trials still bring every shown session back, within their longest wait.
  expect(figures.editsEnabled.count).toBeGreaterThan(0)
  expect(figures.editsEnabled.max).toBeLessThanOrEqual(30)
}, 20_000)

test(`with the configured recovery spread (${recoverySpreadMs / 1000} s), the first minute after recovery stays within twice the healthy load, and edits come back within 30 s at p95`, () => {
  const { app } = result.figures
  expect(recoveryRatio(result.runs.app, small)).toBeLessThanOrEqual(2)
  expect(app.editsEnabled.count).toBeGreaterThan(small.browsers * sessionModel.visibleShare * 0.5)
  expect(app.editsEnabled.p95).toBeLessThanOrEqual(30)
  // The recovery refetches do come: the spread delays them, it does not drop them.
  expect(app.recoveryTrialRps).toBeGreaterThan(0)
})

test('a short spread brings the fleet back in one burst: the ratio test above can fail', async () => {
  const options: FleetOptions = { ...small, browsers: 200, recoverySpreadMs: 20_000 }
  const run = await simulatePolicy('app', options)
  expect(recoveryRatio(run, options)).toBeGreaterThan(2)
}, 20_000)

test('one status poll per browser per interval, however many tabs it shows', async () => {
  const pollRate = async (model: Partial<SessionModel>) => {
    const options: FleetOptions = {
      ...small,
      browsers: 40,
      outageMinutes: 1,
      sessionModel: { visibleShare: 1, ...model },
    }
    return pollsPerBrowserSecond(await simulatePolicy('app', options), options.browsers)
  }
  const oneTab = await pollRate({ tabShares: [1, 0, 0] })
  const threeTabsShown = await pollRate({ tabShares: [0, 0, 1], visibleTabs: 'all' })
  // X-Poll-Interval 5 s, checked every second from the answer: one poll every 5-6 s.
  expect(oneTab).toBeGreaterThan(1 / 6.5)
  expect(oneTab).toBeLessThanOrEqual(1 / 5)
  expect(threeTabsShown).toBeGreaterThan(1 / 6.5)
  expect(threeTabsShown).toBeLessThanOrEqual(1 / 5)
}, 20_000)

test('hidden browsers send no status polls: polls come from the shown share only, and none when nobody looks', async () => {
  const shownBrowsers = small.browsers * sessionModel.visibleShare
  const perShownBrowser =
    mean(result.runs.app.pollsPerSecond.subarray(30, result.runs.app.outage.startMs / 1000)) / shownBrowsers
  // A browser shown again polls at once: a little over one poll per 6 s per shown browser, far from every browser's.
  expect(perShownBrowser).toBeGreaterThan(1 / 7)
  expect(perShownBrowser).toBeLessThan(1 / 4.5)
  const options: FleetOptions = { ...small, browsers: 40, outageMinutes: 1, sessionModel: { visibleShare: 0 } }
  const nobody = await simulatePolicy('app', options)
  expect(mean(nobody.pollsPerSecond)).toBe(0)
  expect(mean(fleetRpsPerSecond(nobody, options, 0, nobody.outage.endMs))).toBe(0)
}, 20_000)

test('the CDN answers the polls: the origin gets at most one request per edge node per max-age', () => {
  const { app } = result.figures
  const bound = (cdn.edgeNodes * 1000) / cdn.maxAgeMs
  expect(app.originOutage).toBeLessThanOrEqual(bound)
  expect(app.originOutage).toBeGreaterThan(bound / 2)
  expect(app.pollsOutage).toBeGreaterThan(100 * app.originOutage)
  expect(result.figures.defaults.pollsOutage).toBe(0)
})

test('a hung provider: every attempt ends at the read time-out, which opens the breaker, and none is retried', async () => {
  // Without the report only the time-outs can pause edits: no time-out, no session to bring back.
  const options: FleetOptions = { ...small, browsers: 100, outageMinutes: 2, outageMode: 'hang', statusReport: false }
  const run = await simulatePolicy('app', options)
  const { startMs, endMs } = run.outage
  expect(mean(fleetRpsPerSecond(run, options, startMs, endMs, ['retry']))).toBe(0)
  expect(summarize(run, options).editsEnabled.count).toBeGreaterThan(0)
}, 20_000)

test('counts are scaled to the fleet', () => {
  const run = result.runs.app
  const raw = run.perSecond.view.subarray(0, run.outage.startMs / 1000).reduce((sum, count) => sum + count, 0)
  expect(
    mean(fleetRpsPerSecond(run, small, 0, run.outage.startMs, ['view'])) * (run.outage.startMs / 1000),
  ).toBeCloseTo(raw * scale)
})

test('the simulated clock and seeded randomness are put back after a run', async () => {
  const realNow = Date.now
  const realRandom = Math.random
  await simulatePolicy('defaults', { ...small, browsers: 5, outageMinutes: 1 })
  await simulatePolicy('app', { ...small, browsers: 5, outageMinutes: 1 })
  expect(Date.now).toBe(realNow)
  expect(Math.random).toBe(realRandom)
})
