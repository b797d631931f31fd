import { useId, type ReactNode } from 'react'
import type { ChangeRequest } from '@/lib/api/change-request-schemas'
import { recipientsAskedIn, renewalAskedIn } from '@/billing/change-items'
import { useFormat } from '@/lib/i18n/format'
import { requestsMessages } from '../requests-messages'
import { useDescribeRequest } from '../describe-request'
import { signed } from './request-draft-form'

/**
 * One request as both roles see it: the change (at renewal, from when; for renewal, what ends or
 * renews when), who asked and when, the note, the estimate and where it stands.
 */
export function RequestCard({
  request,
  showRequester,
  children,
}: {
  request: ChangeRequest
  showRequester: boolean
  children?: ReactNode
}) {
  const t = requestsMessages.useT()
  const format = useFormat()
  const describe = useDescribeRequest()
  const headingId = useId()
  const date = format.dateTime(request.createdAt)
  return (
    <article className="request-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{describe(request)}</h3>
      <p className="field-hint">
        {showRequester ? t('askedBy', { name: request.requestedBy.name, date }) : t('askedOn', { date })}
      </p>
      {request.note ? <p>{t('note', { note: request.note })}</p> : null}
      {request.estimate ? (
        <p>{t('estimateShort', { amount: signed(format.money(request.estimate), request.estimate.amountMinor) })}</p>
      ) : null}
      <p className={`request-status request-status-${request.status}`}>
        <RequestStatus request={request} />
      </p>
      {children}
    </article>
  )
}

function RequestStatus({ request }: { request: ChangeRequest }) {
  const t = requestsMessages.useT()
  const format = useFormat()
  const name = request.decidedBy?.name ?? ''
  switch (request.status) {
    case 'waiting':
      return t('statusWaiting')
    case 'approving':
      return t('statusApproving', { name })
    case 'ordered':
      return t('statusOrdered', { name, orderId: request.orderId ?? '' })
    case 'scheduled':
      return t('statusScheduled', { name, date: request.effectiveOn ? format.date(request.effectiveOn) : '' })
    case 'applied':
      // A renewal or recipients request; for renewal, the heading says until when.
      if (recipientsAskedIn(request.items)) return t('statusRecipientsApplied', { name })
      return t(renewalAskedIn(request.items)?.autoRenew ? 'statusRenewalOn' : 'statusRenewalOff', { name })
    case 'declined':
      return t('statusDeclined', { name, reason: request.declineReason ?? '' })
    case 'withdrawn':
      return t('statusWithdrawn')
  }
}
