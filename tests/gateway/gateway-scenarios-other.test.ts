// @vitest-environment node
/**
 * The remaining scenarios through the gateway over HTTP on real time: healthy (no false alarm
 * while an admin browses), maintenance (the operators' flag, edits refused, the report
 * operational), own-api-down (the vendor's own endpoints 503, /me and sign-in still answer) and
 * outage-then-recovery (down, then operational again once Zuora answers).
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { BillingStatus } from '../../src/lib/api/schemas'
import {
  billingStatus,
  browse,
  client,
  control,
  expectContract,
  failure,
  healthOf,
  pause,
  quoted,
  reset,
  selectScenario,
  signedIn,
  startSim,
  users,
  watchReport,
  type GatewaySim,
} from './gateway-sim-client'

// The tests that wait on real time run at once, each on a gateway of its own; the quick ones
// before them, one after the other on the first gateway, reset in between.
const names = ['healthy', 'outage-then-recovery'] as const
const sims = new Map<string, GatewaySim>()
const simFor = (name: string) => sims.get(name) as GatewaySim
beforeAll(async () => {
  const started = await Promise.all(names.map(() => startSim()))
  names.forEach((name, index) => sims.set(name, started[index] as GatewaySim))
}, 30_000)
afterAll(() => Promise.all([...sims.values()].map((sim) => sim.close())))

const allOperational = (report: BillingStatus) =>
  report.components.every((component) => component.status === 'operational')

test('maintenance: the flag is on, the report operational, orders refused 503 maintenance', async () => {
  const sim = simFor('healthy')
  await reset(sim)
  const owner = await signedIn(sim, users.owner)
  const { order } = await quoted(owner, [{ type: 'seats', seats: 26 }])
  await selectScenario(sim, 'maintenance')
  const report = await billingStatus(sim)
  expectContract('getBillingStatus', report)
  expect(report.maintenance).toMatchObject({ enabled: true, reason: 'scheduled' })
  expect(allOperational(report)).toBe(true)

  const refused = await owner.call('POST', '/orders', { body: order, headers: { 'Idempotency-Key': 'in-maintenance' } })
  expect(failure(refused)).toEqual([503, 'maintenance'])
  const fresh = await owner.get('/subscription')
  expect(fresh.status).toBe(200)
  expect(fresh.headers.get('x-billing-copy-as-of')).toBeNull()

  await selectScenario(sim, 'healthy')
  const after = await billingStatus(sim)
  expect(after.maintenance.enabled).toBe(false)
  expect(after.maintenance.generation).toBeGreaterThan(report.maintenance.generation)
  const ordered = await owner.call('POST', '/orders', { body: order, headers: { 'Idempotency-Key': 'in-maintenance' } })
  expect(ordered.status).toBe(201)
})

test('own-api-down: the vendor’s own endpoints answer 503; /me and sign-in still answer', async () => {
  const sim = simFor('healthy')
  await reset(sim)
  const owner = await signedIn(sim, users.owner)
  await selectScenario(sim, 'own-api-down')
  for (const path of ['/catalog', '/account', '/change-requests', '/billing-status', '/alerts']) {
    const answer = await owner.get(path)
    expect(failure(answer), path).toEqual([503, 'service_unavailable'])
    expect(Number(answer.headers.get('retry-after')), path).toBeGreaterThan(0)
  }
  const me = await owner.get('/me')
  expect(me.status).toBe(200)
  expectContract('getMe', me.body)
  const viewer = client(sim)
  expect((await viewer.call('POST', '/session', { body: { email: users.viewer } })).status).toBe(200)
  expect((await viewer.get('/me')).body.user.email).toBe(users.viewer)
  // Zuora is down with it: nothing was read before, so nothing to answer from.
  expect(failure(await owner.get('/subscription'))).toEqual([503, 'provider_unavailable'])

  await selectScenario(sim, 'healthy')
  expect((await owner.get('/catalog')).status).toBe(200)
})

test.concurrent(
  'healthy: 10 s of an admin browsing every page raise no alarm, though the detector saw every call',
  async ({ expect }) => {
    const sim = simFor('healthy')
    await reset(sim)
    const owner = await signedIn(sim, users.owner)
    const startedAt = Date.now()
    await selectScenario(sim, 'healthy')
    const tabs = ['/subscription', '/invoices?limit=20', '/payment-method', '/billing-details'].map((path) =>
      browse(owner, path, 400),
    )
    const watch = await watchReport(sim, (report) => !allOperational(report), {
      timeoutMs: 10_000,
      startedAt,
      whole: true,
    })
    const statuses = (await Promise.all(tabs.map((tab) => tab.stop()))).flat()
    expect(watch.afterMs).toBeNull()
    expect(watch.seen.length).toBeGreaterThan(20)
    expect(watch.seen.at(-1)?.atMs).toBeGreaterThan(9_000)
    expect(new Set(statuses)).toEqual(new Set([200]))
    const { calls } = (await control(sim, `zuora-calls?since=${startedAt}`)) as { calls: { status: number }[] }
    expect(calls.length).toBeGreaterThan(40)
    const snapshot = (await control(sim, 'health')) as { capabilities: Record<string, { computed: string }> }
    expect(Object.values(snapshot.capabilities).map((health) => health.computed)).toEqual(Array(4).fill('operational'))
  },
  30_000,
)

test.concurrent(
  'outage-then-recovery (outageMs 3000): down while Zuora is, then operational again by itself',
  async ({ expect }) => {
    const sim = simFor('outage-then-recovery')
    const owner = await signedIn(sim, users.owner)
    const startedAt = Date.now()
    await selectScenario(sim, 'outage-then-recovery', { outageMs: 3_000 })
    // Tabs on the subscription page: the probes alone take about 5 s to call it down (16 failures
    // in a row), longer than this outage lasts.
    const tabs = [1, 2, 3, 4].map(() => browse(owner, '/subscription', 50))
    // Down is published during the outage and held past its end (the breaker closes on probes, and
    // better news waits 5 s): watched a little longer than the outage, for a slow machine's sake.
    const down = await watchReport(sim, (report) => healthOf(report, 'subscription') === 'down', {
      timeoutMs: 5_000,
      startedAt,
    })
    await Promise.all(tabs.map((tab) => tab.stop()))
    expect(down.afterMs).not.toBeNull()
    const recovered = await watchReport(sim, allOperational, { timeoutMs: 20_000, startedAt })
    console.info(
      `[gateway] outage-then-recovery: down after ${down.afterMs} ms, operational again after ${recovered.afterMs} ms`,
    )
    expect(recovered.afterMs).not.toBeNull()
    expect((await control(sim, 'scenario')).timeline).toMatchObject({ failing: false })
    await pause(100)
    const fresh = await owner.get('/subscription')
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('x-billing-copy-as-of')).toBeNull()
  },
  40_000,
)
