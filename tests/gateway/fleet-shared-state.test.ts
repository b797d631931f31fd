// @vitest-environment node
/**
 * Two gateway instances over HTTP sharing one Redis (Debian's redis-server) and one Zuora, as a
 * load balancer spreads one admin's requests over them: a session made on one is good on the
 * other, a keyed order retried on the other is the same order (one order at Zuora), and with
 * Redis stopped no answer fails, sign-ins and orders still work, and what was done meanwhile is
 * still there once Redis is back, even a Redis that came back empty.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startGatewaySim, type GatewaySim } from '../../gateway/node/sim-server'
import { createRedisStore, type SharedStore } from '../../gateway/stores/redis-store'
import { startRedisServer, type RedisServer } from '../../scripts/redis-server'
import { control, pause, quoted, signedIn, users, type Client } from './gateway-sim-client'

let redis: RedisServer
let stores: SharedStore[]
let a: GatewaySim
let b: GatewaySim

beforeAll(async () => {
  redis = await startRedisServer()
  // A generous time-out: the whole suite runs beside this on two cores, and a Redis answer late
  // for that reason alone must not send an instance off alone (the tests stop Redis for that).
  stores = [0, 1].map(() => createRedisStore({ url: redis.url, keyPrefix: 'fleet-test:', commandTimeoutMs: 2_000 }))
  for (const store of stores) expect(await store.waitUntilReady(10_000)).toBe(true)
  // The first instance owns (and warms) the simulator; the second calls the same one.
  a = await startGatewaySim({ shared: stores[0], instanceId: 'gw-a' })
  b = await startGatewaySim({ shared: stores[1], instanceId: 'gw-b', simulator: a.simulator })
}, 40_000)
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()])
  await Promise.all((stores ?? []).map((store) => store.close()))
  await redis?.stop()
})

/** The same browser (its cookie) sent to the other instance, as nginx's round robin would. */
function on(instance: GatewaySim, browser: Client) {
  return (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${instance.url}/api${path}`, {
      method,
      headers: {
        Cookie: browser.cookie(),
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
}

const ordersSince = async (since: number) =>
  ((await control(a, `zuora-calls?since=${since}`)) as { calls: { operation: string }[] }).calls.filter(
    (call) => call.operation === 'createOrder',
  ).length

test('a session made on one instance is good on the other', async () => {
  const owner = await signedIn(a, users.owner)
  const answer = await on(b, owner)('GET', '/subscription')
  expect(answer.status).toBe(200)
  expect(((await answer.json()) as { accountId: string }).accountId).toBe('acc_acme')
  const signedOut = await fetch(`${b.url}/api/subscription`)
  expect(signedOut.status).toBe(401)
})

test('a keyed order retried on the other instance is the same order: one order reaches Zuora', async () => {
  const owner = await signedIn(a, users.owner)
  const since = Date.now()
  const { order } = await quoted(owner, [{ type: 'seats', seats: 31 }])
  const key = `fleet-${Date.now()}`
  const first = await on(a, owner)('POST', '/orders', { body: order, headers: { 'Idempotency-Key': key } })
  expect(first.status).toBe(201)
  const retried = await on(b, owner)('POST', '/orders', { body: order, headers: { 'Idempotency-Key': key } })
  expect(retried.status).toBe(200)
  expect(((await retried.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id)
  expect(await ordersSince(since)).toBe(1)
})

test('with Redis stopped nothing fails and nothing is lost, even when Redis comes back empty', async () => {
  const owner = await signedIn(a, users.owner)
  // Both instances have seen this session before Redis goes.
  expect((await on(b, owner)('GET', '/account')).status).toBe(200)
  await redis.stop()

  const during: number[] = []
  for (const instance of [a, b, a, b]) during.push((await on(instance, owner)('GET', '/subscription')).status)
  expect(during).toEqual([200, 200, 200, 200])
  const viewer = await signedIn(b, users.viewer)
  expect((await on(b, viewer)('GET', '/subscription')).status).toBe(200)
  const { order } = await quoted(owner, [{ type: 'seats', seats: 32 }])
  const key = `fleet-outage-${Date.now()}`
  const placed = await on(a, owner)('POST', '/orders', { body: order, headers: { 'Idempotency-Key': key } })
  expect(placed.status).toBe(201)
  expect(a.gateway().deps.storeMode()).toBe('local')

  // Redis restarts with nothing saved: each instance gives back what it holds.
  await redis.start()
  const deadline = Date.now() + 15_000
  while (
    Date.now() < deadline &&
    (a.gateway().deps.storeMode() !== 'shared' || b.gateway().deps.storeMode() !== 'shared')
  ) {
    await on(a, owner)('GET', '/account')
    await on(b, owner)('GET', '/account')
    await pause(200)
  }
  expect([a.gateway().deps.storeMode(), b.gateway().deps.storeMode()]).toEqual(['shared', 'shared'])
  // The session made on b during the outage now works on a, and the order key made on a is known on b.
  expect((await on(a, viewer)('GET', '/subscription')).status).toBe(200)
  expect((await on(a, owner)('GET', '/subscription')).status).toBe(200)
  const since = Date.now()
  const replay = await on(b, owner)('POST', '/orders', { body: order, headers: { 'Idempotency-Key': key } })
  expect(replay.status).toBe(200)
  expect(await ordersSince(since)).toBe(0)
}, 60_000)
