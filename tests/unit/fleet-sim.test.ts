/**
 * The fleet simulation behind `npm run bench:fleet`, on a small fleet and a short outage: what
 * must hold whatever the exact figures, so that a change that broke the breaker, the probe gate,
 * the prober, the retries or the simulation itself shows here. Figures are for the whole fleet
 * (scaled). `result` is the app as it is (with its status gate) beside the library defaults;
 * `ungated` is the what-if without the gate (`--no-status-gate`).
 */
import { beforeAll, expect, test } from 'vitest'
import { breaker, statusPolling } from '@/config/resilience'
import { latency } from '../../scripts/fleet/provider'
import {
  fleetRpsPerSecond,
  mean,
  peak,
  runFleet,
  simulatePolicy,
  summarize,
  type FleetOptions,
  type FleetResult,
  type PolicyFigures,
  type PolicyRun,
} from '../../scripts/fleet/run-fleet'
import { defaultStatusTiming, statusLatencyMs } from '../../scripts/fleet/status-endpoint'
import { expectedHealthyRps } from '../../scripts/fleet/user-model'

// Ten minutes: long enough for the outage's steady state (every session has opened its breakers) to weigh in its mean.
const small: FleetOptions = { fleetSize: 100_000, sessions: 400, outageMinutes: 10, seed: 7 }
const scale = small.fleetSize / small.sessions
let result: FleetResult
let ungated: PolicyRun
let ungatedFigures: PolicyFigures

beforeAll(async () => {
  result = await runFleet(small)
  ungated = await simulatePolicy('app', { ...small, statusGate: false })
  ungatedFigures = summarize(ungated, small)
}, 60_000)

/** From when every session with an open breaker has heard the status endpoint report the provider down. */
const downHeardMs = (run: PolicyRun) =>
  run.outage.startMs + defaultStatusTiming.detectionDelayMs + statusPolling.degradedIntervalMs + statusLatencyMs + 1_000

test('a run is reproducible: the same seed gives the same figures, another seed others', async () => {
  const tiny: FleetOptions = { ...small, sessions: 100, outageMinutes: 3 }
  const first = await runFleet(tiny)
  expect(await runFleet(tiny)).toEqual(first)
  expect((await runFleet({ ...tiny, seed: 8 })).figures).not.toEqual(first.figures)
})

test('skipping the prober ticks that would send nothing gives exactly the run of ticking every second, with and without the gate', async () => {
  for (const statusGate of [true, false]) {
    const options: FleetOptions = { ...small, sessions: 60, outageMinutes: 3, statusGate }
    const skipping = await simulatePolicy('app', options)
    const ticking = await simulatePolicy('app', { ...options, exactTicks: true })
    expect(ticking.perSecond).toEqual(skipping.perSecond)
    expect(ticking.recoverySeconds).toEqual(skipping.recoverySeconds)
  }
}, 30_000)

test('while the provider is healthy, both policies send what the admins’ page views call for', () => {
  const expected = expectedHealthyRps(small.fleetSize)
  for (const figures of [...Object.values(result.figures), ungatedFigures]) {
    expect(figures.healthyRpsMean).toBeGreaterThan(expected * 0.9)
    expect(figures.healthyRpsMean).toBeLessThan(expected * 1.1)
  }
})

test('the library defaults multiply the load in an outage: every failed read is tried four times, and reloaded', () => {
  const { defaults } = result.figures
  expect(defaults.outageRpsMean).toBeGreaterThan(4 * defaults.healthyRpsMean)
  expect(defaults.outageRpsByPurpose.probe).toBe(0)
})

test('with the status gate, an outage costs the provider less than its healthy load and a small fraction of the defaults’; without it, more than healthy', () => {
  const { app, defaults } = result.figures
  expect(app.outageRpsMean).toBeLessThan(app.healthyRpsMean)
  expect(app.outageRpsMean).toBeLessThan(defaults.outageRpsMean / 10)
  expect(ungatedFigures.outageRpsMean).toBeGreaterThan(2 * ungatedFigures.healthyRpsMean)
  expect(ungatedFigures.outageRpsMean).toBeGreaterThan(5 * app.outageRpsMean)
})

test('once the status endpoint reports the provider down, browsers stop probing it', () => {
  const { endMs } = result.runs.app.outage
  const probes = (run: PolicyRun) => mean(fleetRpsPerSecond(run, small, downHeardMs(run), endMs, ['probe']))
  // What is left: a breaker opening between two polls of a tab still on the healthy interval may probe once before the next.
  expect(probes(result.runs.app)).toBeLessThan(probes(ungated) / 100)
  expect(probes(ungated)).toBeGreaterThan(expectedHealthyRps(small.fleetSize))
})

