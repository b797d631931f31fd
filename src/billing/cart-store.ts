/**
 * The cart: client state only, kept in localStorage so that it survives reloads and outages, and
 * kept per user and account so that nothing one admin (or account) put in shows under another.
 *
 * It also holds the order being placed (`pendingOrder`) with its idempotency key, written BEFORE
 * the request leaves: if the tab dies or the answer is lost, the key is still here to reconcile
 * with, and the order is never sent again under a new key.
 */
import { useMemo } from 'react'
import { z } from 'zod/mini'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { moneySchema, orderItemSchema, type Order, type OrderItem } from '@/lib/api/schemas'
import { safeLocalStorage } from '@/lib/persistence/safe-storage'
import { useCurrentUser } from '@/lib/session/session-queries'

export const CART_STORAGE_KEY = 'billing-cart'

/** The cart holds at most one change of each kind: adding one replaces the previous. */
export type ItemKey = 'seats' | 'plan' | `addon:${string}`
export const itemKey = (item: OrderItem): ItemKey => (item.type === 'addon' ? `addon:${item.addonId}` : item.type)

/**
 * Why an order was not placed. Kept as a code (not a text) so it shows in the admin's current
 * language. `not_placed`, `not_sent` and `rate_limited` mean the provider surely did nothing, so
 * the same key may be used again; the others are refusals, after which a new key is made.
 */
export const orderFailureSchema = z.enum([
  'forbidden',
  'quote_expired',
  'conflict',
  'validation',
  'order_failed',
  'not_placed',
  'not_sent',
  'rate_limited',
])
export type OrderFailure = z.infer<typeof orderFailureSchema>
const keyStaysValid: ReadonlySet<OrderFailure> = new Set(['not_placed', 'not_sent', 'rate_limited'])

const isoDateTime = z.iso.datetime({ offset: true })

const pendingOrderSchema = z.object({
  idempotencyKey: z.string().check(z.minLength(1)),
  items: z.array(orderItemSchema).check(z.minLength(1)),
  promoCode: z.nullable(z.string()),
  quoteId: z.string().check(z.minLength(1)),
  status: z.enum(['submitting', 'unknown', 'failed']),
  submittedAt: isoDateTime,
  error: z.optional(orderFailureSchema),
})
export type PendingOrder = z.infer<typeof pendingOrderSchema>

const lastOrderSchema = z.object({
  orderId: z.string().check(z.minLength(1)),
  total: moneySchema,
  invoiceId: z.nullable(z.string()),
  placedAt: isoDateTime,
  /** What it ordered (absent in carts stored before it was kept). */
  items: z.optional(z.array(orderItemSchema)),
})
export type LastOrder = z.infer<typeof lastOrderSchema>

const cartSchema = z.object({
  items: z
    .array(orderItemSchema)
    .check(z.refine((items) => new Set(items.map(itemKey)).size === items.length, 'one item of each kind')),
  promoCode: z.nullable(z.string().check(z.minLength(1), z.maxLength(40))),
  pendingOrder: z.nullable(pendingOrderSchema),
  lastOrder: z.nullable(lastOrderSchema),
  updatedAt: isoDateTime,
})
export type Cart = z.infer<typeof cartSchema>

export const emptyCart: Cart = {
  items: [],
  promoCode: null,
  pendingOrder: null,
  lastOrder: null,
  updatedAt: new Date(0).toISOString(),
}

/** While an order is on its way or its outcome is unknown, the cart must not change under it. */
export const isCartLocked = (cart: Cart): boolean =>
  cart.pendingOrder?.status === 'submitting' || cart.pendingOrder?.status === 'unknown'

/** Each admin on each account has their own cart. */
export const cartScope = (userId: string, accountId: string) => `${userId}:${accountId}`

/** The account a cart belongs to: its order is for that account, whatever the tab shows by then. */
export const accountOfCartScope = (scope: string): string => scope.slice(scope.indexOf(':') + 1)

