/**
 * The demo tenant's prices besides the catalog: tax by the billing address's country, the promo
 * codes Zuora knows, and the "next invoice" estimate the seed starts from (the simulator prices
 * orders itself: mocks/zuora/order-pricing.ts).
 */
import type { BillingDetails, Subscription } from '../../src/lib/api/schemas'
import { usd } from './money'

type Country = BillingDetails['address']['country']

const taxRates: Partial<Record<Country, number>> = { US: 0, BR: 10, DE: 19, GB: 20, FR: 20 }
const DEFAULT_TAX_RATE = 8

export const taxRatePercent = (country: Country): number => taxRates[country] ?? DEFAULT_TAX_RATE

/** Percent off the positive part of the subtotal. */
export const promoCodes: Readonly<Record<string, number>> = { SAVE10: 10, WELCOME20: 20 }

const percentOf = (amountMinor: number, percent: number): number => Math.round((amountMinor * percent) / 100)

/** What one month of the subscription costs before tax. */
function recurringAmount(subscription: Subscription): number {
  const seats = subscription.seats.purchased * subscription.seatPrice.amountMinor
  return subscription.addons.reduce((sum, addon) => sum + addon.quantity * addon.unitPrice.amountMinor, seats)
}

/** The estimate shown as "next invoice": one month at the current quantities, with tax. */
export function withNextInvoice(subscription: Subscription, country: Country): Subscription {
  const subtotal = recurringAmount(subscription)
  const total = subtotal + percentOf(subtotal, taxRatePercent(country))
  return { ...subscription, nextInvoice: { date: subscription.renewsAt, total: usd(total) } }
}
