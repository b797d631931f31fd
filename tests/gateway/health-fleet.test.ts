// @vitest-environment node
/**
 * The detector of a fleet (gateway/health/fleet-view.ts, record 030), on one simulated clock:
 * three instances each seeing a third of the calls detect as one seeing them all; trouble that
 * only one instance sees never flips the fleet's verdict; the probes of any instance close every
 * breaker; an instance that stops sharing drops out; a peer's view that is not ours is ignored.
 */
import { expect, test } from 'vitest'
import { createFleetExchange } from '../../gateway/health/fleet-exchange'
import { FLEET_VIEW_FRESH_MS, mergeViews, type SharedView } from '../../gateway/health/fleet-view'
import type { CallOutcome } from '../../gateway/health/calls'
import { createLocalProbeLease, createStoreProbeLease } from '../../gateway/health/lease'
import { createHealthMonitor, type HealthMonitor } from '../../gateway/health/monitor'
import { createMemoryStore } from '../../gateway/stores/memory-store'

const unavailable: CallOutcome = { type: 'failure', kind: '5xx' }
const ok: CallOutcome = { type: 'ok' }

/** `size` instances sharing views directly (as the store would, without its delay) and one lease. */
function fleetOf(size: number) {
  const clock = { time: 1_000_000, now: () => clock.time }
  const lease = createLocalProbeLease(clock)
  const monitors: HealthMonitor[] = []
  const silent = new Set<number>()
  for (let i = 0; i < size; i++) {
    const instance = `gw-${i}`
    monitors.push(
      createHealthMonitor({
        clock,
        lease,
        fleet: {
          instance,
          peers: (capability) =>
            monitors.flatMap((monitor, j) => (j === i || silent.has(j) ? [] : [monitor.sharedView(capability)])),
        },
      }),
    )
  }
  /** Instance `i` makes one call of 50 ms; the clock moves on `gapMs` after it. */
  const call = (i: number, outcome: CallOutcome, gapMs = 60) => {
    const startedAt = clock.time
    monitors[i]!.record({ capability: 'subscription', startedAt, endedAt: startedAt + 50, outcome })
    clock.time += gapMs
  }
  const health = (i: number) => monitors[i]!.snapshot().capabilities.subscription
  return { clock, monitors, call, health, silent }
}

test('three instances each seeing a third of the failures are down together, as one seeing all would be', () => {
  const fleet = fleetOf(3)
  // 18 failures in a row over 1.1 s: 6 each, a run too short for any instance alone.
  for (let n = 0; n < 18; n++) fleet.call(n % 3, unavailable)
  for (const i of [0, 1, 2]) expect(fleet.health(i)).toMatchObject({ computed: 'down', breaker: 'open' })

  const alone = fleetOf(3)
  alone.silent.add(0).add(1).add(2)
  for (let n = 0; n < 18; n++) alone.call(n % 3, unavailable)
  expect(alone.health(0).computed).not.toBe('down')
})

test('trouble one instance alone sees is that instance’s: the fleet stays operational and says why', () => {
  const fleet = fleetOf(3)
  for (let n = 0; n < 60; n++) fleet.call(n % 3, n % 3 === 2 ? unavailable : ok, 20)
  for (const i of [0, 1, 2]) expect(fleet.health(i).computed).toBe('operational')
  expect(fleet.health(2).evidence).toMatchObject({ rule: 'lone_instance' })
  expect(fleet.health(2).evidence.summary).toMatch(/^only gw-2 of 3 instances sees trouble/)
})

test('two instances seeing it is agreement: the fleet is down', () => {
  const fleet = fleetOf(3)
  for (let n = 0; n < 60; n++) fleet.call(n % 3, n % 3 === 0 ? ok : unavailable, 20)
  expect(fleet.health(0).computed).not.toBe('operational')
})

