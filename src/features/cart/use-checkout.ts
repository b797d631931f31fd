/**
 * Placing an order and settling its outcome. The rules (see PRODUCT.md, "No double charge"):
 * the key is made once per purchase intent and stored before sending; a refusal (4xx) ends the
 * intent; a lost answer (time-out, network, 5xx) leaves the order "being confirmed" until
 * GET /orders/by-key says whether it went through; it is never sent again under a new key.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import { timeouts } from '@/config/resilience'
import { accountQueries } from '@/features/subscription/api/get-account'
import { subscriptionQueries } from '@/features/subscription/api/get-subscription'
import { invoiceQueries } from '@/features/invoices/api/get-invoices'
import { isApiError } from '@/lib/api/errors'
import type { Order } from '@/lib/api/schemas'
import { useOrderByKey } from './api/get-order-by-key'
import { cartQueries } from './api/get-quote'
import { placeOrder as sendOrder } from './api/place-order'
import { useCartStore, type OrderFailure, type PendingOrder } from './cart-store'

/** Past the write time-out, a little more for the answer to be stored. */
const INTERRUPTED_GRACE_MS = 2_000

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
      return 'unknown' // it may have been charged: only the provider can tell
    case 'http':
      break
  }
  const status = error.status ?? 0
  if (status === 429) return 'rate_limited' // shed before any work was done
  if (status === 503 && error.code === 'maintenance') return 'not_sent' // refused before any work: operators hold maintenance
  if (status >= 500) return 'unknown'
  if (status === 409) return error.code === 'quote_expired' || error.code === 'quote_mismatch' ? 'quote_expired' : 'conflict'
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
    for (const queryKey of [subscriptionQueries.all(), accountQueries.all(), invoiceQueries.all()]) {
      void queryClient.invalidateQueries({ queryKey })
    }
  }
}

/** Places the cart's order; a second call while one is on its way or unconfirmed does nothing. */
export function usePlaceOrder(scope: string) {
  const queryClient = useQueryClient()
  return useCallback(
    async (quoteId: string) => {
      const pending = useCartStore.getState().beginOrder(scope, quoteId)
      if (!pending) return
      const key = pending.idempotencyKey
      inFlight.add(key)
      try {
        const order = await sendOrder({ items: pending.items, promoCode: pending.promoCode, quoteId }, key)
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
 * Settles an order whose outcome is unknown, by asking the provider whether the key was used:
 * on mount, every little while, after recovery (queries refetch) and on "Check again".
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

  const check = useOrderByKey(key, { enabled: status === 'unknown' })
  const { data, dataUpdatedAt } = check
  useEffect(() => {
    // Only an answer given after this attempt was sent says anything about it.
    if (status !== 'unknown' || data === undefined || dataUpdatedAt < submittedAt) return
    if (data === null) useCartStore.getState().markOrderFailed(scope, key, 'not_placed')
    else settleWithOrder(queryClient, scope, data)
  }, [queryClient, scope, key, status, data, dataUpdatedAt, submittedAt])

  return check
}
