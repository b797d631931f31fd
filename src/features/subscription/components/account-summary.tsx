import type { Account } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { subscriptionMessages } from '../subscription-messages'

/** From the vendor's own API: still shown when the provider is down. */
export function AccountSummary({ account }: { account: Account }) {
  const t = subscriptionMessages.useT()
  const format = useFormat()
  return (
    <dl className="details">
      <dt>{t('accountName')}</dt>
      <dd>{account.name}</dd>
      <dt>{t('agentsInUse')}</dt>
      <dd>{format.number(account.agentsInUse)}</dd>
      <dt>{t('customerSince')}</dt>
      <dd>{format.date(account.createdAt)}</dd>
    </dl>
  )
}
