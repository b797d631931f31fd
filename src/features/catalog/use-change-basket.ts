import { useCart } from '@/billing/cart-store'
import type { OrderItem } from '@/lib/api/schemas'
import { useAsksForChanges, useRequestDraft } from '@/billing/request-draft-store'

type ItemKey = 'seats' | 'plan' | `addon:${string}`

/**
 * Where the catalog's controls put a change: a billing admin's cart, or the change request an
 * admin without billing rights is drafting. Same controls, same rules; only the destination differs.
 */
export function useChangeBasket(): {
  asks: boolean
  items: OrderItem[]
  /** False when the cart is locked by an order being confirmed (a request draft never is). */
  setItem: (item: OrderItem) => boolean
  removeItem: (key: ItemKey) => void
} {
  const cart = useCart()
  const request = useRequestDraft()
  const asks = useAsksForChanges()
  return asks
    ? { asks, items: request.draft.items, setItem: request.setItem, removeItem: request.removeItem }
    : { asks, items: cart.cart.items, setItem: cart.setItem, removeItem: cart.removeItem }
}
