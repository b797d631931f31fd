// @vitest-environment node
/**
 * An order whose request Zuora answered with a failure (the edge's 503), over HTTP: Zuora has
 * finished with it, so the gateway asks for the order by its number at once. Not there: the key
 * holds no order (GET /orders/by-key says so now, not after Zuora's longest request) and the app's
 * retry with the same key sends it again, under the same number and a new Zuora key (Zuora replays
 * its first answer to a key, failures included: after a lock contention the old key would fail
 * forever). There after all (the 503 came after Zuora created it): the retry gets that order, and
 * nothing is sent again. Either way, one order at Zuora.
 */
import { expect, test } from 'vitest'
import { startGatewaySim, type GatewaySim } from '../../gateway/node/sim-server'
import { control, failure, quoted, signedIn, users } from './gateway-sim-client'

type ZuoraCall = { operation: string; idempotencyKey: string | null }

const isCreateOrder = (request: Request) => request.method === 'POST' && new URL(request.url).pathname === '/v1/orders'
const edge503 = () =>
  new Response('<html><body><h1>503 Service Unavailable</h1></body></html>', {
    status: 503,
    headers: { 'Content-Type': 'text/html' },
  })

/** A gateway whose first order to Zuora gets the edge's 503, before Zuora sees it or after it created it. */
async function withFirstOrderAnswered503(when: 'before' | 'after', run: (sim: GatewaySim) => Promise<void>) {
  let left = 1
  const sim = await startGatewaySim({
    port: 0,
    wrapZuora: (http) => async (request) => {
      if (!isCreateOrder(request) || left-- <= 0) return http(request)
      if (when === 'after') await http(request)
      return edge503()
    },
  })
  try {
    await run(sim)
  } finally {
    await sim.close()
  }
}

async function createOrderCalls(sim: GatewaySim, since: number): Promise<ZuoraCall[]> {
  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as { calls: ZuoraCall[] }
  return calls.filter((call) => call.operation === 'createOrder')
}

test('refused before Zuora saw it: not placed at once, and the retry with the same key places it once', async () => {
  await withFirstOrderAnswered503('before', async (sim) => {
    const owner = await signedIn(sim, users.owner)
    const since = Date.now()
    const { order: body } = await quoted(owner, [{ type: 'seats', seats: 30 }])
    const place = () => owner.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'edge-503-before' } })

    expect(failure(await place())).toEqual([503, 'provider_unavailable'])
    expect(failure(await owner.get('/orders/by-key/edge-503-before'))).toEqual([404, 'not_found'])

    const retried = await place()
    expect(retried.status, retried.text).toBe(201)
    expect(retried.body).toMatchObject({ idempotencyKey: 'edge-503-before', status: 'completed' })
    expect((await owner.get('/subscription')).body.seats.purchased).toBe(30)
    expect(await createOrderCalls(sim, since)).toHaveLength(1)
  })
}, 30_000)

test('answered 503 after Zuora created it: the retry gets that order, and nothing is sent again', async () => {
  await withFirstOrderAnswered503('after', async (sim) => {
    const owner = await signedIn(sim, users.owner)
    const since = Date.now()
    const { order: body } = await quoted(owner, [{ type: 'seats', seats: 31 }])
    const place = () => owner.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'edge-503-after' } })

    expect(failure(await place())).toEqual([503, 'provider_unavailable'])
    const byKey = await owner.get('/orders/by-key/edge-503-after')
    expect(byKey.status, byKey.text).toBe(200)
    expect(byKey.body).toMatchObject({ idempotencyKey: 'edge-503-after', status: 'completed' })

    const retried = await place()
    expect(retried.status, retried.text).toBe(200)
    expect(retried.body).toMatchObject({ id: byKey.body.id, status: 'completed' })
    expect((await owner.get('/subscription')).body.seats.purchased).toBe(31)
    expect(await createOrderCalls(sim, since)).toHaveLength(1)
  })
}, 30_000)

test('a lock contention Zuora keeps under its key: the retry goes under a new key and places the order once', async () => {
  // Zuora's application answers the first order 200 with success: false, category 50 (retryable),
  // and replays that answer to every later request with the same Idempotency-Key, as Zuora does.
  const refusedKeys = new Set<string>()
  const sentKeys: (string | null)[] = []
  const lockContention = () =>
    Response.json({
      success: false,
      processId: 'sim-lock',
      reasons: [{ code: 53100050, message: 'Operation failed due to lock contention. Please retry later.' }],
    })
  const sim = await startGatewaySim({
    port: 0,
    wrapZuora: (http) => async (request) => {
      if (!isCreateOrder(request)) return http(request)
      const key = request.headers.get('Idempotency-Key')
      sentKeys.push(key)
      if (key !== null && (refusedKeys.has(key) || refusedKeys.size === 0)) {
        refusedKeys.add(key)
        return lockContention()
      }
      return http(request)
    },
  })
  try {
    const owner = await signedIn(sim, users.owner)
    const since = Date.now()
    const { order: body } = await quoted(owner, [{ type: 'seats', seats: 32 }])
    const place = () => owner.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'lock-contention' } })

    expect(failure(await place())).toEqual([503, 'provider_unavailable'])
    expect(failure(await owner.get('/orders/by-key/lock-contention'))).toEqual([404, 'not_found'])
    const retried = await place()
    expect(retried.status, retried.text).toBe(201)
    expect(retried.body).toMatchObject({ idempotencyKey: 'lock-contention', status: 'completed' })
    expect(sentKeys).toHaveLength(2)
    expect(sentKeys[1]).not.toBe(sentKeys[0])
    expect((await owner.get('/subscription')).body.seats.purchased).toBe(32)
    expect(await createOrderCalls(sim, since)).toHaveLength(1)
  } finally {
    await sim.close()
  }
}, 30_000)
