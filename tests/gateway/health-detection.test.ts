// @vitest-environment node
/**
 * The detector's targets, proven on the simulated clock (gateway/health/simulate.ts): each Zuora
 * fault as the gateway's calls would meet it, at one admin browsing and with no traffic at all
 * (probes only), over ten seeds each (the fault starts at a different phase of the probes).
 * Faults that fail at random (flaky, cache layer) can open with a lucky streak of good answers
 * that nothing could tell from health: for those, nine runs in ten meet the target and none
 * misses it by more than a quarter.
 */
import { describe, expect, test } from 'vitest'
import { simulateDetection, type SimulatedFault, type SimulatedTraffic } from '../../gateway/health/simulate'

const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
const traffics: SimulatedTraffic[] = ['none', 'one-admin']

async function runAll(fault: SimulatedFault, traffic: SimulatedTraffic, durationMs: number, recoveryMs?: number) {
  return Promise.all(seeds.map((seed) => simulateDetection({ fault, traffic, seed, durationMs, recoveryMs })))
}

describe.each(traffics)('traffic %s', (traffic) => {
  test.each<SimulatedFault>(['provider-down', 'provider-hang', 'malformed', 'rate-limited'])(
    '%s: the report says down within 5 s, and operational again after Zuora recovers',
    async (fault) => {
      const runs = await runAll(fault, traffic, 20_000, 45_000)
      for (const run of runs) {
        expect(run.firstDownMs).not.toBeNull()
        expect(run.firstDownMs!).toBeLessThanOrEqual(5_000)
        expect(run.falseDown).toBe(0)
        // Back within about 10 s; a 429's Retry-After (30 s) is honoured first.
        expect(run.recoveredMs).not.toBeNull()
        expect(run.recoveredMs!).toBeLessThanOrEqual(fault === 'rate-limited' ? 40_000 : 12_000)
      }
    },
  )

  test.each<SimulatedFault>(['provider-slow', 'provider-flaky', 'cache-layer-failure'])(
    '%s: the report says degraded within 10 s and never down',
    async (fault) => {
      const runs = await runAll(fault, traffic, 120_000, 30_000)
      const detected = runs.map((run) => run.firstDegradedMs ?? Infinity)
      expect(detected.filter((ms) => ms <= 10_000).length).toBeGreaterThanOrEqual(9)
      expect(Math.max(...detected)).toBeLessThanOrEqual(12_500)
      for (const run of runs) {
        expect(run.firstDownMs).toBeNull()
        expect(run.falseDown).toBe(0)
        expect(run.recoveredMs!).toBeLessThanOrEqual(15_000)
      }
    },
  )
})

test('while a capability is open, one probe at a time goes to Zuora (a hung one lapses after 3.5 s)', async () => {
  const down = await simulateDetection({ fault: 'provider-down', traffic: 'one-admin', seed: 1, durationMs: 60_000 })
  expect(down.maxProbesInFlightWhileOpen).toBe(1)
  // About one probe a second per capability once open, not the admin's traffic or 4 a second.
  expect(down.callsDuringFault).toBeLessThan(4 * 60 + 60)
  const hang = await simulateDetection({ fault: 'provider-hang', traffic: 'none', seed: 1, durationMs: 60_000 })
  // Each hung probe is ended by the gateway's 10 s time-out; a new one goes every 3.5 s.
  expect(hang.maxProbesInFlightWhileOpen).toBe(3)
})

test('a partial outage is down for its capability only', async () => {
  const run = await simulateDetection({
    fault: 'provider-down',
    traffic: 'one-admin',
    seed: 3,
    durationMs: 30_000,
    affected: ['invoices'],
  })
  expect(run.firstDownMs!).toBeLessThanOrEqual(5_000)
  expect(run.falseDown).toBe(0)
  expect(run.falseDegraded).toBe(0)
})

test('the simulation is deterministic for a seed', async () => {
  const options = { fault: 'cache-layer-failure', traffic: 'one-admin', seed: 42, durationMs: 30_000 } as const
  expect(await simulateDetection(options)).toEqual(await simulateDetection(options))
})
