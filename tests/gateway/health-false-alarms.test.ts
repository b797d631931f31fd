// @vitest-environment node
/**
 * Thirty simulated minutes of a healthy Zuora where a random 1 % of calls answer 503: the report
 * must never say down, at any traffic. False `degraded` are counted too (0 in these runs).
 */
import { expect, test } from 'vitest'
import { simulateDetection, type SimulatedTraffic } from '../../gateway/health/simulate'

const thirtyMinutes = 30 * 60_000

test.each<[string, SimulatedTraffic]>([
  ['probes only', 'none'],
  ['one admin', 'one-admin'],
  ['50 calls/s', { callsPerSecond: 50 }],
])('healthy with 1 %% errors for 30 min, %s: no false down, no false degraded', async (_name, traffic) => {
  const run = await simulateDetection({ fault: 'healthy', traffic, seed: 1, durationMs: thirtyMinutes })
  expect(run.falseDown).toBe(0)
  expect(run.falseDegraded).toBe(0)
  expect(run.callsDuringFault).toBeGreaterThan(thirtyMinutes / 1_000) // the window was fed all along
})

test('at 5 % random errors the report reads degraded at times but never down', async () => {
  const run = await simulateDetection({
    fault: 'healthy',
    traffic: 'none',
    seed: 2,
    durationMs: 10 * 60_000,
    healthyErrorRate: 0.05,
  })
  expect(run.falseDown).toBe(0)
})
