// @vitest-environment node
/**
 * An order whose request got no answer from Zuora itself (the edge's 502: Zuora may or may not have
 * it), over HTTP. The key stays unknown, and GET /orders/by-key says `pending`, not "not placed",
 * for as long as Zuora might still commit it. But the app's retry with the same key does not wait
 * that out: Zuora has no order of that number, so the gateway sends it again at once under the
 * same Zuora key and number, which Zuora would answer with 409 (or its first answer) had the first
 * reached it. One order at Zuora, both sends under one Zuora key.
 */
import { expect, test } from 'vitest'
import { startGatewaySim } from '../../gateway/node/sim-server'
import { control, failure, quoted, signedIn, users } from './gateway-sim-client'

const isCreateOrder = (request: Request) => request.method === 'POST' && new URL(request.url).pathname === '/v1/orders'

test('a 502 before Zuora saw the order: pending by key, and the retry places it at once under the same Zuora key', async () => {
  const zuoraKeys: (string | null)[] = []
  let dropFirst = true
  const sim = await startGatewaySim({
    port: 0,
    wrapZuora: (http) => async (request) => {
      if (!isCreateOrder(request)) return http(request)
      zuoraKeys.push(request.headers.get('Idempotency-Key'))
      if (!dropFirst) return http(request)
      dropFirst = false
      return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
        status: 502,
        headers: { 'Content-Type': 'text/html' },
      })
    },
  })
  try {
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

    expect(zuoraKeys).toHaveLength(2)
    expect(zuoraKeys[1]).toBe(zuoraKeys[0])
    expect((await owner.get('/orders/by-key/edge-502')).body).toMatchObject({ status: 'completed' })
    expect((await owner.get('/subscription')).body.seats.purchased).toBe(33)
    const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as {
      calls: { operation: string; status: number | null }[]
    }
    expect(calls.filter((call) => call.operation === 'createOrder')).toHaveLength(1)
  } finally {
    await sim.close()
  }
}, 30_000)
