/**
 * A change request's items by kind: a renewal change (alone in its request) or the cart's changes
 * (seats, plan, add-ons). Beside the contract's schemas rather than in them, so that the first
 * page, which carries the contract, does not carry these too.
 */
import type { ChangeItem, RenewalItem } from '@/lib/api/change-request-schemas'
import type { OrderItem } from '@/lib/api/schemas'

/** The renewal change a request asks for; null for a request of the cart's changes. */
export const renewalAskedIn = (items: readonly ChangeItem[]): RenewalItem | null =>
  items.find((item): item is RenewalItem => item.type === 'renewal') ?? null

/** The cart's changes a request asks for: all of its items, or none in a renewal request. */
export const orderItemsIn = (items: readonly ChangeItem[]): OrderItem[] =>
  items.filter((item): item is OrderItem => item.type !== 'renewal')
