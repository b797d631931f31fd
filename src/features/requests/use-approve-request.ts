/**
 * Decide, approving: the change goes into the approving admin's cart and is ordered through the
 * normal checkout (fresh quote, idempotency key, reconciliation). The server carries out two kinds
 * itself on approval instead, with no cart and nothing charged: a request at renewal (fewer seats,
 * a smaller plan) is scheduled as the admin's own "Change seats" would schedule it, and a renewal
 * request turns renewal off or on as the admin's own renewal control would, and a request for
 * invoice recipients replaces them as the admin's own billing details edit would (checked against
 * the billing details rather than the subscription). Ordered once, because:
 * - the server moves the request from `waiting` to `approving` in one step, under this click's
 *   key: a second approval (another tab, another admin, a double click) gets 409 and orders nothing;
 * - only the approval that took it puts the change into the cart, whose checkout has its own
 *   double-submit guard and idempotency key;
 * - ApprovedOrderLinker then records that order on the request (a repeatable call).
 * The change is checked against the subscription as it is now first, so a stale request says so.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router-dom'
import { useCart } from '@/billing/cart-store'
import { catalogQueries } from '@/billing/api/get-catalog'
import { billingDetailsQueries } from '@/billing/api/get-billing-details'
import { subscriptionQueries } from '@/billing/api/get-subscription'
import type { ChangeRequest } from '@/lib/api/change-request-schemas'
import { orderItemsIn, recipientsAskedIn, renewalAskedIn } from '@/billing/change-items'
import { isApiError } from '@/lib/api/errors'
import { changeProblem, type ChangeProblem } from '@/billing/change-problem'
import { recipientsProblem } from '@/billing/recipients-problem'
import { approveChangeRequest } from './api/change-request-actions'
import { changeRequestQueries } from '@/billing/api/get-change-requests'
import { useApprovalStore } from './approval-store'

export type ApproveOutcome =
  | { kind: 'in-cart' }
  /** Done by the server: a request at renewal scheduled from `effectiveOn`, renewal turned off or on, or invoice recipients changed. */
  | { kind: 'carried-out'; request: ChangeRequest }
  /** problem null: the server found it stale (its subscription moved on after this page's check). */
  | { kind: 'stale'; problem: ChangeProblem | null }
  | { kind: 'taken' }
  | { kind: 'cart-locked' }
  | { kind: 'busy' }

/** Requests whose approval is on its way from this tab: a second click in the same tick does nothing. */
const approving = new Set<string>()

/** `onCarriedOut`: told when the server carried a request out (the request then leaves the open ones). */
export function useApproveRequest({ onCarriedOut }: { onCarriedOut?: (request: ChangeRequest) => void } = {}) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const { scope, cart, locked, setItem } = useCart()

  const subscriptionProblem = async (request: ChangeRequest) => {
    const [subscription, catalog] = await Promise.all([
      queryClient.fetchQuery({ ...subscriptionQueries.detail(), staleTime: 0 }),
      queryClient.fetchQuery(catalogQueries.detail()),
    ])
    return changeProblem(request.items, request.basis, subscription, catalog, request.takesEffect)
  }

  return useMutation({
    mutationFn: async (request: ChangeRequest): Promise<ApproveOutcome> => {
      // On its way from this tab, or already taken by it (a second click after the first one's answer).
      const taken =
        useApprovalStore.getState().approvals[scope]?.some((approval) => approval.requestId === request.id) ?? false
      if (approving.has(request.id) || taken) return { kind: 'busy' }
      const recipients = recipientsAskedIn(request.items)
      const byServer =
        request.takesEffect === 'renewal' || renewalAskedIn(request.items) !== null || recipients !== null
      if (locked && !byServer) return { kind: 'cart-locked' }
      approving.add(request.id)
      try {
        // The subscription (for recipients, the billing details) as it is now, not as saved: the request may have waited for days.
        const problem = recipients
          ? recipientsProblem(
              recipients,
              await queryClient.fetchQuery({ ...billingDetailsQueries.current(), staleTime: 0 }),
            )
          : await subscriptionProblem(request)
        if (problem) return { kind: 'stale', problem }
        let approved: ChangeRequest
        try {
          approved = await approveChangeRequest(request, crypto.randomUUID())
        } catch (error) {
          if (isApiError(error) && error.status === 409 && error.code === 'request_not_waiting')
            return { kind: 'taken' }
          if (isApiError(error) && error.status === 409 && error.code === 'request_stale')
            return { kind: 'stale', problem: null }
          throw error
        }
        // The server carried it out, or (a retry still on its way elsewhere) it is not this click's.
        if (byServer)
          return approved.status === 'scheduled' || approved.status === 'applied'
            ? { kind: 'carried-out', request: approved }
            : { kind: 'taken' }
        const items = orderItemsIn(request.items)
        // Remembered before the cart changes, with the cart's last order, so the next order is this one's.
        useApprovalStore.getState().add(scope, {
          requestId: request.id,
          previousOrderId: cart.lastOrder?.orderId ?? null,
          items,
        })
        for (const item of items) setItem(item)
        return { kind: 'in-cart' }
      } finally {
        approving.delete(request.id)
      }
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: changeRequestQueries.all() }),
    onSuccess: (outcome) => {
      if (outcome.kind === 'in-cart') void navigate('/cart')
      if (outcome.kind === 'carried-out') {
        // The subscription has a change scheduled, or renewal off or on, or the billing details new
        // recipients: their pages show it from the provider.
        void queryClient.invalidateQueries({ queryKey: subscriptionQueries.all() })
        void queryClient.invalidateQueries({ queryKey: billingDetailsQueries.all() })
        onCarriedOut?.(outcome.request)
      }
    },
  })
}
