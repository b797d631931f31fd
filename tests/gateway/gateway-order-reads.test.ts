// @vitest-environment node
/**
 * The subscription reads inside a checkout, over HTTP, through the faults of the incident's cache
 * layer made deterministic: a read that fails at once is read again inside the gateway, and a read
 * from the snapshot before the gateway's own last order (a version that order replaced) is never
 * believed: it is read again, neither priced nor taken as a sign that prices changed. Before this,
 * such reads refused good quotes as "expired" (27 of 48 failed checkouts through cache-layer-failure).
 */
import { expect, test } from 'vitest'
import { startGatewaySim, type GatewaySim } from '../../gateway/node/sim-server'
import type { HttpClient } from '../../gateway/ports'
import { control, failure, quoted, signedIn, users, type Client } from './gateway-sim-client'

/** The gateway's own read of the subscription (the health probes read it with `pageSize=1` instead). */
const isSubscriptionRead = (request: Request) => {
  const url = new URL(request.url)
  return (
    request.method === 'GET' &&
    url.pathname.startsWith('/v1/subscriptions/accounts/') &&
    url.searchParams.has('charge-detail')
  )
}
const isCreateOrder = (request: Request) => request.method === 'POST' && new URL(request.url).pathname === '/v1/orders'

type Fate = 'stale' | 'fresh' | 'fails'

/**
 * Between the gateway and the simulator: after the first order Zuora completed, each subscription
 * read takes the next fate of `script` (then `rest`): the body from before that order, Zuora's own,
 * or a JSON 500 from the application, as the cache layer answered.
 */
function cacheLayer(script: Fate[], rest: Fate) {
  const fates = [...script]
  let before: string | null = null
  let ordered = false
  const seen: Fate[] = []
  const wrap =
    (http: HttpClient): HttpClient =>
    async (request) => {
      if (isCreateOrder(request)) {
        const answer = await http(request)
        ordered ||= answer.ok
        return answer
      }
      if (!isSubscriptionRead(request)) return http(request)
      if (!ordered) {
        const answer = await http(request)
        before = await answer.clone().text()
        return answer
      }
      const fate = fates.shift() ?? rest
      seen.push(fate)
      if (fate === 'fails')
        return Response.json(
          { success: false, reasons: [{ code: 50000060, message: 'Internal error' }] },
          { status: 500 },
        )
      const answer = await http(request)
      if (fate === 'fresh' || before === null) return answer
      return new Response(before, { status: 200, headers: answer.headers })
    }
  return { wrap, seen }
}

async function withGateway(wrapZuora: (http: HttpClient) => HttpClient, run: (sim: GatewaySim) => Promise<void>) {
  const sim = await startGatewaySim({ port: 0, wrapZuora })
  try {
    await run(sim)
  } finally {
    await sim.close()
  }
}

async function placed(owner: Client, seats: number, key: string) {
  const { order } = await quoted(owner, [{ type: 'seats', seats }])
  return owner.call('POST', '/orders', { body: order, headers: { 'Idempotency-Key': key } })
}

async function createdOrders(sim: GatewaySim, since: number): Promise<number> {
  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as {
    calls: { operation: string; status: number | null }[]
  }
  return calls.filter((call) => call.operation === 'createOrder' && call.status === 200).length
}

test('a stale read after the last order is read again: the quote prices today’s subscription and the order goes through', async () => {
  // The quote's first read and the order's first read come from before the first order.
  const layer = cacheLayer(['stale', 'fresh', 'fresh', 'stale', 'fresh'], 'fresh')
  await withGateway(layer.wrap, async (sim) => {
    const owner = await signedIn(sim, users.owner)
    const since = Date.now()
    const first = await placed(owner, 30, 'stale-1')
    expect(first.status, first.text).toBe(201)

    const { quote, order } = await quoted(owner, [{ type: 'seats', seats: 31 }])
    // Priced from 30 seats (today's), not from the 25 of the stale snapshot: one seat's worth.
    const { quote: fromThirty } = await quoted(owner, [{ type: 'seats', seats: 31 }])
    expect(quote.total).toEqual(fromThirty.total)
    const second = await owner.call('POST', '/orders', { body: order, headers: { 'Idempotency-Key': 'stale-2' } })
    expect(second.status, second.text).toBe(201)
    expect(second.body).toMatchObject({ status: 'completed' })
    expect(layer.seen.slice(0, 5)).toEqual(['stale', 'fresh', 'fresh', 'stale', 'fresh'])
    expect((await owner.get('/subscription')).body.seats.purchased).toBe(31)
    expect(await createdOrders(sim, since)).toBe(2)
  })
}, 30_000)

test('while every read is stale, a quote is refused as unavailable for now, never priced on the old subscription', async () => {
  const layer = cacheLayer([], 'stale')
  await withGateway(layer.wrap, async (sim) => {
    const owner = await signedIn(sim, users.owner)
    expect((await placed(owner, 30, 'all-stale-1')).status).toBe(201)

    const answer = await owner.call('POST', '/quotes', {
      body: { items: [{ type: 'seats', seats: 31 }], promoCode: null },
    })
    expect(failure(answer)).toEqual([503, 'provider_unavailable'])
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0)
    // Read once and three times again, all of them the snapshot from before the order.
    expect(layer.seen).toEqual(['stale', 'stale', 'stale', 'stale'])
  })
}, 30_000)

test('a read that fails at once is tried again inside the gateway: the order is placed by one request', async () => {
  const layer = cacheLayer(['fresh', 'fails', 'fails', 'fresh'], 'fresh')
  await withGateway(layer.wrap, async (sim) => {
    const owner = await signedIn(sim, users.owner)
    const since = Date.now()
    expect((await placed(owner, 30, 'fails-1')).status).toBe(201)

    // The quote reads fresh; the order's read fails twice, then answers.
    const second = await placed(owner, 31, 'fails-2')
    expect(second.status, second.text).toBe(201)
    expect(second.body).toMatchObject({ status: 'completed' })
    expect(layer.seen.slice(0, 4)).toEqual(['fresh', 'fails', 'fails', 'fresh'])
    expect(await createdOrders(sim, since)).toBe(2)
  })
}, 30_000)