type CartState = {
  carts: Record<string, Cart>
  /** False when the cart is locked by an order. */
  setItem: (scope: string, item: OrderItem) => boolean
  removeItem: (scope: string, key: ItemKey) => void
  setPromoCode: (scope: string, promoCode: string | null) => void
  /**
   * Records the purchase intent (with its key) before anything is sent, and returns it; null when
   * an order is already on its way or unconfirmed. This is the double-submit guard: it reads the
   * store synchronously, so a second click in the same tick is refused too.
   */
  beginOrder: (scope: string, quoteId: string) => PendingOrder | null
  /** The outcome of the order under `key`, unless the cart has moved on (another tab settled it). */
  markOrderUnknown: (scope: string, key: string) => void
  markOrderFailed: (scope: string, key: string, error: OrderFailure) => void
  completeOrder: (scope: string, order: Order) => void
  dismissLastOrder: (scope: string) => void
  /** Another user signed in on this browser: the carts of anyone else are forgotten. */
  keepOnlyUser: (userId: string) => void
}

const sameOrder = (
  a: { items: OrderItem[]; promoCode: string | null },
  b: { items: OrderItem[]; promoCode: string | null },
) => a.promoCode === b.promoCode && JSON.stringify(a.items) === JSON.stringify(b.items)

/** Values read back from storage are trusted one cart at a time: a bad one is dropped, the rest kept. */
function validCarts(persisted: unknown): Record<string, Cart> {
  const parsed = z.object({ carts: z.record(z.string(), z.unknown()) }).safeParse(persisted)
  if (!parsed.success) return {}
  const carts: Record<string, Cart> = {}
  for (const [scope, value] of Object.entries(parsed.data.carts)) {
    const cart = cartSchema.safeParse(value)
    if (cart.success) carts[scope] = cart.data
  }
  return carts
}

export const useCartStore = create<CartState>()(
  persist(
    (set, get) => {
      /** Applies a change to one scope's cart; returning null leaves the state untouched. */
      const update = (scope: string, change: (cart: Cart) => Cart | null): boolean => {
        const next = change(get().carts[scope] ?? emptyCart)
        if (next === null) return false
        set((state) => ({ carts: { ...state.carts, [scope]: { ...next, updatedAt: new Date().toISOString() } } }))
        return true
      }
      /** An edit makes an old failure message (about the previous cart) obsolete. */
      const edit = (scope: string, change: (cart: Cart) => Partial<Cart>) =>
        update(scope, (cart) => (isCartLocked(cart) ? null : { ...cart, ...change(cart), pendingOrder: null }))
      const settle = (scope: string, key: string, change: (pending: PendingOrder, cart: Cart) => Partial<Cart>) =>
        void update(scope, (cart) =>
          cart.pendingOrder?.idempotencyKey === key ? { ...cart, ...change(cart.pendingOrder, cart) } : null,
        )

      return {
        carts: {},
        setItem: (scope, item) =>
          edit(scope, (cart) => {
            const key = itemKey(item)
            const index = cart.items.findIndex((existing) => itemKey(existing) === key)
            const items =
              index === -1 ? [...cart.items, item] : cart.items.map((existing, i) => (i === index ? item : existing))
            return { items }
          }),
        removeItem: (scope, key) =>
          void edit(scope, (cart) => ({ items: cart.items.filter((item) => itemKey(item) !== key) })),
        setPromoCode: (scope, promoCode) => void edit(scope, () => ({ promoCode })),
        beginOrder: (scope, quoteId) => {
          let begun: PendingOrder | null = null
          update(scope, (cart) => {
            if (isCartLocked(cart) || cart.items.length === 0) return null
            const previous = cart.pendingOrder
            // Same intent after a failure that proves nothing was charged: keep the key. Anything
            // else (a refusal, a changed cart) is a new purchase intent with a new key.
            const reuse =
              previous?.status === 'failed' &&
              previous.error !== undefined &&
              keyStaysValid.has(previous.error) &&
              sameOrder(previous, cart)
            begun = {
              idempotencyKey: reuse && previous ? previous.idempotencyKey : crypto.randomUUID(),
              items: cart.items,
              promoCode: cart.promoCode,
              quoteId,
              status: 'submitting',
              submittedAt: new Date().toISOString(),
            }
            return { ...cart, pendingOrder: begun }
          })
          return begun
        },
        markOrderUnknown: (scope, key) => {
          // Still unknown after a check (the provider says pending): nothing changes, nothing is written.
          if (get().carts[scope]?.pendingOrder?.status === 'unknown') return
          settle(scope, key, (pending) => ({ pendingOrder: { ...pending, status: 'unknown', error: undefined } }))
        },
        markOrderFailed: (scope, key, error) =>
          settle(scope, key, (pending) => ({ pendingOrder: { ...pending, status: 'failed', error } })),
        completeOrder: (scope, order) =>
          settle(scope, order.idempotencyKey, () => ({
            items: [],
            promoCode: null,
            pendingOrder: null,
            lastOrder: {
              orderId: order.id,
              total: order.total,
              invoiceId: order.invoiceId,
              placedAt: order.createdAt,
              items: order.items,
            },
          })),
        dismissLastOrder: (scope) =>
          void update(scope, (cart) => (cart.lastOrder ? { ...cart, lastOrder: null } : null)),
        keepOnlyUser: (userId) => {
          const carts = Object.fromEntries(
            Object.entries(get().carts).filter(([scope]) => scope.startsWith(`${userId}:`)),
          )
          if (Object.keys(carts).length !== Object.keys(get().carts).length) set({ carts })
        },
      }
    },
    {
      name: CART_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => safeLocalStorage),
      partialize: (state) => ({ carts: state.carts }),
      // No earlier version was ever shipped: anything else under this key is dropped, not trusted.
      migrate: () => ({ carts: {} }),
      // Replaces (not merges) the carts, so that a rehydration after another tab's change mirrors it.
      merge: (persisted, current) => ({ ...current, carts: validCarts(persisted) }),
    },
  ),
)

