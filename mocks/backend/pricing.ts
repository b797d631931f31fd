/**
 * How the simulated provider prices a change: the cart is a desired end state, each line is the
 * monthly difference it makes, prorated for the days left in the current period; then the promo
 * discount, then tax by the billing address's country.
 *
 * Sign conventions: a line is negative when it is a credit (fewer seats, cheaper plan); `discount`
 * is the non-negative amount taken off, so total = subtotal − discount + tax.
 */
import type { BillingDetails, OrderItem, Quote, QuoteInput, Subscription } from '../../src/lib/api/schemas'
import { findAddon, findPlan } from './catalog'
import { daysBetween } from './dates'
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
  const next = applyItems(current, input.items)
  const promoCode = input.promoCode === null ? null : input.promoCode.toUpperCase()
  const promoPercent = promoCode === null ? 0 : promoCodes[promoCode]
  if (promoPercent === undefined) {
    throw validationFailed({ promoCode: 'Unknown promo code' }, 'validation_failed', 'Unknown promo code')
  }

  const daysInPeriod = daysBetween(current.currentPeriodStart, current.renewsAt)
  const daysLeft = Math.min(daysInPeriod, Math.max(0, daysBetween(prorationDate, current.renewsAt)))
  const prorate = (monthlyMinor: number) => Math.round((monthlyMinor * daysLeft) / daysInPeriod)

  const lines = input.items.map((item) => {
    const { description, monthlyMinor } = describeLine(current, next, item)
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

/**
 * The monthly difference one item makes. The plan line prices the current seats at the new plan's
 * price, the seats line prices the added seats at the new plan's price: together they add up to
 * the new monthly amount whatever order the items come in.
 */
function describeLine(current: Subscription, next: Subscription, item: OrderItem) {
  switch (item.type) {
    case 'plan':
      return {
        description: `Plan: ${current.plan.name} → ${next.plan.name} (${current.seats.purchased} seats)`,
        monthlyMinor: (next.seatPrice.amountMinor - current.seatPrice.amountMinor) * current.seats.purchased,
      }
    case 'seats':
      return {
        description: `Seats: ${current.seats.purchased} → ${next.seats.purchased} (${next.plan.name})`,
        monthlyMinor: (next.seats.purchased - current.seats.purchased) * next.seatPrice.amountMinor,
      }
    case 'addon': {
      const addon = findAddon(item.addonId)
      const before = current.addons.find((a) => a.id === item.addonId)?.quantity ?? 0
      const unit = addon?.unitPrice.amountMinor ?? 0
      const suffix = item.quantity === 0 ? ' (removed)' : ''
      return {
        description: `${addon?.name ?? item.addonId}: ${before} → ${item.quantity}${suffix}`,
        monthlyMinor: (item.quantity - before) * unit,
      }
    }
  }
}

/** The subscription after the items, or a 422 naming each item that cannot be applied. */
function applyItems(current: Subscription, items: OrderItem[]): Subscription {
  const fields: Record<string, string> = {}
  let code = 'validation_failed'
  const seen = new Set<string>()
  let next: Subscription = { ...current, seats: { ...current.seats }, addons: current.addons.map((a) => ({ ...a })) }

  items.forEach((item, index) => {
    const kind = item.type === 'addon' ? `addon:${item.addonId}` : item.type
    if (seen.has(kind)) {
      fields[`items.${index}`] = 'Only one change of each kind per order'
      return
    }
    seen.add(kind)
    if (item.type === 'seats') {
      next.seats.purchased = item.seats
      if (item.seats < current.seats.inUse) {
        code = 'seats_below_in_use'
        fields[`items.${index}.seats`] =
          `${current.seats.inUse} agents are using seats: keep at least ${current.seats.inUse} seats, or remove agents first.`
      }
    } else if (item.type === 'plan') {
      const plan = findPlan(item.planId)
      if (!plan) fields[`items.${index}.planId`] = 'Unknown plan'
      else next = { ...next, plan: { id: plan.id, name: plan.name }, seatPrice: plan.seatPrice }
    } else {
      const addon = findAddon(item.addonId)
      if (!addon) fields[`items.${index}.addonId`] = 'Unknown add-on'
      else if (item.quantity > addon.maxQuantity) fields[`items.${index}.quantity`] = `At most ${addon.maxQuantity}`
      else {
        const others = next.addons.filter((a) => a.id !== addon.id)
        const existing = next.addons.find((a) => a.id === addon.id)
        const updated = { id: addon.id, name: addon.name, quantity: item.quantity, unitPrice: addon.unitPrice }
        next.addons =
          item.quantity === 0
            ? others
            : existing
              ? next.addons.map((a) => (a.id === addon.id ? updated : a))
              : [...others, updated]
      }
    }
  })

  // A per-seat add-on cannot cover more seats than are bought.
  const seatsIndex = Math.max(
    0,
    items.findIndex((item) => item.type === 'seats'),
  )
  for (const addon of next.addons) {
    if (findAddon(addon.id)?.unit !== 'seat' || addon.quantity <= next.seats.purchased) continue
    const addonIndex = items.findIndex((item) => item.type === 'addon' && item.addonId === addon.id)
    const field = addonIndex >= 0 ? `items.${addonIndex}.quantity` : `items.${seatsIndex}.seats`
    fields[field] ??=
      `${addon.name} covers ${addon.quantity} seats, more than the ${next.seats.purchased} seats bought.`
  }

  const messages = Object.values(fields)
  if (messages.length > 0) {
    throw validationFailed(fields, code, messages.length === 1 ? messages[0] : undefined)
  }
  return next
}
