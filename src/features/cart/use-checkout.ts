/**
 * Placing an order and settling its outcome. The rules
 * (docs/decisions/015-retrying-writes-with-idempotency-keys.md):
 * the key is made once per purchase intent and stored before sending; a refusal (4xx) ends the
 * intent; a lost answer (time-out, network, 5xx, or "still being processed") leaves the order
 * "being confirmed" until GET /orders/by-key gives a definitive answer; it is never sent again
 * under a new key, and never called "not placed" while the provider may still be processing it.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef } from 'react'
import { timeouts } from '@/config/resilience'
import { accountQueries } from '@/billing/api/get-account'
import { subscriptionQueries } from '@/billing/api/get-subscription'
import { rootKey } from '@/lib/api/query-roots'
import { isApiError } from '@/lib/api/errors'
import type { Order } from '@/lib/api/schemas'
import { useAvailability } from '@/lib/resilience/runtime-context'
import { orderQueries, useOrderByKey } from './api/get-order-by-key'
import { cartQueries } from './api/get-quote'
import { placeOrder as sendOrder } from './api/place-order'
import {
  accountOfCartScope,
  adoptStoredCart,
  useCartStore,
  type OrderFailure,
  type PendingOrder,
} from '@/billing/cart-store'

/** Past the write time-out, a little more for the answer to be stored. */
const INTERRUPTED_GRACE_MS = 2_000

/**
 * How long after an order was sent the provider may still record it: every attempt leaves within
 * the write time-out, plus a margin for the last one to arrive. A lookup that finds no order under
 * the key says "not placed" only when it was asked after this; before, it means "not known yet".
 * (An order the provider has received shows as `pending` until it commits, however long that takes.)
 */
export const COMMIT_WINDOW_MS = timeouts.providerWriteMs + 5_000

/** Keys whose request is on its way from this tab (a stored 'submitting' without one was interrupted). */
const inFlight = new Set<string>()

/** What a failed POST /orders means for the purchase. */
export function classifyOrderFailure(error: unknown): 'unknown' | OrderFailure {
  if (!isApiError(error)) return 'unknown'
  switch (error.kind) {
    case 'circuit-open':
      return 'not_sent' // refused in the browser: nothing left it
    case 'timeout':
    case 'network':
    case 'invalid-response':
    case 'aborted':
    case 'copy': // never for a write (only reads answer from the server's copy)
      return 'unknown' // it may have been charged: only the provider can tell
    case 'http':
      break
  }
  const status = error.status ?? 0
  if (status === 429) return 'rate_limited' // shed before any work was done
  if (status === 503 && error.code === 'maintenance') return 'not_sent' // refused before any work: operators hold maintenance
  if (status >= 500) return 'unknown'
  // A retry found the first attempt still being processed: it is pending, not refused.
  if (status === 409 && error.code === 'idempotency_in_progress') return 'unknown'
  if (status === 409)
    return error.code === 'quote_expired' || error.code === 'quote_mismatch' ? 'quote_expired' : 'conflict'
  if (status === 401 || status === 403) return 'forbidden'
  return 'validation'
}

function settleWithOrder(queryClient: QueryClient, scope: string, order: Order): void {
  const store = useCartStore.getState()
  if (order.status === 'pending') store.markOrderUnknown(scope, order.idempotencyKey)
  else if (order.status === 'failed') store.markOrderFailed(scope, order.idempotencyKey, 'order_failed')
  else {
    store.completeOrder(scope, order)
    // The order changed the subscription (and so the account's seats) and made an invoice.
    for (const queryKey of [subscriptionQueries.all(), accountQueries.all(), rootKey('invoices')]) {
      void queryClient.invalidateQueries({ queryKey })
    }
  }
}

type Locks = { request<T>(name: string, callback: () => T): Promise<Awaited<T>> }

/**
 * Runs `decide` holding the Web Lock of this cart (`billing-checkout:<scope>`), so that two tabs
 * never decide on the same cart's order at once: the second one finds the first one's order.
 * Where the browser has no Web Locks it runs at once (synchronously, so that a second click in the
 * same tick finds the first one's stored order).
 */
