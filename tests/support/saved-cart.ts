/**
 * The cart as storage holds it, for tests that start from a cart an earlier visit (or another tab)
 * left behind. The entry is built from the cart store's own key, persist version and types, so a
 * change of the stored format is made here once.
 */
import { act } from '@testing-library/react'
import { CART_STORAGE_KEY, useCartStore, type Cart } from '@/billing/cart-store'
import type { OrderItem } from '@/lib/api/schemas'
import { writeFromAnotherTab } from './memory-storage'

/** The signed-in owner's cart on Acme (owner@acme.test), the scope most tests fill. */
export const OWNER_CART = 'usr_ana:acc_acme'

/** The version the cart store writes (and the only one it reads back). */
const { version } = useCartStore.persist.getOptions()

/** A cart with these items, last changed now. */
export const cartWith = (items: OrderItem[], extra: Partial<Cart> = {}): Cart => ({
  items,
  promoCode: null,
  pendingOrder: null,
  lastOrder: null,
  updatedAt: new Date().toISOString(),
  ...extra,
})

/** The stored entry (zustand's persist format: the persisted state and its version) holding these carts. */
export const savedCartEntry = (carts: Record<string, Cart>): string => JSON.stringify({ state: { carts }, version })

/** As a page load does: the store's carts replaced by what storage holds (nothing, at a test's start). */
export const loadSavedCarts = (): Promise<void> => useCartStore.persist.rehydrate()

/** Carts as an earlier visit left them in storage, then read back as on load. */
export async function storeCarts(carts: Record<string, Cart>): Promise<void> {
  localStorage.setItem(CART_STORAGE_KEY, savedCartEntry(carts))
  await loadSavedCarts()
}

/** One scope's cart with these items, as an earlier visit left it, read back as on load. */
export const storeCart = (scope: string, items: OrderItem[], extra: Partial<Cart> = {}): Promise<void> =>
  storeCarts({ [scope]: cartWith(items, extra) })

/** Another tab of this browser saved these carts: storage holds them and this tab hears of it. */
export function cartsSavedInAnotherTab(carts: Record<string, Cart>): void {
  act(() => writeFromAnotherTab(CART_STORAGE_KEY, savedCartEntry(carts)))
}
