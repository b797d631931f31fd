// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../mocks/db'
import { addFiveSeats, ok, refused, send, signInAs } from './support'
import '../support/legacy-contract/backend'

/** 10 days into Acme's period (it renews on the 12th): 21 of May's 31 days are left. */
const PINNED_NOW = new Date('2030-05-22T12:00:00.000Z')

function pinClock() {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(PINNED_NOW)
  db.reset() // reseed on the pinned date
}

afterEach(() => {
  vi.useRealTimers()
})

describe('quotes', () => {
  it('prorates each line for the days left in the period', async () => {
    pinClock()
    const subscription = await ok('getSubscription')
    expect(subscription).toMatchObject({ currentPeriodStart: '2030-05-12', renewsAt: '2030-06-12' })

    const quote = await ok(
      'createQuote',
      {
        body: {
          items: [
            { type: 'seats', seats: 30 },
            { type: 'addon', addonId: 'addon_storage', quantity: 0 },
          ],
          promoCode: null,
        },
      },
      201,
    )
    expect(quote.prorationDate).toBe('2030-05-22')
    expect(quote.periodEnd).toBe('2030-06-12')
    expect(quote.lines.map((line) => line.amount.amountMinor)).toEqual([
      Math.round((5 * 4_900 * 21) / 31), // five more Professional seats
      Math.round((-2 * 2_500 * 21) / 31), // two storage packs removed: a credit
    ])
    expect(quote.subtotal.amountMinor).toBe(16_597 - 3_387)
    expect(quote.taxRatePercent).toBe(0) // Acme is billed in the US
    expect(quote.total.amountMinor).toBe(quote.subtotal.amountMinor)
    expect(Date.parse(quote.expiresAt) - PINNED_NOW.getTime()).toBe(15 * 60_000)
  })

  it('prices a plan change on the current seats and added seats at the new price', async () => {
    pinClock()
    const quote = await ok(
      'createQuote',
      {
        body: {
          items: [
            { type: 'seats', seats: 30 },
            { type: 'plan', planId: 'plan_enterprise' },
          ],
          promoCode: null,
        },
      },
      201,
    )
    const [seats, plan] = quote.lines.map((line) => line.amount.amountMinor)
    expect(seats).toBe(Math.round((5 * 9_900 * 21) / 31))
    expect(plan).toBe(Math.round((25 * (9_900 - 4_900) * 21) / 31))
  })

  it('takes a promo code off the subtotal, then adds tax by country', async () => {
    const quote = await ok('createQuote', { body: { ...addFiveSeats, promoCode: 'save10' } }, 201)
    expect(quote.promoCode).toBe('SAVE10')
    expect(quote.discount.amountMinor).toBe(Math.round(quote.subtotal.amountMinor * 0.1))
    expect(quote.total.amountMinor).toBe(
      quote.subtotal.amountMinor - quote.discount.amountMinor + quote.tax.amountMinor,
    )

    await ok('switchAccount', { body: { accountId: 'acc_globex' } }) // billed in Brazil
    const globex = await ok(
      'createQuote',
      { body: { items: [{ type: 'seats', seats: 500 }], promoCode: 'WELCOME20' } },
      201,
    )
    const taxable = globex.subtotal.amountMinor - globex.discount.amountMinor
    expect(globex.discount.amountMinor).toBe(Math.round(globex.subtotal.amountMinor * 0.2))
    expect(globex.taxRatePercent).toBe(10)
    expect(globex.tax.amountMinor).toBe(Math.round(taxable * 0.1))
    expect(globex.total.amountMinor).toBe(taxable + globex.tax.amountMinor)
  })

  it('refuses an unknown promo code on its field', async () => {
    const error = await refused(
      send('createQuote', { body: { ...addFiveSeats, promoCode: 'FREE100' } }),
      422,
      'validation_failed',
    )
    expect(error.fields).toEqual({ promoCode: 'Unknown promo code' })
  })

  it('refuses fewer seats than are in use, saying why', async () => {
    const error = await refused(
      send('createQuote', { body: { items: [{ type: 'seats', seats: 20 }], promoCode: null } }),
      422,
      'seats_below_in_use',
    )
    expect(error.message).toMatch(/21/)
    expect(error.fields?.['items.0.seats']).toBe(error.message)
  })

  it('refuses unknown items, duplicates and per-seat add-ons beyond the seats', async () => {
    const body = {
      items: [
        { type: 'plan', planId: 'plan_galactic' },
        { type: 'seats', seats: 22 },
        { type: 'seats', seats: 23 },
        { type: 'addon', addonId: 'addon_advanced_ai', quantity: 40 },
      ],
      promoCode: null,
    }
    const error = await refused(send('createQuote', { body }), 422, 'validation_failed')
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['items.0.planId', 'items.2', 'items.3.quantity'])
  })

  it('prices for every signed-in role and changes nothing', async () => {
    signInAs('viewer@acme.test')
    await ok('createQuote', { body: addFiveSeats }, 201)
    expect((await ok('getSubscription')).seats.purchased).toBe(25)
  })
})
