/**
 * The change requests a gallery frame of the requests page starts with, made through the frame's
 * own simulated backend as the people involved would have made them: one waiting, one approved and
 * ordered (a real order, so the frame's subscription has it), one declined with its reason. Only
 * the requests page's frames get them (each frame has its own backend), so no other page changes.
 */
import { estimateMonthlyChange } from '@/features/requests/estimate'
import type { OrderItem } from '@/lib/api/schemas'
import { ACME, users } from '../../../mocks/backend/seed'
import type { Db } from '../../../mocks/db'
import type { MockUser } from '../../../mocks/backend/state'

function demoUser(email: string): MockUser {
  const user = users.find((u) => u.email === email)
  if (!user) throw new Error(`No demo user ${email}`)
  return user
}

export function seedChangeRequests(backend: Db): void {
  const viewer = demoUser('viewer@acme.test')
  const owner = demoUser('owner@acme.test')
  const subscription = backend.getSubscription(ACME)
  const basis = { planId: subscription.plan.id, seats: subscription.seats.purchased }
  // With the estimate the requester's browser worked out from the catalog's list prices.
  const ask = (items: OrderItem[], note: string | null) =>
    backend.changeRequests.create(ACME, viewer, {
      items,
      note,
      estimate: estimateMonthlyChange(items, subscription, backend.getCatalog()),
      basis,
    })

  const storage: OrderItem[] = [{ type: 'addon', addonId: 'addon_storage', quantity: 3 }]
  const ordered = ask(storage, 'We are running out of space for call recordings.')
  backend.changeRequests.approve(ACME, ordered.id, owner, 'gallery-approval')
  const quote = backend.createQuote(ACME, { items: storage, promoCode: null })
  const order = backend.placeOrder(ACME, 'gallery-order', { items: storage, promoCode: null, quoteId: quote.id }).order
  backend.changeRequests.linkOrder(ACME, ordered.id, order.id)

  const sandbox = ask([{ type: 'addon', addonId: 'addon_sandbox', quantity: 1 }], null)
  backend.changeRequests.decline(ACME, sandbox.id, owner, 'Not this quarter: ask again in April.')

  ask([{ type: 'seats', seats: subscription.seats.purchased + 5 }], 'Five agents start on Monday.')
}
