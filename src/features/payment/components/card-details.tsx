import { useState } from 'react'
import { Notice } from '@/components/notice'
import type { PaymentMethod } from '@/lib/api/schemas'
import { commonMessages } from '@/lib/i18n/common-messages'
import { useFormat } from '@/lib/i18n/format'
import { expiryState, formatExpiry } from '../card-expiry'
import { paymentMessages } from '../payment-messages'

type Card = NonNullable<PaymentMethod['card']>

const brandKey = {
  visa: 'brandVisa',
  mastercard: 'brandMastercard',
  amex: 'brandAmex',
  elo: 'brandElo',
  other: 'brandOther',
} as const

/** What is safe to show of the card on file: brand, last four digits, expiry and holder. */
export function CardDetails({ card, updatedAt }: { card: Card; updatedAt: string | null }) {
  const t = paymentMessages.useT()
  const common = commonMessages.useT()
  const format = useFormat()
  // The time the page was opened is precise enough for a warning counted in days.
  const [now] = useState(() => Date.now())
  const expiry = expiryState(card.expMonth, card.expYear, now)

  return (
    <>
      {expiry.kind === 'expired' ? <Notice tone="danger">{t('expiredNotice')}</Notice> : null}
      {expiry.kind === 'soon' ? <Notice tone="warning">{t('expiresSoonNotice', { days: expiry.days })}</Notice> : null}
      <dl className="details">
        <dt>{t('brand')}</dt>
        <dd>{t(brandKey[card.brand])}</dd>
        <dt>{t('number')}</dt>
        <dd>
          <span aria-hidden="true">•••• {card.last4}</span>
          <span className="visually-hidden">{t('endingIn', { last4: card.last4 })}</span>
        </dd>
        <dt>{t('expiry')}</dt>
        <dd>
          {formatExpiry(card.expMonth, card.expYear)}{' '}
          {expiry.kind === 'expired' ? <span className="badge badge-danger">{t('expired')}</span> : null}
          {expiry.kind === 'soon' ? <span className="badge badge-warning">{t('expiresSoon')}</span> : null}
        </dd>
        <dt>{t('holder')}</dt>
        <dd>{card.holderName}</dd>
      </dl>
      {updatedAt ? <p className="empty-state">{common('updatedAt', { time: format.dateTime(updatedAt) })}</p> : null}
    </>
  )
}
