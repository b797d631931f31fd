// @vitest-environment node
/**
 * The gateway over HTTP, healthy: the subscription, quotes priced by Zuora's order preview, and
 * orders through the gateway's key store (201, replay 200, another body 422, no key 400, a used or
 * unknown quote 409), found again by key; roles that may price but not order.
 */
import { expect, test } from 'vitest'
import {
  control,
  expectContract,
  failure,
  gatewayPerFile,
  quoted,
  signedIn,
  users,
  type Client,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
let owner: Client
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
})

const order = (body: unknown, key?: string) =>
  owner.call('POST', '/orders', { body, headers: key === undefined ? {} : { 'Idempotency-Key': key } })

type Money = { amountMinor: number; currency: string }

test('the subscription is Acme’s, in the contract’s shape', async () => {
  const answer = await owner.get('/subscription')
  expect(answer.status).toBe(200)
  expect(answer.headers.get('x-billing-copy-as-of')).toBeNull()
  expectContract('getSubscription', answer.body)
  expect(answer.body).toMatchObject({ accountId: 'acc_acme', plan: { id: 'plan_professional' }, seats: { inUse: 21 } })
})

test('a quote adds up: total = subtotal − discount + tax, lines summing to the subtotal; SAVE10 takes 10 % off', async () => {
  const items = [
    { type: 'seats', seats: 30 },
    { type: 'addon', addonId: 'addon_storage', quantity: 3 },
  ]
  const plain = (await quoted(owner, items)).quote
  const promo = (await quoted(owner, items, 'SAVE10')).quote
  for (const quote of [plain, promo]) {
    expectContract('createQuote', quote)
    const sum = (quote.lines as { amount: Money }[]).reduce((total, line) => total + line.amount.amountMinor, 0)
    expect(quote.subtotal.amountMinor).toBe(sum)
    expect(quote.total.amountMinor).toBe(
      quote.subtotal.amountMinor - quote.discount.amountMinor + quote.tax.amountMinor,
    )
    expect(quote.lines).toHaveLength(2)
  }
  expect(plain.discount.amountMinor).toBe(0)
  expect(promo.promoCode).toBe('SAVE10')
  expect(promo.subtotal).toEqual(plain.subtotal)
  expect(promo.discount.amountMinor).toBe(Math.round(plain.subtotal.amountMinor / 10))
  expect(promo.total.amountMinor).toBeLessThan(plain.total.amountMinor)
})

test('a quote is refused 422 for an unknown promo code and for seats below those in use', async () => {
  const unknownPromo = await owner.call('POST', '/quotes', {
    body: { items: [{ type: 'seats', seats: 30 }], promoCode: 'NOSUCHCODE' },
  })
  expect(failure(unknownPromo)[0]).toBe(422)
  expect(unknownPromo.body.error.fields).toHaveProperty('promoCode')
  const tooFew = await owner.call('POST', '/quotes', {
    body: { items: [{ type: 'seats', seats: 20 }], promoCode: null },
  })
  expect(failure(tooFew)).toEqual([422, 'seats_below_in_use'])
  expect(failure(await owner.call('POST', '/quotes', { body: { items: [], promoCode: null } }))[0]).toBe(422)
})

test('an order: 201, the same key and body replay it (200), another body 422, and the seats move once', async () => {
  const since = Date.now()
  const { quote, order: body } = await quoted(owner, [{ type: 'seats', seats: 30 }])
  const placed = await order(body, 'order-key-1')
  expect(placed.status).toBe(201)
  expectContract('placeOrder', placed.body)
  expect(placed.body).toMatchObject({ idempotencyKey: 'order-key-1', status: 'completed', total: quote.total })

  const replay = await order(body, 'order-key-1')
  expect(replay.status).toBe(200)
  expect(replay.body).toEqual(placed.body)
  const other = await order({ ...body, items: [{ type: 'seats', seats: 31 }] }, 'order-key-1')
  expect(failure(other)).toEqual([422, 'idempotency_key_reused'])

  expect((await owner.get('/subscription')).body.seats.purchased).toBe(30)
  const byKey = await owner.get('/orders/by-key/order-key-1')
  expect(byKey.status).toBe(200)
  expectContract('getOrderByKey', byKey.body)
  expect(byKey.body).toEqual(placed.body)

  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as { calls: { operation: string }[] }
  expect(calls.filter((call) => call.operation === 'createOrder')).toHaveLength(1)
})

test('an order needs a key (400) and a live quote of its own (409 quote_expired, no record under the key)', async () => {
  const { order: body } = await quoted(owner, [{ type: 'seats', seats: 27 }])
  expect(failure(await order(body))).toEqual([400, 'idempotency_key_required'])
  expect(failure(await order({ ...body, quoteId: 'quo_nosuchquote' }, 'k-unknown-quote'))).toEqual([
    409,
    'quote_expired',
  ])
  expect(failure(await owner.get('/orders/by-key/k-unknown-quote'))).toEqual([404, 'not_found'])

  expect((await order(body, 'k-first')).status).toBe(201)
  // The same quote under another key: the price it showed was charged once already.
  expect(failure(await order(body, 'k-second'))).toEqual([409, 'quote_expired'])
  expect(failure(await owner.get('/orders/by-key/k-second'))).toEqual([404, 'not_found'])
})

test('a quote priced before the subscription changed is not charged (409)', async () => {
  const stale = await quoted(owner, [{ type: 'addon', addonId: 'addon_storage', quantity: 4 }])
  const { order: seats } = await quoted(owner, [{ type: 'seats', seats: 28 }])
  expect((await order(seats, 'k-seats')).status).toBe(201)
  expect(failure(await order(stale.order, 'k-stale'))).toEqual([409, 'quote_expired'])
})

test('an unknown key is 404; a key is the account’s own', async () => {
  expect(failure(await owner.get('/orders/by-key/never-used'))).toEqual([404, 'not_found'])
  const { order: body } = await quoted(owner, [{ type: 'seats', seats: 26 }])
  expect((await order(body, 'acme-key')).status).toBe(201)
  await owner.call('PUT', '/session/account', { body: { accountId: 'acc_globex' } })
  expect(failure(await owner.get('/orders/by-key/acme-key'))).toEqual([404, 'not_found'])
})

test('an admin without billing rights may price a change but not order it (403)', async () => {
  const viewer = await signedIn(sim, users.viewer)
  const { order: body } = await quoted(viewer, [{ type: 'seats', seats: 26 }])
  const refused = await viewer.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'viewer-key' } })
  expect(failure(refused)).toEqual([403, 'forbidden'])
  const operator = await signedIn(sim, users.operator)
  expect(
    failure(await operator.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'operator-key' } }))[0],
  ).toBe(403)
  expect((await owner.get('/subscription')).body.seats.purchased).toBe(25)
})
