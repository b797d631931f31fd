/**
 * How the simulated provider prices a change: the cart is a desired end state, each line is the
 * monthly difference it makes, prorated for the days left in the current period; then the promo
 * discount, then tax by the billing address's country.
 *
 * Sign conventions: a line is negative when it is a credit (fewer seats, cheaper plan); `discount`
 * is the non-negative amount taken off, so total = subtotal − discount + tax.
 */
import type { BillingDetails, Quote, QuoteInput, Subscription } from '../../src/lib/api/schemas'
import { findAddon, findPlan } from './catalog'
import { daysBetween } from './dates'
import { applyItems, describeLine } from '../../gateway/billing/apply-change'
import { validationFailed } from '../../gateway/http/errors'
import { usd } from './money'

type Country = BillingDetails['address']['country']

const taxRates: Partial<Record<Country, number>> = { US: 0, BR: 10, DE: 19, GB: 20, FR: 20 }
const DEFAULT_TAX_RATE = 8

export const taxRatePercent = (country: Country): number => taxRates[country] ?? DEFAULT_TAX_RATE

/** Percent off the positive part of the subtotal. */
export const promoCodes: Readonly<Record<string, number>> = { SAVE10: 10, WELCOME20: 20 }

const percentOf = (amountMinor: number, percent: number): number => Math.round((amountMinor * percent) / 100)

/** What one month of the subscription costs before tax. */
export function recurringAmount(subscription: Subscription): number {
  const seats = subscription.seats.purchased * subscription.seatPrice.amountMinor
  return subscription.addons.reduce((sum, addon) => sum + addon.quantity * addon.unitPrice.amountMinor, seats)
}

/** The estimate shown as "next invoice": one month at the current quantities, with tax. */
export function withNextInvoice(subscription: Subscription, country: Country): Subscription {
  const subtotal = recurringAmount(subscription)
  const total = subtotal + percentOf(subtotal, taxRatePercent(country))
  return { ...subscription, nextInvoice: { date: subscription.renewsAt, total: usd(total) } }
}

export type PricedChange = Omit<Quote, 'id' | 'expiresAt'> & {
  /** The subscription as it will be once the change is ordered. */
  next: Subscription
}

export function priceChange(
  current: Subscription,
  input: QuoteInput,
  country: Country,
  prorationDate: string,
): PricedChange {
  const next = applyItems(current, input.items, { findPlan, findAddon })
  const promoCode = input.promoCode === null ? null : input.promoCode.toUpperCase()
  const promoPercent = promoCode === null ? 0 : promoCodes[promoCode]
  if (promoPercent === undefined) {
    throw validationFailed({ promoCode: 'Unknown promo code' }, 'validation_failed', 'Unknown promo code')
  }

  const daysInPeriod = daysBetween(current.currentPeriodStart, current.renewsAt)
  const daysLeft = Math.min(daysInPeriod, Math.max(0, daysBetween(prorationDate, current.renewsAt)))
  const prorate = (monthlyMinor: number) => Math.round((monthlyMinor * daysLeft) / daysInPeriod)

  const lines = input.items.map((item) => {
    const { description, monthlyMinor } = describeLine(current, next, item, { findPlan, findAddon })
    return { description, item, amount: usd(prorate(monthlyMinor)) }
  })
  const subtotal = lines.reduce((sum, line) => sum + line.amount.amountMinor, 0)
  const discount = percentOf(Math.max(0, subtotal), promoPercent)
  const rate = taxRatePercent(country)
  const tax = percentOf(subtotal - discount, rate)
  return {
    lines,
    subtotal: usd(subtotal),
    discount: usd(discount),
    tax: usd(tax),
    total: usd(subtotal - discount + tax),
    taxRatePercent: rate,
    promoCode,
    prorationDate,
    periodEnd: current.renewsAt,
    next: withNextInvoice(next, country),
  }
}
