import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { itemKey, useCart } from '@/billing/cart-store'
import type { ChangeRequest } from '@/lib/api/change-request-schemas'
import { orderItemsIn } from '@/billing/change-items'
import { useDescribeError } from '@/lib/api/describe-error'
import { reopenChangeRequest } from '../api/change-request-actions'
import { changeRequestQueries } from '@/billing/api/get-change-requests'
import { useApprovalStore } from '../approval-store'
import { requestsMessages } from '../requests-messages'

/**
 * An approval nobody is going to order (the approver changed their mind, or left): a billing admin
 * puts the request back to waiting, so it can be approved or declined again instead of staying
 * "being ordered" for ever. If the approval was this admin's, its change leaves their cart too, so
 * it cannot be ordered on the side while the request waits for someone to approve it again. Not
 * while their last order is still being confirmed: that order may be the one that carries it.
 */
export function ReopenApproval({
  request,
  mine,
  onReopened,
}: {
  request: ChangeRequest
  /** The approval is this admin's: its change is in their cart. */
  mine: boolean
  onReopened: () => void
}) {
  const t = requestsMessages.useT()
  const describeError = useDescribeError()
  const queryClient = useQueryClient()
  const { scope, locked, removeItem } = useCart()
  const reopen = useMutation({
    mutationFn: () => reopenChangeRequest(request),
    onSuccess: () => {
      if (mine) {
        useApprovalStore.getState().remove(scope, request.id)
        for (const item of orderItemsIn(request.items)) removeItem(itemKey(item))
      }
      onReopened()
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: changeRequestQueries.all() }),
  })
  if (mine && locked) return null

  return (
    <div className="request-reopen">
      <p className="field-hint">{t('reopenLead')}</p>
      {reopen.isError ? (
        <Notice tone="danger" title={t('reopenFailed', { reason: describeError(reopen.error) })} />
      ) : null}
      <div className="form-actions">
        <ActionButton
          action="requests.reopen"
          variant="secondary"
          disabled={reopen.isPending}
          onClick={() => reopen.mutate()}
        >
          {reopen.isPending ? t('reopening') : t('reopen')}
        </ActionButton>
      </div>
    </div>
  )
}
