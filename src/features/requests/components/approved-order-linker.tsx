import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { accountOfCartScope, useCart } from '@/billing/cart-store'
import { isApiError } from '@/lib/api/errors'
import { linkChangeRequestOrder } from '../api/change-request-actions'
import { changeRequestQueries } from '../api/get-change-requests'
import { useApprovalStore, type PendingApproval } from '../approval-store'

const none: PendingApproval[] = []

/**
 * Records on each approved request the order that carried it out: the first order the approving
 * admin's cart completes after the change went in. Mounted with the signed-in frame, so it works
 * whichever page the order is placed from, and after a reload. Renders nothing.
 */
export function ApprovedOrderLinker() {
  const queryClient = useQueryClient()
  const { scope, cart } = useCart()
  const approvals = useApprovalStore((state) => state.approvals[scope]) ?? none
  const orderId = cart.lastOrder?.orderId ?? null
  const sending = useRef(new Set<string>())

  useEffect(() => {
    if (orderId === null) return
    for (const approval of approvals) {
      if (approval.previousOrderId === orderId || sending.current.has(approval.requestId)) continue
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
  }, [approvals, orderId, scope, queryClient])

  return null
}