test('the probes of any instance close every instance’s breaker', async () => {
  const fleet = fleetOf(3)
  for (let n = 0; n < 18; n++) fleet.call(n % 3, unavailable)
  for (const i of [0, 1, 2]) expect(fleet.health(i).breaker).toBe('open')
  // Instance 0 alone sends the probes, one at a time, and Zuora answers them.
  for (let probe = 0; probe < 5 && fleet.health(1).breaker !== 'closed'; probe++) {
    fleet.clock.time += 1_000
    const admission = await fleet.monitors[0]!.admit('subscription')
    expect(admission).toEqual({ allowed: true, probe: true })
    const startedAt = fleet.clock.time
    fleet.clock.time += 50
    fleet.monitors[0]!.record({
      capability: 'subscription',
      startedAt,
      endedAt: fleet.clock.time,
      outcome: ok,
      probe: true,
    })
  }
  for (const i of [0, 1, 2]) expect(fleet.health(i).breaker).toBe('closed')
  // And the outage's failures still in the others' windows do not trip them again.
  fleet.clock.time += 100
  for (const i of [0, 1, 2]) expect(fleet.health(i).computed).not.toBe('down')
})

test('an instance that stops sharing drops out once its view is stale', () => {
  const fleet = fleetOf(2)
  const own = fleet.monitors[0]!.sharedView('subscription')
  const peer = { ...fleet.monitors[1]!.sharedView('subscription'), instance: 'gw-1' }
  const busyPeer: SharedView = {
    ...peer,
    view: {
      ...peer.view,
      window: { ...peer.view.window, calls: 10, failures: { ...peer.view.window.failures, '5xx': 10 } },
    },
  }
  expect(mergeViews(own, [busyPeer], own.at).view.window.calls).toBe(10)
  expect(mergeViews(own, [busyPeer], own.at + FLEET_VIEW_FRESH_MS + 1).view.window.calls).toBe(0)
})

test('the exchange shares views through the store and leaves out a field that is not a view', async () => {
  const clock = { time: 5_000, now: () => clock.time }
  const store = createMemoryStore({ clock })
  const exchanges = ['gw-a', 'gw-b'].map((instance) => createFleetExchange({ store, instance }))
  const monitors = exchanges.map((fleet) => createHealthMonitor({ clock, fleet }))
  monitors[1]!.record({ capability: 'invoices', startedAt: 4_900, endedAt: 4_950, outcome: unavailable })
  await store.hashSet('health-views:invoices', 'gw-x', '{"instance":"gw-x","tampered":true}', { ttlMs: 5_000 })
  await store.hashSet('health-views:invoices', 'gw-y', 'not json', { ttlMs: 5_000 })
  await exchanges[1]!.sync(monitors[1]!, clock.time)
  await exchanges[0]!.sync(monitors[0]!, clock.time)
  const seen = exchanges[0]!.peers('invoices')
  expect(seen.map((view) => view.instance)).toEqual(['gw-b'])
  expect(seen[0]!.view.window.failures['5xx']).toBe(1)
  expect(exchanges[0]!.failures).toBe(0)
})

test('the fleet’s probe lease: one probe at a time, and one per interval for all instances together', async () => {
  const clock = { time: 0, now: () => clock.time }
  const store = createMemoryStore({ clock })
  const [a, b] = ['gw-a', 'gw-b'].map((name) => createStoreProbeLease(store, name, { intervalMs: 1_000 }))
  expect(await a!.tryAcquire('subscription', 3_500)).toBe(true)
  expect(await b!.tryAcquire('subscription', 3_500)).toBe(false) // one at a time
  await a!.release('subscription')
  expect(await b!.tryAcquire('subscription', 3_500)).toBe(false) // answered, but the interval is the fleet's
  clock.time += 1_000
  expect(await b!.tryAcquire('subscription', 3_500)).toBe(true)
  expect(await a!.tryAcquire('invoices', 3_500)).toBe(true) // each capability its own
  // A holder that never answers frees the lease by its TTL.
  clock.time += 3_500
  expect(await a!.tryAcquire('subscription', 3_500)).toBe(true)
})
