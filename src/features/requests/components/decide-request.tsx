import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import { ActionButton } from '@/components/action-button'
import { TextField } from '@/components/field'
import { Notice } from '@/components/notice'
import { useCatalog } from '@/billing/api/get-catalog'
import { useSubscription } from '@/billing/api/get-subscription'
import { useCartScope } from '@/billing/cart-store'
import type { ChangeRequest } from '@/lib/api/change-request-schemas'
import { recipientsAskedIn, renewalAskedIn } from '@/billing/change-items'
import { useDescribeError } from '@/lib/api/describe-error'
import { changeProblem, type ChangeProblem } from '@/billing/change-problem'
import { recipientsProblem } from '@/billing/recipients-problem'
import { useFormat } from '@/lib/i18n/format'
import { declineChangeRequest } from '../api/change-request-actions'
import { changeRequestQueries } from '@/billing/api/get-change-requests'
import { useApprovalStore } from '../approval-store'
import { useDetailsForRecipients } from '../describe-recipients'
import { requestsMessages } from '../requests-messages'
import { useApproveRequest, type ApproveOutcome } from '../use-approve-request'
import { ReopenApproval } from './reopen-approval'

/**
 * Decide: approve (paused while the provider is down, like any edit: it orders, schedules a
 * request at renewal, turns renewal off or on, or changes who receives invoices) or decline with a reason (the vendor's own data:
 * works in an outage). A change that no longer fits the subscription says so, and only declining
 * is offered.
 */
export function DecideRequest({
  request,
  onCarriedOut,
}: {
  request: ChangeRequest
  onCarriedOut: (request: ChangeRequest) => void
}) {
  const t = requestsMessages.useT()
  const describeError = useDescribeError()
  const scope = useCartScope()
  const { data: subscription } = useSubscription()
  const { data: catalog } = useCatalog()
  const approve = useApproveRequest({ onCarriedOut })
  const inMyCart = useApprovalStore((state) => state.approvals[scope]?.some((a) => a.requestId === request.id) ?? false)
  const recipients = recipientsAskedIn(request.items)
  const details = useDetailsForRecipients(recipients !== null)
  const seenProblem = recipients
    ? details
      ? recipientsProblem(recipients, details)
      : null
    : subscription && catalog
      ? changeProblem(request.items, request.basis, subscription, catalog, request.takesEffect)
      : null
  const approveLabel = useApproveLabel(request)
  const outcome = approve.data
  const problem = outcome?.kind === 'stale' ? outcome.problem : seenProblem
  const stale = problem !== null || outcome?.kind === 'stale'
  const [reopened, setReopened] = useState<'mine' | 'other' | null>(null)

  return (
    <div className="request-decision">
      <div aria-live="polite">
        {stale ? <Notice tone="warning" title={<ProblemText problem={problem} />} /> : null}
        {outcome ? <OutcomeNotice outcome={outcome} /> : null}
        {approve.isError ? (
          <Notice tone="danger" title={t('approveFailed', { reason: describeError(approve.error) })} />
        ) : null}
        {reopened && request.status === 'waiting' ? (
          <Notice tone="success" title={reopened === 'mine' ? t('reopened') : t('reopenedOther')} />
        ) : null}
        {request.status === 'approving' && inMyCart ? (
          <Notice
            tone="info"
            title={t('inYourCart')}
            actions={
              <Link className="button button-secondary" to="/cart">
                {t('openCart')}
              </Link>
            }
          />
        ) : null}
      </div>
      <div className="form-actions">
        {request.status === 'waiting' && !stale ? (
          <ActionButton
            action={recipients ? 'requests.approveRecipients' : 'requests.approve'}
            disabled={approve.isPending}
            onClick={() => approve.mutate(request)}
          >
            {approve.isPending ? t('approving') : approveLabel}
          </ActionButton>
        ) : null}
      </div>
      {request.status === 'approving' ? (
        <ReopenApproval request={request} mine={inMyCart} onReopened={() => setReopened(inMyCart ? 'mine' : 'other')} />
      ) : null}
      <DeclineForm request={request} />
    </div>
  )
}

function ProblemText({ problem }: { problem: ChangeProblem | null }) {
  const t = requestsMessages.useT()
  const format = useFormat()
  switch (problem?.code) {
    case 'seats_below_in_use':
      return t('problemSeatsBelowInUse', { inUse: format.number(problem.inUse) })
    case 'addon_not_offered':
      return t('problemAddonNotOffered')
    case 'nothing_to_change':
      return t('problemNothingToChange')
    case 'plan_changed':
      return t('problemPlanChanged')
    case 'renewal_off':
      return t('problemRenewalOff')
    case 'not_a_decrease':
      return t('problemNotADecrease')
    case 'renewal_as_asked':
      return t(problem.autoRenew ? 'problemRenewalAlreadyOn' : 'problemRenewalAlreadyOff')
    case 'recipients_as_asked':
      return t('problemRecipientsAsAsked')
    case 'recipient_is_contact':
      return t('problemRecipientIsContact')
    default:
      // The server found it stale after this page's own check: it does not say why in the admin's language.
      return t('problemStale')
  }
}

/** What approving does, and when: order now, schedule for the renewal date, end or renew then, or change invoice emails. */
function useApproveLabel(request: ChangeRequest): string {
  const t = requestsMessages.useT()
  const format = useFormat()
  const { data: subscription } = useSubscription()
  const date = subscription ? format.date(subscription.renewsAt) : null
  if (recipientsAskedIn(request.items)) return t('approveRecipients')
  const renewal = renewalAskedIn(request.items)
  if (renewal) {
    if (date === null) return t(renewal.autoRenew ? 'approveRenewalOnUndated' : 'approveRenewalOffUndated')
    return t(renewal.autoRenew ? 'approveRenewalOn' : 'approveRenewalOff', { date })
  }
  if (request.takesEffect === 'now') return t('approve')
  return date === null ? t('approveAtNextRenewal') : t('approveAtRenewal', { date })
}

function OutcomeNotice({ outcome }: { outcome: ApproveOutcome }) {
  const t = requestsMessages.useT()
  if (outcome.kind === 'taken') return <Notice tone="warning" title={t('alreadyTaken')} />
  if (outcome.kind === 'cart-locked') return <Notice tone="warning" title={t('cartLocked')} />
  return null
}

function DeclineForm({ request }: { request: ChangeRequest }) {
  const t = requestsMessages.useT()
  const describeError = useDescribeError()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const decline = useMutation({
    mutationFn: (text: string) => declineChangeRequest(request, text),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: changeRequestQueries.all() }),
  })

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (reason.trim() === '') {
      setError(t('declineReasonRequired'))
      return
    }
    setError(undefined)
    decline.mutate(reason.trim())
  }

  if (!open) {
    return (
      <div className="form-actions">
        <ActionButton action="requests.decline" variant="secondary" onClick={() => setOpen(true)}>
          {t('decline')}
        </ActionButton>
      </div>
    )
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <TextField
        label={t('declineReasonLabel')}
        value={reason}
        maxLength={500}
        onChange={(event) => setReason(event.target.value)}
        hint={t('declineReasonHint')}
        error={error}
        autoFocus
      />
      {decline.isError ? (
        <p className="field-error">{t('declineFailed', { reason: describeError(decline.error) })}</p>
      ) : null}
      <div className="form-actions">
        <ActionButton action="requests.decline" type="submit" variant="danger" disabled={decline.isPending}>
          {t('confirmDecline')}
        </ActionButton>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  )
}
