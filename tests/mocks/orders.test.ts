// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { orderSchema } from '../../src/lib/api/schemas'
import { db } from '../../mocks/db'
import { addFiveSeats, ok, refused, send } from './support'

afterEach(() => {
  vi.useRealTimers()
})

async function quoteFor(body: { items: unknown[]; promoCode: string | null } = addFiveSeats) {
  const quote = await ok('createQuote', { body }, 201)
  return { quote, order: { ...body, quoteId: quote.id } }
}

describe('orders', () => {
  it('applies an order once however often the same key is sent', async () => {
    const { quote, order } = await quoteFor()
    const first = await ok('placeOrder', { body: order, idempotencyKey: 'intent-1' }, 201)
    const again = await ok('placeOrder', { body: order, idempotencyKey: 'intent-1' }, 200)
    expect(again).toEqual(first)
    expect(first).toMatchObject({ status: 'completed', idempotencyKey: 'intent-1', total: quote.total })

    const subscription = await ok('getSubscription')
    expect(subscription.seats).toEqual({ purchased: 30, inUse: 21 })
    expect(subscription.nextInvoice.total.amountMinor).toBe(30 * 4_900 + 10 * 5_000 + 2 * 2_500)

    const { invoices } = await ok('getInvoices')
    expect(invoices).toHaveLength(37)
    expect(invoices[0]).toMatchObject({ id: first.invoiceId, number: 'ACME-000037', status: 'paid', total: quote.total })
    expect(db.snapshot().orders).toHaveLength(1)

    expect(await ok('getOrderByKey', { params: { idempotencyKey: 'intent-1' } })).toEqual(first)
  })

  it('applies concurrent retries of one key once', async () => {
    const { order } = await quoteFor()
    const answers = await Promise.all([1, 2, 3].map(() => send('placeOrder', { body: order, idempotencyKey: 'intent-2' })))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201])
    const bodies = await Promise.all(answers.map(async (a) => orderSchema.parse(await a.json())))
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1)
    expect((await ok('getInvoices')).invoices).toHaveLength(37)
  })

  it('refuses a known key with a different body', async () => {
    const { order } = await quoteFor()
    await ok('placeOrder', { body: order, idempotencyKey: 'intent-3' }, 201)
    await refused(send('placeOrder', { body: { ...order, promoCode: 'SAVE10' }, idempotencyKey: 'intent-3' }), 422, 'idempotency_mismatch')
  })

  it('needs an Idempotency-Key', async () => {
    const { order } = await quoteFor()
    await refused(send('placeOrder', { body: order }), 400, 'idempotency_key_required')
  })

  it('refuses an unknown, expired or already used quote', async () => {
    const { order } = await quoteFor()
    await refused(send('placeOrder', { body: { ...order, quoteId: 'quo_9999' }, idempotencyKey: 'a' }), 409, 'quote_expired')

    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 16 * 60_000)
    await refused(send('placeOrder', { body: order, idempotencyKey: 'b' }), 409, 'quote_expired')
    vi.useRealTimers()

    const fresh = await quoteFor()
    await ok('placeOrder', { body: fresh.order, idempotencyKey: 'c' }, 201)
    await refused(send('placeOrder', { body: fresh.order, idempotencyKey: 'd' }), 409, 'quote_expired')
  })

  it('refuses an order that does not match its quote, or whose price moved', async () => {
    const { order } = await quoteFor()
    await refused(send('placeOrder', { body: { ...order, items: [{ type: 'seats', seats: 40 }] }, idempotencyKey: 'e' }), 409, 'quote_mismatch')

    const other = await quoteFor({ items: [{ type: 'seats', seats: 35 }], promoCode: null })
    await ok('placeOrder', { body: order, idempotencyKey: 'f' }, 201) // seats are 30 now: the 35-seat quote priced 10 more
    await refused(send('placeOrder', { body: other.order, idempotencyKey: 'g' }), 409, 'quote_expired')
  })

  it('changes plan and add-ons and adds a matching invoice', async () => {
    const { order } = await quoteFor({
      items: [{ type: 'plan', planId: 'plan_enterprise' }, { type: 'addon', addonId: 'addon_storage', quantity: 0 }, { type: 'addon', addonId: 'addon_sandbox', quantity: 1 }],
      promoCode: 'SAVE10',
    })
    const placed = await ok('placeOrder', { body: order, idempotencyKey: 'h' }, 201)
    const subscription = await ok('getSubscription')
    expect(subscription.plan).toEqual({ id: 'plan_enterprise', name: 'Enterprise' })
    expect(subscription.seatPrice.amountMinor).toBe(9_900)
    expect(subscription.addons.map((a) => [a.id, a.quantity])).toEqual([['addon_advanced_ai', 10], ['addon_sandbox', 1]])
    expect(subscription.nextInvoice.total.amountMinor).toBe(25 * 9_900 + 10 * 5_000 + 15_000)

    const invoice = await ok('getInvoice', { params: { invoiceId: placed.invoiceId ?? '' } })
    expect(invoice.total).toEqual(placed.total)
    expect(invoice.lines.reduce((sum, line) => sum + line.amount.amountMinor, 0)).toBe(invoice.subtotal.amountMinor)
    expect(invoice.lines.at(-1)?.description).toBe('Promo code SAVE10')
  })

  it('answers 404 for an unknown key', async () => {
    await refused(send('getOrderByKey', { params: { idempotencyKey: 'never-used' } }), 404, 'not_found')
  })
})
