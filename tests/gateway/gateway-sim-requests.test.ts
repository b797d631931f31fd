/**
 * The simulated gateway's request log (`GET /__control/requests`, gateway/node/sim-request-log.ts):
 * what the benches and the browser tests over HTTP read of the requests the browsers sent, beside
 * what reached Zuora (`/__control/zuora-calls`).
 */
import { expect, test } from 'vitest'
import { control, gatewayPerFile, signedIn, users, type GatewaySim } from './gateway-sim-client'

let sim: GatewaySim
gatewayPerFile(async (started) => {
  sim = started
})

type Logged = { path: string; endpoint: string | null; capability: string | null; status: number | null }
const requestsSince = async (since: number): Promise<Logged[]> =>
  ((await control(sim, `requests?since=${since}`)) as { requests: Logged[] }).requests

test('each API request is logged with its endpoint, capability, bench client, idempotency key and answer', async () => {
  const since = Date.now()
  const owner = await signedIn(sim, users.owner)
  expect((await owner.get('/subscription', { 'X-Bench-Client': 'tab-1' })).status).toBe(200)
  const refused = await owner.call('POST', '/orders', { body: {}, headers: { 'Idempotency-Key': 'key-1' } })
  expect(refused.status).toBeGreaterThanOrEqual(400)
  expect((await owner.get('/no-such-endpoint')).status).toBe(404)

  expect(await requestsSince(since)).toEqual([
    expect.objectContaining({
      method: 'POST',
      path: '/api/session',
      endpoint: 'signIn',
      capability: null,
      status: 200,
    }),
    expect.objectContaining({
      method: 'GET',
      path: '/api/subscription',
      endpoint: 'getSubscription',
      capability: 'subscription',
      client: 'tab-1',
      idempotencyKey: null,
      status: 200,
    }),
    expect.objectContaining({
      path: '/api/orders',
      endpoint: 'placeOrder',
      capability: 'subscription',
      client: null,
      idempotencyKey: 'key-1',
      status: refused.status,
    }),
    expect.objectContaining({ path: '/api/no-such-endpoint', endpoint: null, capability: null, status: 404 }),
  ])
})

test('a reset forgets the log, and so does DELETE; only what came at or after `since` is listed', async () => {
  const owner = await signedIn(sim, users.owner)
  await owner.get('/me')
  await control(sim, 'reset', {})
  expect(await requestsSince(0)).toEqual([])

  await owner.get('/me')
  const later = Date.now() + 1
  await new Promise((resolve) => setTimeout(resolve, 5))
  await owner.get('/me')
  expect(await requestsSince(later)).toHaveLength(1)
  expect((await fetch(`${sim.url}/__control/requests`, { method: 'DELETE' })).status).toBe(200)
  expect(await requestsSince(0)).toEqual([])
})

test('a page of another origin cannot read the log', async () => {
  const answer = await fetch(`${sim.url}/__control/requests`, { headers: { Origin: 'https://elsewhere.example' } })
  expect(answer.status).toBe(403)
})
