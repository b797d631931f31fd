import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { accountOfCartScope, itemKey, useCart } from '@/billing/cart-store'
import type { OrderItem } from '@/lib/api/schemas'
import { isApiError } from '@/lib/api/errors'
import { linkChangeRequestOrder } from '../api/change-request-actions'
import { changeRequestQueries } from '@/billing/api/get-change-requests'
import { useApprovalStore, type PendingApproval } from '../approval-store'

const none: PendingApproval[] = []

/**
 * Whether an order carried an approved change: it changed at least one of the same things (seats,
 * the plan, an add-on), whatever quantity the admin settled on in the cart. Unknown (stored before
 * either list was kept) counts as carried, as it did then.
 */
function carriesChange(approval: PendingApproval, ordered: OrderItem[] | undefined): boolean {
  if (!approval.items || !ordered) return true
  const orderedKeys = new Set(ordered.map(itemKey))
  return approval.items.some((item) => orderedKeys.has(itemKey(item)))
}

/**
 * Records on each approved request the order that carried it out: the first order the approving
 * admin's cart completes after the change went in. Mounted with the signed-in frame, so it works
 * whichever page the order is placed from, and after a reload. Renders nothing.
 */
export function ApprovedOrderLinker() {
  const queryClient = useQueryClient()
  const { scope, cart } = useCart()
  const approvals = useApprovalStore((state) => state.approvals[scope]) ?? none
  const lastOrder = cart.lastOrder
  const orderId = lastOrder?.orderId ?? null
  const sending = useRef(new Set<string>())

  useEffect(() => {
    if (orderId === null) return
    for (const approval of approvals) {
      if (approval.previousOrderId === orderId || sending.current.has(approval.requestId)) continue
      // An order that changed none of what was approved (the admin took it out of the cart and
      // bought something else) did not carry the request out: wait for the next one.
      if (!carriesChange(approval, lastOrder?.items)) {
        useApprovalStore.getState().passOrder(scope, approval.requestId, orderId)
        continue
      }
      sending.current.add(approval.requestId)
      linkChangeRequestOrder(approval.requestId, orderId, accountOfCartScope(scope))
        .then(() => useApprovalStore.getState().remove(scope, approval.requestId))
        .catch((error: unknown) => {
          // Refused (the request was declined meanwhile, or is linked already): nothing left to link.
          // Anything else (network, own API down): kept, and tried again on the next load or order.
          if (isApiError(error) && error.kind === 'http' && (error.status ?? 0) < 500)
            useApprovalStore.getState().remove(scope, approval.requestId)
        })
        .finally(() => {
          sending.current.delete(approval.requestId)
          void queryClient.invalidateQueries({ queryKey: changeRequestQueries.all() })
        })
    }
  }, [approvals, orderId, lastOrder?.items, scope, queryClient])

  return null
}
