/**
 * The change requests a gallery frame of the requests page starts with, made through the frame's
 * own gateway as the people involved would have made them: one waiting, one approved and ordered
 * (a real order at the simulated Zuora, so the frame's subscription has it), one declined with its
 * reason. They live in the gateway's own state. Only the requests page's frames get them (each
 * frame has its own gateway), so no other page changes.
 */
import { estimateMonthlyChange } from '@/features/requests/estimate'
import type { ChangeRequest } from '@/lib/api/change-request-schemas'
import type { Catalog, Order, OrderItem, Quote, Subscription } from '@/lib/api/schemas'
import type { GatewayUser } from './gateway-as-user'

export async function seedChangeRequests(people: { owner: GatewayUser; viewer: GatewayUser }): Promise<void> {
  const { owner, viewer } = people
  const [subscription, catalog] = await Promise.all([
    viewer.call<Subscription>('GET', '/subscription'),
    viewer.call<Catalog>('GET', '/catalog'),
  ])
  const basis = { planId: subscription.plan.id, seats: subscription.seats.purchased }
  // With the estimate the requester's browser worked out from the catalog's list prices.
  const ask = (items: OrderItem[], note: string | null) =>
    viewer.call<ChangeRequest>('POST', '/change-requests', {
      items,
      note,
      estimate: estimateMonthlyChange(items, subscription, catalog),
      basis,
    })

  const storage: OrderItem[] = [{ type: 'addon', addonId: 'addon_storage', quantity: 3 }]
  const ordered = await ask(storage, 'We are running out of space for call recordings.')
  await owner.call('POST', `/change-requests/${ordered.id}/approve`, { approvalKey: 'gallery-approval' })
  const quote = await owner.call<Quote>('POST', '/quotes', { items: storage, promoCode: null })
  const order = await owner.call<Order>(
    'POST',
    '/orders',
    { items: storage, promoCode: null, quoteId: quote.id },
    { 'Idempotency-Key': 'gallery-order' },
  )
  await owner.call('POST', `/change-requests/${ordered.id}/order`, { orderId: order.id })

  const sandbox = await ask([{ type: 'addon', addonId: 'addon_sandbox', quantity: 1 }], null)
  await owner.call('POST', `/change-requests/${sandbox.id}/decline`, {
    reason: 'Not this quarter: ask again in April.',
  })

  await ask([{ type: 'seats', seats: subscription.seats.purchased + 5 }], 'Five agents start on Monday.')
}
