import type { ChangeRequestInput } from '@/lib/api/change-request-schemas'
import { orderItemsIn } from '@/billing/change-items'
import { db } from '../../mocks/db'
import { ACME, users } from '../../mocks/backend/seed'
import type { MockUser } from '../../mocks/backend/state'

function user(email: string): MockUser {
  const found = users.find((u) => u.email === email)
  if (!found) throw new Error(`No demo user ${email}`)
  return found
}

export const viewer = user('viewer@acme.test')
export const owner = user('owner@acme.test')

/** Five more seats for Acme (25 → 30), as the viewer asks for them from the subscription page. */
export const fiveMoreSeats: ChangeRequestInput = {
  items: [{ type: 'seats', seats: 30 }],
  note: 'Five agents start Monday.',
  estimate: { amountMinor: 24_500, currency: 'USD' },
  basis: { planId: 'plan_professional', seats: 25 },
}

/** A request the viewer sent earlier, straight into the simulated backend. */
export const seedRequest = (input: Partial<ChangeRequestInput> = {}) =>
  db.changeRequests.create(ACME, viewer, { ...fiveMoreSeats, ...input })

/** Places an order as the owner, as another tab or admin would have meanwhile: a request's cart changes. */
export function orderDirectly(changes: ChangeRequestInput['items'], key: string) {
  const items = orderItemsIn(changes)
  const quote = db.createQuote(ACME, { items, promoCode: null })
  return db.placeOrder(ACME, key, { items, promoCode: null, quoteId: quote.id }).order
}
