import { useSubscription } from '@/billing/api/get-subscription'
import { useDescribeItem } from '@/billing/describe-change'
import type { ChangeRequest } from '@/lib/api/change-request-schemas'
import { orderItemsIn, recipientsAskedIn, renewalAskedIn } from '@/billing/change-items'
import { useFormat } from '@/lib/i18n/format'
import { useChangeRequests } from '@/billing/api/get-change-requests'
import { useChangeTiming } from './change-timing'
import { useDescribeRecipients, useDetailsForRecipients } from './describe-recipients'
import { requestsMessages } from './requests-messages'

/**
 * What a request asks for, as its card's heading: its changes ("Seats: 25 → 22"), from when for a
 * change at renewal, for renewal what it does and when ("Turn renewal off: the subscription
 * ends on <date>"): the date recorded when it was applied (`effectiveOn`), until then the
 * subscription's renewal date as it stands (a request may wait past one); and for invoice
 * recipients what changes from what the billing details hold now. A change still to decide is
 * measured from the subscription now; a decided one from what its requester saw.
 */
export function useDescribeRequest(): (request: ChangeRequest) => string {
  const t = requestsMessages.useT()
  const format = useFormat()
  const describe = useDescribeItem()
  const timing = useChangeTiming()
  const describeRecipients = useDescribeRecipients()
  const { data: subscription } = useSubscription()
  const asksRecipients = useChangeRequests().data?.requests.some((r) => recipientsAskedIn(r.items) !== null) ?? false
  const details = useDetailsForRecipients(asksRecipients)
  return (request) => {
    const renewal = renewalAskedIn(request.items)
    if (renewal) {
      const date = request.effectiveOn ?? subscription?.renewsAt
      if (date === undefined) return t(renewal.autoRenew ? 'renewalOnAskedUndated' : 'renewalOffAskedUndated')
      return t(renewal.autoRenew ? 'renewalOnAsked' : 'renewalOffAsked', { date: format.date(date) })
    }
    const recipients = recipientsAskedIn(request.items)
    if (recipients) return describeRecipients(recipients, details?.invoiceRecipients)
    const from = request.status === 'waiting' || request.status === 'approving' ? undefined : request.basis
    const change = orderItemsIn(request.items)
      .map((item) => describe(item, from))
      .join('; ')
    return request.takesEffect === 'renewal' ? timing(change, request) : change
  }
}