test('until the status endpoint reports the provider down, the gate changes nothing: browsers probe as they did without it', () => {
  const { startMs } = result.runs.app.outage
  const untilReported = (run: PolicyRun) => fleetRpsPerSecond(run, small, 0, startMs + defaultStatusTiming.detectionDelayMs)
  expect(untilReported(result.runs.app)).toEqual(untilReported(ungated))
  expect(mean(fleetRpsPerSecond(result.runs.app, small, startMs, startMs + defaultStatusTiming.detectionDelayMs, ['probe']))).toBeGreaterThan(0)
})

test('once its breakers are open, the app sends no page loads, reloads or retries to the provider', () => {
  // The outage's last two minutes: by then nearly every session has seen it (and opened its breakers).
  const { endMs } = result.runs.app.outage
  const pageTraffic = (run: PolicyRun) => mean(fleetRpsPerSecond(run, small, endMs - 120_000, endMs, ['view', 'reload', 'retry']))
  expect(pageTraffic(result.runs.app)).toBeLessThan(pageTraffic(result.runs.defaults) / 10)
  expect(pageTraffic(ungated)).toBeLessThan(pageTraffic(result.runs.defaults) / 10)
})

test('without the gate, each browser probes each open capability at most once per shortest wait of the breaker', () => {
  // Per capability: 3 failed attempts open it, then waits of at least 4 s, 8 s, then 12 s each.
  const outageSeconds = small.outageMinutes * 60
  const shortestSteadyWaitSeconds = breaker.probeMaxDelayMs / 2 / 1000
  const perCapability = breaker.consecutiveFailures + 2 + outageSeconds / shortestSteadyWaitSeconds
  const bound = (small.fleetSize * 2 * perCapability) / outageSeconds
  expect(ungatedFigures.outageRpsMean).toBeLessThan(bound)
})

test('with the gate, every browser is back within one degraded poll, the spread and a tick of the provider’s return', () => {
  const { app } = result.figures
  const longestMs =
    defaultStatusTiming.recoveryReportDelayMs + statusPolling.degradedIntervalMs + statusLatencyMs + breaker.probeSpreadMs + breaker.probeTickMs + latency.okMs
  // A session that viewed no page during the outage never opened its breaker.
  expect(result.sessionsRecovered).toBeGreaterThan(small.sessions * 0.9)
  expect(app.recoverySecondsMax).toBeLessThanOrEqual(longestMs / 1000)
  expect(app.recoverySecondsP50).toBeGreaterThan(0)
})

test('without the gate, every browser is back within one longest probe wait of the provider’s return', () => {
  const longestMs = breaker.probeMaxDelayMs + breaker.probeTickMs + latency.okMs
  expect(ungated.recoverySeconds.length).toBeGreaterThan(small.sessions * 0.9)
  expect(Math.max(...ungated.recoverySeconds)).toBeLessThanOrEqual(longestMs / 1000)
})

test('a closing breaker refetches only its own capability’s queries on screen: one or two reads per recovered browser', async () => {
  const { endMs } = result.runs.app.outage
  const refetches = mean(fleetRpsPerSecond(result.runs.app, small, endMs, endMs + 60_000, ['refetch'])) * 60
  const fleetRecovered = result.sessionsRecovered * scale
  // The subscription on every page, the invoices on half of them: 1.5 on average (refetching the
  // whole page on each closing makes it about 2.3).
  expect(refetches).toBeGreaterThanOrEqual(fleetRecovered)
  expect(refetches).toBeLessThan(1.75 * fleetRecovered)
  const everyQuery = await simulatePolicy('app', { ...small, refetchEveryQuery: true })
  const everyQueryRefetches = mean(fleetRpsPerSecond(everyQuery, small, endMs, endMs + 60_000, ['refetch'])) * 60
  expect(everyQueryRefetches).toBeGreaterThan(1.25 * refetches)
})

test('the gate’s random delay spreads the recovery probes: no second of the first minute carries much more than its share of the spread', () => {
  const { endMs } = result.runs.app.outage
  const probes = fleetRpsPerSecond(result.runs.app, small, endMs, endMs + 60_000, ['probe'])
  const total = mean(probes) * 60
  // Spread evenly over probeSpreadMs, a second carries 1/10 of them; without the spread they
  // would follow the 5 s polls, a fifth each.
  expect(peak(probes)).toBeLessThan((1.5 * total * 1_000) / breaker.probeSpreadMs)
})

test('the simulated clock and seeded randomness are put back after a run', async () => {
  const realNow = Date.now
  const realRandom = Math.random
  await simulatePolicy('defaults', { ...small, sessions: 5, outageMinutes: 1 })
  await simulatePolicy('app', { ...small, sessions: 5, outageMinutes: 1 })
  expect(Date.now).toBe(realNow)
  expect(Math.random).toBe(realRandom)
})
