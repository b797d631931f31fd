/**
 * The fleet model with the gateway's own health detector making the report
 * (scripts/fleet/gateway-detector.ts), on a small fleet and a short outage: what must hold end to
 * end, whatever the exact figures. The provider fails, the gateway's calls show it within seconds
 * (far below the 30 s the model used to assume), its breaker shields the provider while open, and
 * the report comes back soon after the provider does. Figures are for the whole fleet (scaled).
 */
import { beforeAll, expect, test } from 'vitest'
import { capabilities, defaultHealthConfig } from '../../gateway/health'
import {
  fleetRpsPerSecond,
  mean,
  runFleet,
  simulatePolicy,
  summarize,
  type FleetOptions,
  type PolicyFigures,
  type PolicyRun,
} from '../../scripts/fleet/run-fleet'
import { cdn, defaultStatusTiming } from '../../scripts/fleet/status-endpoint'

const small: FleetOptions = { fleetSize: 100_000, browsers: 150, outageMinutes: 2, seed: 7 }
let run: PolicyRun
let figures: PolicyFigures

beforeAll(async () => {
  run = await simulatePolicy('app', small)
  figures = summarize(run, small)
}, 60_000)

/** The breaker closes after two probes a second apart, then the report waits out its recovery hold. */
const backWithinS = (2 * defaultHealthConfig.probeIntervalMs + defaultHealthConfig.recoverHoldMs) / 1000 + 1

test('the detector is the default, and the report says nothing but operational while the provider is healthy', () => {
  expect(run.detector).toBe(true)
  expect(run.report.firstWhen(0, 'degraded', 'first') ?? Infinity).toBeGreaterThanOrEqual(run.outage.startMs)
  expect(run.report.firstWhen(0, 'down', 'first') ?? Infinity).toBeGreaterThanOrEqual(run.outage.startMs)
})

test('the report says every component down within a few seconds of the outage, far below the assumed 30 s', () => {
  expect(figures.reportDown.every).not.toBeNull()
  expect(figures.reportDown.every!).toBeLessThan(5)
  expect(figures.reportDown.every!).toBeLessThan(defaultStatusTiming.detectionDelayMs / 1000 / 5)
})

test('it stays down through the outage, and says operational again within seconds of the provider’s return', () => {
  const { startMs, endMs } = run.outage
  const downAt = startMs + figures.reportDown.every! * 1000
  // No flapping back to operational while the provider is down.
  expect(run.report.firstWhen(downAt, 'operational', 'first')).toBeGreaterThanOrEqual(endMs)
  for (const capability of capabilities) expect(run.report.healthAt(capability, endMs - 1)).toBe('down')
  expect(figures.reportBack.every).not.toBeNull()
  expect(figures.reportBack.every!).toBeLessThan(backWithinS)
  // The recovery hold: a better state is published only once it has held.
  expect(figures.reportBack.first!).toBeGreaterThanOrEqual(defaultHealthConfig.recoverHoldMs / 1000)
})

test('while its breaker is open the gateway answers the browsers itself: the provider sees one probe a second per capability', () => {
  const { startMs, endMs } = run.outage
  const settledMs = startMs + 10_000
  expect(mean(fleetRpsPerSecond(run, small, settledMs, endMs))).toBe(0)
  const probes = mean(run.probesPerSecond.subarray(settledMs / 1000, endMs / 1000))
  expect(probes).toBeCloseTo((capabilities.length * 1000) / defaultHealthConfig.probeIntervalMs, 0)
  // Browser requests did come in the outage, and the gateway answered them.
  expect(run.refusedPerSecond.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0)
  expect(figures.outageRps).toBeLessThan(figures.healthyRps / 4)
})

test('shown sessions get their edits back once the report is back: after it, within a poll and a CDN copy', () => {
  expect(figures.editsEnabled.count).toBeGreaterThan(0)
  expect(figures.editsEnabled.p50!).toBeGreaterThanOrEqual(figures.reportBack.first!)
  const heardS = (cdn.maxAgeMs + cdn.staleWhileRevalidateMs + cdn.pollIntervalMs) / 1000 + 2
  expect(figures.editsEnabled.max!).toBeLessThan(figures.reportBack.every! + heardS)
})

test('a hung provider: the report says down once a call has been in flight past the overdue mark', async () => {
  const options: FleetOptions = { ...small, browsers: 60, outageMode: 'hang' }
  const hung = summarize(await simulatePolicy('app', options), options)
  expect(hung.reportDown.every!).toBeGreaterThanOrEqual(defaultHealthConfig.overdueMs / 1000)
  expect(hung.reportDown.every!).toBeLessThan(defaultHealthConfig.overdueMs / 1000 + 1.5)
  expect(hung.reportBack.every!).toBeLessThan(backWithinS + defaultHealthConfig.overdueMs / 1000)
}, 30_000)

test('report both: the app once under each report, the assumed one at its fixed delay; runs are reproducible', async () => {
  const tiny: FleetOptions = { ...small, browsers: 30, outageMinutes: 1, report: 'both' }
  const first = await runFleet(tiny)
  expect(first.runs.app.detector).toBe(true)
  expect(first.runs.appAssumed?.detector).toBe(false)
  expect(first.figures.appAssumed?.reportDown).toEqual({
    first: defaultStatusTiming.detectionDelayMs / 1000,
    every: defaultStatusTiming.detectionDelayMs / 1000,
  })
  expect(first.figures.app.reportDown.every!).toBeLessThan(5)
  expect(first.figures.defaults.detector).toBe(false)
  expect((await runFleet(tiny)).figures).toEqual(first.figures)
}, 60_000)
