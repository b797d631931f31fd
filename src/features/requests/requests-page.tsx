import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { Notice } from '@/components/notice'
import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import type { ChangeRequest } from '@/lib/api/change-request-schemas'
import { recipientsAskedIn, renewalAskedIn } from '@/billing/change-items'
import { useDescribeError } from '@/lib/api/describe-error'
import { useFormat } from '@/lib/i18n/format'
import { useCurrentUser } from '@/lib/session/current-user'
import { withdrawChangeRequest } from './api/change-request-actions'
import { changeRequestQueries, isOpen, useChangeRequests } from '@/billing/api/get-change-requests'
import { useDescribeRequest } from './describe-request'
import { DecideRequest } from './components/decide-request'
import { RequestCard } from './components/request-card'
import { RequestDraftForm } from './components/request-draft-form'
import { requestsMessages } from './requests-messages'
import './requests.css'

/**
 * Change requests. An admin without billing rights asks here and follows their requests; a billing
 * admin decides on the account's. Everything on this page is the vendor's own data, so it works
 * while the provider is down (only approving waits for it).
 */
export function RequestsPage() {
  const t = requestsMessages.useT()
  const decides = useCurrentUser().user.role === 'billing_admin'
  const requests = useChangeRequests()
  // A request the server carries out leaves the open ones once approved: what it did is said up here.
  const [carriedOut, setCarriedOut] = useState<ChangeRequest | null>(null)

  if (decides) {
    return (
      <Page title={t('title')} description={t('leadDecider')}>
        <div aria-live="polite">{carriedOut ? <CarriedOutNotice request={carriedOut} /> : null}</div>
        <QuerySection
          section="requests.list"
          title={t('openTitle')}
          query={requests}
          isEmpty={(data) => !data.requests.some(isOpen)}
          empty={t('openEmpty')}
        >
          {(data) => (
            <RequestList requests={data.requests.filter(isOpen)} showRequester>
              {(request) => <DecideRequest request={request} onCarriedOut={setCarriedOut} />}
            </RequestList>
          )}
        </QuerySection>
        <QuerySection
          section="requests.list"
          title={t('earlierTitle')}
          query={requests}
          isEmpty={(data) => data.requests.every(isOpen)}
          empty={t('earlierEmpty')}
        >
          {(data) => <RequestList requests={data.requests.filter((request) => !isOpen(request))} showRequester />}
        </QuerySection>
      </Page>
    )
  }
  return (
    <Page title={t('title')} description={t('leadAsker')}>
      <RequestDraftForm />
      <QuerySection
        section="requests.list"
        title={t('mineTitle')}
        query={requests}
        isEmpty={(data) => data.requests.length === 0}
        empty={t('mineEmpty')}
      >
        {(data) => (
          <RequestList requests={data.requests} showRequester={false}>
            {(request) => (request.status === 'waiting' ? <WithdrawButton request={request} /> : null)}
          </RequestList>
        )}
      </QuerySection>
    </Page>
  )
}

function RequestList({
  requests,
  showRequester,
  children,
}: {
  requests: ChangeRequest[]
  showRequester: boolean
  children?: (request: ChangeRequest) => ReactNode
}) {
  return (
    <ul className="request-list">
      {requests.map((request) => (
        <li key={request.id}>
          <RequestCard request={request} showRequester={showRequester}>
            {children?.(request)}
          </RequestCard>
        </li>
      ))}
    </ul>
  )
}

/** What the server did on approval: scheduled a change at renewal, turned renewal off or on, or changed who receives invoices. */
function CarriedOutNotice({ request }: { request: ChangeRequest }) {
  const t = requestsMessages.useT()
  const format = useFormat()
  const describe = useDescribeRequest()
  const renewal = renewalAskedIn(request.items)
  if (renewal && request.effectiveOn)
    return (
      <Notice
        tone="success"
        title={t(renewal.autoRenew ? 'renewalOnDone' : 'renewalOffDone', { date: format.date(request.effectiveOn) })}
      />
    )
  if (recipientsAskedIn(request.items))
    return <Notice tone="success" title={t('recipientsDone', { change: describe(request) })} />
  return <Notice tone="success" title={t('scheduledNotice', { change: describe(request) })} />
}

function WithdrawButton({ request }: { request: ChangeRequest }) {
  const t = requestsMessages.useT()
  const describeError = useDescribeError()
  const queryClient = useQueryClient()
  const withdraw = useMutation({
    mutationFn: () => withdrawChangeRequest(request),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: changeRequestQueries.all() }),
  })
  return (
    <div className="form-actions">
      <button
        type="button"
        className="button button-secondary"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate()}
      >
        {t('withdraw')}
      </button>
      {withdraw.isError ? (
        <p className="field-error">{t('withdrawFailed', { reason: describeError(withdraw.error) })}</p>
      ) : null}
    </div>
  )
}
