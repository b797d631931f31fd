import { useSubscription } from '@/billing/api/get-subscription'
import type { ChangeRequest } from '@/lib/api/change-request-schemas'
import { useFormat } from '@/lib/i18n/format'
import { requestsMessages } from './requests-messages'

/**
 * "<change>, from <date>" for a change at renewal: the date it was scheduled from once it is (a
 * request's `effectiveOn`), until then the subscription's renewal date as it stands (a request may
 * wait past one); without the subscription, "<change>, at the next renewal".
 */
export function useChangeTiming(): (change: string, request?: Pick<ChangeRequest, 'effectiveOn'>) => string {
  const t = requestsMessages.useT()
  const format = useFormat()
  const { data: subscription } = useSubscription()
  return (change, request) => {
    const date = request?.effectiveOn ?? subscription?.renewsAt
    return date ? t('changeFrom', { change, date: format.date(date) }) : t('changeAtNextRenewal', { change })
  }
}
