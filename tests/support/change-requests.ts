/**
 * Change requests made before the page opens, as the people would have made them: through this
 * test's gateway (gateway-as.ts), the viewer asking and the owner ordering.
 */
import type { ChangeRequest, ChangeRequestInput } from '@/lib/api/change-request-schemas'
import type { Order, Quote } from '@/lib/api/schemas'
import { orderItemsIn } from '@/billing/change-items'
import { gatewayAs } from './gateway-as'

/** Five more seats for Acme (25 → 30), as the viewer asks for them from the subscription page. */
export const fiveMoreSeats: ChangeRequestInput = {
  items: [{ type: 'seats', seats: 30 }],
  note: 'Five agents start Monday.',
  estimate: { amountMinor: 24_500, currency: 'USD' },
  basis: { planId: 'plan_professional', seats: 25 },
}

/** A request the viewer sent earlier. */
export async function seedRequest(input: Partial<ChangeRequestInput> = {}): Promise<ChangeRequest> {
  const viewer = await gatewayAs('viewer')
  return viewer.call<ChangeRequest>('POST', '/change-requests', { ...fiveMoreSeats, ...input })
}

/** Places an order as the owner, as another tab or admin would have meanwhile: a request's cart changes. */
export async function orderDirectly(changes: ChangeRequestInput['items'], key: string): Promise<Order> {
  const items = orderItemsIn(changes)
  const owner = await gatewayAs('owner')
  const quote = await owner.call<Quote>('POST', '/quotes', { items, promoCode: null })
  return owner.call<Order>('POST', '/orders', { items, promoCode: null, quoteId: quote.id }, { 'Idempotency-Key': key })
}
