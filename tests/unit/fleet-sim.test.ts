/**
 * The fleet simulation behind `npm run bench:fleet`, on a small fleet and a short outage: what
 * must hold whatever the exact figures, so that a change that broke the breaker, the prober, the
 * retries or the simulation itself shows here. Figures are for the whole fleet (scaled).
 */
import { beforeAll, expect, test } from 'vitest'
import { breaker } from '@/config/resilience'
import { latency } from '../../scripts/fleet/provider'
import { fleetRpsPerSecond, mean, runFleet, simulatePolicy, type FleetOptions, type FleetResult, type Policy } from '../../scripts/fleet/run-fleet'
import { expectedHealthyRps } from '../../scripts/fleet/user-model'

const small: FleetOptions = { fleetSize: 100_000, sessions: 400, outageMinutes: 5, seed: 7 }
let result: FleetResult

beforeAll(async () => {
  result = await runFleet(small)
}, 60_000)

test('a run is reproducible: the same seed gives the same figures, another seed others', async () => {
  const tiny: FleetOptions = { ...small, sessions: 100, outageMinutes: 3 }
  const first = await runFleet(tiny)
  expect(await runFleet(tiny)).toEqual(first)
  expect((await runFleet({ ...tiny, seed: 8 })).figures).not.toEqual(first.figures)
})

test('skipping the prober ticks that the breaker would refuse gives exactly the run of ticking every second', async () => {
  const options: FleetOptions = { ...small, sessions: 60, outageMinutes: 3 }
  const skipping = await simulatePolicy('app', options)
  const ticking = await simulatePolicy('app', { ...options, exactTicks: true })
  expect(ticking.perSecond).toEqual(skipping.perSecond)
  expect(ticking.recoverySeconds).toEqual(skipping.recoverySeconds)
})

test('while the provider is healthy, both policies send what the admins’ page views call for', () => {
  const expected = expectedHealthyRps(small.fleetSize)
  for (const figures of Object.values(result.figures)) {
    expect(figures.healthyRpsMean).toBeGreaterThan(expected * 0.9)
    expect(figures.healthyRpsMean).toBeLessThan(expected * 1.1)
  }
})

test('the library defaults multiply the load in an outage: every failed read is tried four times, and reloaded', () => {
  const { defaults } = result.figures
  expect(defaults.outageRpsMean).toBeGreaterThan(4 * defaults.healthyRpsMean)
  expect(defaults.outageRpsByPurpose.probe).toBe(0)
})

test('once its breakers are open, the app sends no page loads, reloads or retries to the provider: only probes', () => {
  // The outage's last two minutes: by then nearly every session has seen it (and opened its breakers).
  const { endMs } = result.runs.app.outage
  const pageTraffic = (policy: Policy) => mean(fleetRpsPerSecond(result.runs[policy], small, endMs - 120_000, endMs, ['view', 'reload', 'retry']))
  expect(pageTraffic('app')).toBeLessThan(pageTraffic('defaults') / 10)
  expect(result.figures.app.outageRpsByPurpose.probe).toBeGreaterThan(0)
})

test('each browser probes each open capability at most once per shortest wait of the breaker', () => {
  // Per capability: 3 failed attempts open it, then waits of at least 4 s, 8 s, then 12 s each.
  const outageSeconds = small.outageMinutes * 60
  const shortestSteadyWaitSeconds = breaker.probeMaxDelayMs / 2 / 1000
  const perCapability = breaker.consecutiveFailures + 2 + outageSeconds / shortestSteadyWaitSeconds
  const bound = (small.fleetSize * 2 * perCapability) / outageSeconds
  expect(result.figures.app.outageRpsMean).toBeLessThan(bound)
})

test('every browser is back within one longest probe wait of the provider’s return, and refetches its page', () => {
  const { app } = result.figures
  const longestSeconds = (breaker.probeMaxDelayMs + breaker.probeTickMs + latency.okMs) / 1000
  // A session that viewed no page during the outage never opened its breaker.
  expect(result.sessionsRecovered).toBeGreaterThan(small.sessions * 0.9)
  expect(app.recoverySecondsMax).toBeLessThanOrEqual(longestSeconds)
  expect(app.recoverySecondsP50).toBeGreaterThan(0)
  const { endMs } = result.runs.app.outage
  const refetchesPerSecond = mean(fleetRpsPerSecond(result.runs.app, small, endMs, endMs + 60_000, ['refetch']))
  const fleetRecovered = result.sessionsRecovered * (small.fleetSize / small.sessions)
  expect(refetchesPerSecond * 60).toBeGreaterThanOrEqual(fleetRecovered)
})

test('the probes’ jitter spreads the recovery: no second of the first minute carries a tenth of its requests', () => {
  const { app } = result.figures
  const minuteTotal = app.recoveryRpsMeanFirstMinute * 60
  expect(app.recoveryRpsPeakFirstMinute).toBeLessThan(minuteTotal / 10)
})

test('the simulated clock and seeded randomness are put back after a run', async () => {
  const realNow = Date.now
  const realRandom = Math.random
  await simulatePolicy('defaults', { ...small, sessions: 5, outageMinutes: 1 })
  expect(Date.now).toBe(realNow)
  expect(Math.random).toBe(realRandom)
})