/** The scope's cart as storage holds it now: another tab may have written it since this tab last read it. */
function storedCart(scope: string): Cart | null {
  try {
    const raw = localStorage.getItem(CART_STORAGE_KEY)
    if (raw === null) return null
    const stored = z.object({ state: z.unknown(), version: z.literal(1) }).safeParse(JSON.parse(raw))
    return stored.success ? (validCarts(stored.data.state)[scope] ?? null) : null
  } catch {
    return null // storage blocked, or not JSON
  }
}

/**
 * Before deciding on an order, adopts what another tab stored for this cart if it is newer than
 * what this tab holds (its storage event may not have arrived yet): an order that tab began, or
 * placed already. Synchronous, so a decision taken right after it sees the result.
 */
export function adoptStoredCart(scope: string): void {
  const stored = storedCart(scope)
  const current = useCartStore.getState().carts[scope]
  if (stored && (!current || Date.parse(stored.updatedAt) > Date.parse(current.updatedAt)))
    void useCartStore.persist.rehydrate()
}

// Tabs stay in sync: another tab wrote the cart (or cleared storage), so read it back.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === CART_STORAGE_KEY || event.key === null) void useCartStore.persist.rehydrate()
  })
}

export function useCartScope(): string {
  const { user, account } = useCurrentUser()
  return cartScope(user.id, account.id)
}

/** The signed-in admin's cart on the current account, with its actions bound to it. */
export function useCart() {
  const scope = useCartScope()
  const cart = useCartStore((state) => state.carts[scope]) ?? emptyCart
  const actions = useMemo(() => {
    const store = () => useCartStore.getState()
    return {
      setItem: (item: OrderItem) => store().setItem(scope, item),
      removeItem: (key: ItemKey) => store().removeItem(scope, key),
      setPromoCode: (promoCode: string | null) => store().setPromoCode(scope, promoCode),
      dismissLastOrder: () => store().dismissLastOrder(scope),
    }
  }, [scope])
  return { scope, cart, locked: isCartLocked(cart), ...actions }
}

/** How many changes wait in the cart, for the navigation. */
export function useCartItemCount(): number {
  const scope = useCartScope()
  return useCartStore((state) => state.carts[scope]?.items.length ?? 0)
}