function withCheckoutLock<T>(scope: string, decide: () => T): T | Promise<T> {
  const locks =
    typeof navigator === 'undefined' ? null : ((navigator as Navigator & { locks?: Locks | null }).locks ?? null)
  if (!locks || typeof locks.request !== 'function') return decide()
  return locks.request(`billing-checkout:${scope}`, decide) as Promise<T>
}

/**
 * Places the cart's order; a second call while one is on its way or unconfirmed, in this tab or
 * another, does nothing (the cart shows that order instead).
 */
export function usePlaceOrder(scope: string) {
  const queryClient = useQueryClient()
  return useCallback(
    async (quoteId: string) => {
      // Under the lock: read what other tabs stored for this cart, then decide (and store the
      // decision, with its key) before the lock is released.
      const pending = await withCheckoutLock(scope, () => {
        adoptStoredCart(scope)
        return useCartStore.getState().beginOrder(scope, quoteId)
      })
      if (!pending) return
      const key = pending.idempotencyKey
      inFlight.add(key)
      try {
        // Sent for the cart's account: the lock was awaited, and the tab may have switched meanwhile.
        const order = await sendOrder(
          { items: pending.items, promoCode: pending.promoCode, quoteId },
          key,
          accountOfCartScope(scope),
        )
        settleWithOrder(queryClient, scope, order)
      } catch (error) {
        const outcome = classifyOrderFailure(error)
        if (outcome === 'unknown') {
          useCartStore.getState().markOrderUnknown(scope, key)
        } else {
          useCartStore.getState().markOrderFailed(scope, key, outcome)
          // The admin gets a fresh price to look at before trying again.
          if (outcome === 'quote_expired') void queryClient.invalidateQueries({ queryKey: cartQueries.quotes() })
        }
      } finally {
        inFlight.delete(key)
      }
    },
    [queryClient, scope],
  )
}

/**
 * Settles an order whose outcome is unknown, by asking the provider whether the key was used: on
 * mount, again with a backoff, when billing comes back and on "Check again". Only a definitive
 * answer settles it: the order (completed or failed), or "none" asked after the commit window. A
 * pending order, a "none" asked too early, or a failed lookup keep it "being confirmed".
 */
export function useOrderReconciliation(scope: string, pending: PendingOrder | null) {
  const queryClient = useQueryClient()
  const status = pending?.status
  const key = pending?.idempotencyKey ?? ''
  const submittedAt = pending ? Date.parse(pending.submittedAt) : 0

  // A stored 'submitting' that no request of this tab answers to was cut off (a reload, a closed
  // tab) or is another tab's. Once the write time-out has passed no answer can come any more, so
  // it is unknown and gets checked; before that, another tab may still be waiting for it.
  useEffect(() => {
    if (status !== 'submitting' || inFlight.has(key)) return
    const age = Date.now() - submittedAt
    const timer = setTimeout(
      () => useCartStore.getState().markOrderUnknown(scope, key),
      Math.max(0, timeouts.providerWriteMs + INTERRUPTED_GRACE_MS - age),
    )
    return () => clearTimeout(timer)
  }, [scope, status, key, submittedAt])

  const definitiveFrom = submittedAt + COMMIT_WINDOW_MS
  const check = useOrderByKey(key, {
    account: accountOfCartScope(scope),
    enabled: status === 'unknown',
    definitiveFrom,
  })
  const { data } = check
  useEffect(() => {
    // Only an answer asked after this attempt was sent says anything about it.
    if (status !== 'unknown' || data === undefined || data.askedAt < submittedAt) return
    if (data.order) settleWithOrder(queryClient, scope, data.order)
    else if (data.askedAt >= definitiveFrom) useCartStore.getState().markOrderFailed(scope, key, 'not_placed')
    // Otherwise nothing under the key yet, but the provider may still record it: the next check will tell.
  }, [queryClient, scope, key, status, data, submittedAt, definitiveFrom])

  // Billing is back (the breaker closed, the report says so): check at once rather than at the next turn.
  const subscriptionDown = useAvailability().capabilities.subscription.state === 'down'
  const wasDown = useRef(subscriptionDown)
  useEffect(() => {
    const cameBack = wasDown.current && !subscriptionDown
    wasDown.current = subscriptionDown
    if (cameBack && status === 'unknown')
      void queryClient.refetchQueries({ queryKey: orderQueries.byKey(key).queryKey })
  }, [queryClient, subscriptionDown, status, key])

  return check
}
