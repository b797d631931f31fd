import { useSubscription } from '@/billing/api/get-subscription'
import { useDescribeItem } from '@/billing/describe-change'
import type { ChangeRequest } from '@/lib/api/change-request-schemas'
import { orderItemsIn, renewalAskedIn } from '@/billing/change-items'
import { useFormat } from '@/lib/i18n/format'
import { useChangeTiming } from './change-timing'
import { requestsMessages } from './requests-messages'

/**
 * What a request asks for, as its card's heading: its changes ("Seats: 25 → 22"), from when for a
 * change at renewal, and for renewal what it does and when ("Turn renewal off: the subscription
 * ends on <date>"): the date recorded when it was applied (`effectiveOn`), until then the
 * subscription's renewal date as it stands (a request may wait past one).
 */
export function useDescribeRequest(): (request: ChangeRequest) => string {
  const t = requestsMessages.useT()
  const format = useFormat()
  const describe = useDescribeItem()
  const timing = useChangeTiming()
  const { data: subscription } = useSubscription()
  return (request) => {
    const renewal = renewalAskedIn(request.items)
    if (renewal) {
      const date = request.effectiveOn ?? subscription?.renewsAt
      if (date === undefined) return t(renewal.autoRenew ? 'renewalOnAskedUndated' : 'renewalOffAskedUndated')
      return t(renewal.autoRenew ? 'renewalOnAsked' : 'renewalOffAsked', { date: format.date(date) })
    }
    const change = orderItemsIn(request.items).map(describe).join('; ')
    return request.takesEffect === 'renewal' ? timing(change, request) : change
  }
}
