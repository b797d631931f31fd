// @vitest-environment node
/**
 * An order whose request got no answer from Zuora itself (the edge's 502, at once: Zuora may or may
 * not have it), over HTTP. The gateway looks the order up by its number and, with none there, sends
 * it again once within the same request, under the same Zuora key and number (which Zuora would
 * answer with 409, or its first answer, had the first reached it). When that fails too, the key
 * stays unknown: GET /orders/by-key says `pending`, not "not placed", for as long as Zuora might
 * still commit it, but the app's retry with the same key does not wait that out and sends it again
 * at once. One order at Zuora, every send under one Zuora key.
 */
import { expect, test } from 'vitest'
import { startGatewaySim, type GatewaySim } from '../../gateway/node/sim-server'
import { control, failure, quoted, signedIn, users } from './gateway-sim-client'

const isCreateOrder = (request: Request) => request.method === 'POST' && new URL(request.url).pathname === '/v1/orders'

/** A gateway whose first `dropped` orders to Zuora get the edge's 502 before Zuora sees them. */
async function withEdge502s(dropped: number, run: (sim: GatewaySim, zuoraKeys: (string | null)[]) => Promise<void>) {
  const zuoraKeys: (string | null)[] = []
  let left = dropped
  const sim = await startGatewaySim({
    port: 0,
    wrapZuora: (http) => async (request) => {
      if (!isCreateOrder(request)) return http(request)
      zuoraKeys.push(request.headers.get('Idempotency-Key'))
      if (left-- <= 0) return http(request)
      return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
        status: 502,
        headers: { 'Content-Type': 'text/html' },
      })
    },
  })
  try {
    await run(sim, zuoraKeys)
  } finally {
    await sim.close()
  }
}

async function createOrderCalls(sim: GatewaySim, since: number) {
  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as {
    calls: { operation: string; status: number | null }[]
  }
  return calls.filter((call) => call.operation === 'createOrder')
}

test('one 502 at once: looked up, sent again under the same Zuora key, placed by the same request', async () => {
  await withEdge502s(1, async (sim, zuoraKeys) => {
    const owner = await signedIn(sim, users.owner)
    const since = Date.now()
    const { order: body } = await quoted(owner, [{ type: 'seats', seats: 34 }])
    const placed = await owner.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'edge-502-once' } })
    expect(placed.status, placed.text).toBe(201)
    expect(placed.body).toMatchObject({ idempotencyKey: 'edge-502-once', status: 'completed' })
    expect(zuoraKeys).toHaveLength(2)
    expect(zuoraKeys[1]).toBe(zuoraKeys[0])
    expect(await createOrderCalls(sim, since)).toHaveLength(1)
    expect((await owner.get('/subscription')).body.seats.purchased).toBe(34)
  })
}, 30_000)

test('two 502s: pending by key, and the retry places it at once under the same Zuora key', async () => {
  await withEdge502s(2, async (sim, zuoraKeys) => {
    const owner = await signedIn(sim, users.owner)
    const since = Date.now()
    const { order: body } = await quoted(owner, [{ type: 'seats', seats: 33 }])
    const place = () => owner.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'edge-502' } })

    const first = await place()
    expect(failure(first)).toEqual([503, 'provider_unavailable'])
    // Safe to send again at once: the app is told a second, not a read's five.
    expect(first.headers.get('retry-after')).toBe('1')
    const byKey = await owner.get('/orders/by-key/edge-502')
    expect(byKey.status, byKey.text).toBe(200)
    expect(byKey.body).toMatchObject({ idempotencyKey: 'edge-502', status: 'pending' })

    const startedAt = Date.now()
    const retried = await place()
    expect(retried.status, retried.text).toBe(201)
    expect(retried.body).toMatchObject({ id: byKey.body.id, idempotencyKey: 'edge-502', status: 'completed' })
    expect(Date.now() - startedAt).toBeLessThan(10_000)

    expect(zuoraKeys).toHaveLength(3)
    expect(new Set(zuoraKeys).size).toBe(1)
    expect((await owner.get('/orders/by-key/edge-502')).body).toMatchObject({ status: 'completed' })
    expect((await owner.get('/subscription')).body.seats.purchased).toBe(33)
    expect(await createOrderCalls(sim, since)).toHaveLength(1)
  })
}, 30_000)
