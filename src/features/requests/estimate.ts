/**
 * What a requested change would add to (or take off) the monthly bill at the catalog's list
 * prices. Only an estimate, and said so: the real price (proration, discounts, tax) comes from a
 * quote when a billing admin approves. The catalog is the vendor's own and stays up, so the
 * estimate works in an outage whenever the subscription was saved on an earlier visit.
 */
import type { Catalog, Money, OrderItem, Subscription } from '@/lib/api/schemas'

type Shape = { planId: string; seats: number; addons: Map<string, number> }

function monthlyListPrice(shape: Shape, catalog: Catalog): number | null {
  const plan = catalog.plans.find((p) => p.id === shape.planId)
  if (!plan) return null
  // A yearly plan's seat price is spread over its twelve months.
  let total = (plan.interval === 'year' ? plan.seatPrice.amountMinor / 12 : plan.seatPrice.amountMinor) * shape.seats
  for (const [addonId, quantity] of shape.addons) {
    const addon = catalog.addons.find((a) => a.id === addonId)
    if (!addon) return null
    total += addon.unitPrice.amountMinor * quantity
  }
  return total
}

export function estimateMonthlyChange(
  items: readonly OrderItem[],
  subscription: Subscription | undefined,
  catalog: Catalog | undefined,
): Money | null {
  if (!subscription || !catalog || items.length === 0) return null
  const now: Shape = {
    planId: subscription.plan.id,
    seats: subscription.seats.purchased,
    addons: new Map(subscription.addons.map((addon) => [addon.id, addon.quantity])),
  }
  const next: Shape = { ...now, addons: new Map(now.addons) }
  for (const item of items) {
    if (item.type === 'seats') next.seats = item.seats
    else if (item.type === 'plan') next.planId = item.planId
    else if (item.quantity === 0) next.addons.delete(item.addonId)
    else next.addons.set(item.addonId, item.quantity)
  }
  const before = monthlyListPrice(now, catalog)
  const after = monthlyListPrice(next, catalog)
  if (before === null || after === null) return null
  return { amountMinor: Math.round(after - before), currency: catalog.currency }
}
