/**
 * What a change does to a subscription, and whether it may: the cart is a desired end state
 * (seats is the new total, an add-on's quantity its new quantity, 0 removes it). One rule for
 * every backend that takes orders (the gateway before it asks Zuora, the simulated backend), so
 * the app gets the same 422 with the same field paths whoever answers.
 */
import type { Addon, OrderItem, Plan, Subscription } from '../../src/lib/api/schemas'
import { validationFailed } from '../http/errors'

export type ChangeCatalog = {
  findPlan(id: string): Pick<Plan, 'id' | 'name' | 'seatPrice'> | undefined
  findAddon(id: string): Pick<Addon, 'id' | 'name' | 'unitPrice' | 'unit' | 'maxQuantity'> | undefined
}

/** The subscription after the items, or a 422 naming each item that cannot be applied. */
export function applyItems(current: Subscription, items: OrderItem[], catalog: ChangeCatalog): Subscription {
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
      const plan = catalog.findPlan(item.planId)
      if (!plan) fields[`items.${index}.planId`] = 'Unknown plan'
      else next = { ...next, plan: { id: plan.id, name: plan.name }, seatPrice: plan.seatPrice }
    } else {
      const addon = catalog.findAddon(item.addonId)
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
    if (catalog.findAddon(addon.id)?.unit !== 'seat' || addon.quantity <= next.seats.purchased) continue
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

/**
 * The monthly difference one item makes. The plan line prices the current seats at the new plan's
 * price, the seats line prices the added seats at the new plan's price: together they add up to
 * the new monthly amount whatever order the items come in.
 */
export function describeLine(current: Subscription, next: Subscription, item: OrderItem, catalog: ChangeCatalog) {
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
      const addon = catalog.findAddon(item.addonId)
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
