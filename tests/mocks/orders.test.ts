// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { orderInputSchema, orderSchema } from '../../src/lib/api/schemas'
import { db } from '../../mocks/db'
import { readScenarioLink } from '../../mocks/scenarios/scenario-link'
import { addFiveSeats, API, ok, refused, send } from './support'
import '../support/legacy-contract/backend'
import { useScenario as useContractScenario } from '../support/legacy-contract/scenario'

const T0 = Date.parse('2026-03-02T10:00:00.000Z')

/** Pins the db clock (Date only: the mock's waits stay real) at T0, and reseeds the backend on it. */
function pinClock(): void {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 })
  db.reset()
}

const advanceClock = (ms: number) => vi.setSystemTime(Date.now() + ms)
/** Longer than a held order takes to look at the clock again. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400))

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
    expect(invoices[0]).toMatchObject({
      id: first.invoiceId,
      number: 'ACME-000037',
      status: 'paid',
      total: quote.total,
    })
    expect(db.snapshot().orders).toHaveLength(1)

    expect(await ok('getOrderByKey', { params: { idempotencyKey: 'intent-1' } })).toEqual(first)
  })

  it('applies concurrent retries of one key once', async () => {
    const { order } = await quoteFor()
    const answers = await Promise.all(
      [1, 2, 3].map(() => send('placeOrder', { body: order, idempotencyKey: 'intent-2' })),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201])
    const bodies = await Promise.all(answers.map(async (a) => orderSchema.parse(await a.json())))
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1)
    expect((await ok('getInvoices')).invoices).toHaveLength(37)
  })

  it('refuses a known key with a different body', async () => {
    const { order } = await quoteFor()
    await ok('placeOrder', { body: order, idempotencyKey: 'intent-3' }, 201)
    await refused(
      send('placeOrder', { body: { ...order, promoCode: 'SAVE10' }, idempotencyKey: 'intent-3' }),
      422,
      'idempotency_key_reused',
    )
  })

  it('needs an Idempotency-Key', async () => {
    const { order } = await quoteFor()
    await refused(send('placeOrder', { body: order }), 400, 'idempotency_key_required')
  })

  it('refuses an unknown, expired or already used quote', async () => {
    const { order } = await quoteFor()
    await refused(
      send('placeOrder', { body: { ...order, quoteId: 'quo_9999' }, idempotencyKey: 'a' }),
      409,
      'quote_expired',
    )

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
    await refused(
      send('placeOrder', { body: { ...order, items: [{ type: 'seats', seats: 40 }] }, idempotencyKey: 'e' }),
      409,
      'quote_mismatch',
    )

    const other = await quoteFor({ items: [{ type: 'seats', seats: 35 }], promoCode: null })
    await ok('placeOrder', { body: order, idempotencyKey: 'f' }, 201) // seats are 30 now: the 35-seat quote priced 10 more
    await refused(send('placeOrder', { body: other.order, idempotencyKey: 'g' }), 409, 'quote_expired')
  })

  it('changes plan and add-ons and adds a matching invoice', async () => {
    const { order } = await quoteFor({
      items: [
        { type: 'plan', planId: 'plan_enterprise' },
        { type: 'addon', addonId: 'addon_storage', quantity: 0 },
        { type: 'addon', addonId: 'addon_sandbox', quantity: 1 },
      ],
      promoCode: 'SAVE10',
    })
    const placed = await ok('placeOrder', { body: order, idempotencyKey: 'h' }, 201)
    const subscription = await ok('getSubscription')
    expect(subscription.plan).toEqual({ id: 'plan_enterprise', name: 'Enterprise' })
    expect(subscription.seatPrice.amountMinor).toBe(9_900)
    expect(subscription.addons.map((a) => [a.id, a.quantity])).toEqual([
      ['addon_advanced_ai', 10],
      ['addon_sandbox', 1],
    ])
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

describe('idempotency as Zuora documents it', () => {
  it('answers a repeat of the key 409 while the first order is processed, and the first order once it committed', async () => {
    pinClock()
    useContractScenario('healthy', { orderCommitMs: 20_000 })
    const { quote, order } = await quoteFor()
    const held = send('placeOrder', { body: order, idempotencyKey: 'slow-1' })
    await settle()

    const error = await refused(
      send('placeOrder', { body: order, idempotencyKey: 'slow-1' }),
      409,
      'idempotency_in_progress',
    )
    expect(error.message).toMatch(/still being processed/)
    const pending = await ok('getOrderByKey', { params: { idempotencyKey: 'slow-1' } })
    expect(pending).toMatchObject({
      status: 'pending',
      idempotencyKey: 'slow-1',
      items: order.items,
      total: quote.total,
      invoiceId: null,
    })
    expect((await ok('getSubscription')).seats.purchased).toBe(25) // nothing applied yet

    advanceClock(20_000)
    const first = await held
    expect(first.status).toBe(201)
    const placed = orderSchema.parse(await first.json())
    expect(placed).toMatchObject({ id: pending.id, status: 'completed', total: quote.total })
    expect(placed.invoiceId).not.toBeNull()
    expect(await ok('placeOrder', { body: order, idempotencyKey: 'slow-1' }, 200)).toEqual(placed)
    expect(await ok('getOrderByKey', { params: { idempotencyKey: 'slow-1' } })).toEqual(placed)
    expect((await ok('getSubscription')).seats.purchased).toBe(30)
    expect(db.snapshot().orders).toHaveLength(1)
  })

  it('refuses the same key with another body with 422, while it is processed and after', async () => {
    pinClock()
    useContractScenario('healthy', { orderCommitMs: 5_000 })
    const { order } = await quoteFor()
    const held = send('placeOrder', { body: order, idempotencyKey: 'k-422' })
    await settle()
    await refused(
      send('placeOrder', { body: { ...order, promoCode: 'SAVE10' }, idempotencyKey: 'k-422' }),
      422,
      'idempotency_key_reused',
    )
    advanceClock(5_000)
    expect((await held).status).toBe(201)
    await refused(
      send('placeOrder', { body: { ...order, items: [{ type: 'seats', seats: 31 }] }, idempotencyKey: 'k-422' }),
      422,
      'idempotency_key_reused',
    )
    expect(db.snapshot().orders).toHaveLength(1)
  })

  it('commits an order the client stopped waiting for, at its time; the key finds it pending, then completed', async () => {
    pinClock()
    useContractScenario('healthy', { orderCommitMs: 20_000 })
    const { order } = await quoteFor()
    // The client's write time-out ends the request long before the provider is done.
    const gaveUp = new AbortController()
    const request = fetch(`${API}/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'late-1' },
      body: JSON.stringify(order),
      signal: gaveUp.signal,
    })
    await settle()
    gaveUp.abort()
    await expect(request).rejects.toThrow()

    expect(await ok('getOrderByKey', { params: { idempotencyKey: 'late-1' } })).toMatchObject({
      status: 'pending',
      invoiceId: null,
    })
    advanceClock(19_000)
    expect(await ok('getOrderByKey', { params: { idempotencyKey: 'late-1' } })).toMatchObject({ status: 'pending' })
    advanceClock(1_000)
    await settle()
    const late = await ok('getOrderByKey', { params: { idempotencyKey: 'late-1' } })
    expect(late).toMatchObject({ status: 'completed', createdAt: new Date(T0).toISOString() })
    expect((await ok('getSubscription')).seats.purchased).toBe(30)
    expect((await ok('getInvoices')).invoices[0]?.id).toBe(late.invoiceId)
    expect(db.snapshot().orders).toHaveLength(1)
  })

  it('commits a late order on the next request even when nobody holds its answer (a reload, another tab)', async () => {
    pinClock()
    useContractScenario('healthy', { orderCommitMs: 60_000 })
    const { order } = await quoteFor()
    // Accepted as the handler would, but nothing waits for it.
    const accepted = db.placeOrder('acc_acme', 'late-2', orderInputSchema.parse(order))
    expect(accepted).toMatchObject({ order: { status: 'pending' }, commitAt: T0 + 60_000 })
    advanceClock(60_000)
    expect(await ok('getSubscription')).toMatchObject({ seats: { purchased: 30 } })
    expect(db.snapshot().orders.map((stored) => stored.order.status)).toEqual(['completed'])
  })

  it('forgets a key after 24 hours of the db clock: the same key then makes a new order', async () => {
    pinClock()
    const { order } = await quoteFor()
    const first = await ok('placeOrder', { body: order, idempotencyKey: 'day-1' }, 201)

    advanceClock(24 * 3_600_000 - 60_000) // still remembered
    const later = await quoteFor({ items: [{ type: 'seats', seats: 32 }], promoCode: null })
    await refused(send('placeOrder', { body: later.order, idempotencyKey: 'day-1' }), 422, 'idempotency_key_reused')
    expect(await ok('placeOrder', { body: order, idempotencyKey: 'day-1' }, 200)).toEqual(first)

    advanceClock(60_000) // 24 hours after the first request
    const second = await ok('placeOrder', { body: later.order, idempotencyKey: 'day-1' }, 201)
    expect(second.id).not.toBe(first.id)
    expect(await ok('getOrderByKey', { params: { idempotencyKey: 'day-1' } })).toEqual(second)
    expect(db.snapshot().orders).toHaveLength(2)
    expect(db.snapshot().idempotency).toHaveLength(1)
  })

  it('leaves no key behind for a refused order: the same key works once the quote is fresh', async () => {
    const { order } = await quoteFor()
    await refused(
      send('placeOrder', { body: { ...order, quoteId: 'quo_9999' }, idempotencyKey: 'retry-me' }),
      409,
      'quote_expired',
    )
    await ok('placeOrder', { body: order, idempotencyKey: 'retry-me' }, 201)
  })

  it('takes orderCommitMs from links, stored choices and the mock server, within 0 to 120 s', async () => {
    expect(readScenarioLink('http://localhost/cart?scenario=healthy&orderCommitMs=20000')).toMatchObject({
      options: { orderCommitMs: 20_000 },
      problems: [],
    })
    expect(readScenarioLink('http://localhost/?scenario=healthy&orderCommitMs=120001')?.problems).toEqual([
      'Ignored orderCommitMs="120001": not a valid number.',
    ])
    const runner = useContractScenario('provider-flaky', { seed: 3, orderCommitMs: 20_000 })
    expect(runner.getState().optionsInUse).toEqual({ seed: 3, orderCommitMs: 20_000 })
  })
})
