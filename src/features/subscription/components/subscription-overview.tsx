import type { ReactNode } from 'react'
import type { Subscription } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { subscriptionMessages } from '../subscription-messages'
import { ScheduledChangeSlot } from '@/billing/scheduled-change-slot'
import { ChangeSeats } from './change-seats'
import { RenewalSlot } from './renewal-slot'

const statusBadge = {
  active: { key: 'statusActive', tone: 'badge-success' },
  trialing: { key: 'statusTrialing', tone: '' },
  past_due: { key: 'statusPastDue', tone: 'badge-danger' },
  canceled: { key: 'statusCanceled', tone: 'badge-warning' },
} as const

/**
 * Plan, cycle, status, renewal (or the end, with renewal off), seats and prices at a glance, and
 * the ways to change seats and renewal.
 */
export function SubscriptionOverview({ subscription }: { subscription: Subscription }) {
  const t = subscriptionMessages.useT()
  const format = useFormat()
  const status = statusBadge[subscription.status]
  const price = format.money(subscription.seatPrice)
  // Absent (the retired contract backend): it renews.
  const ends = subscription.autoRenew === false

  return (
    <>
      <dl className="grid subscription-stats">
        <Stat label={t('plan')}>{subscription.plan.name}</Stat>
        <Stat label={t('status')}>
          <span className={`badge ${status.tone}`}>{t(status.key)}</span>
        </Stat>
        <Stat label={t('billingCycle')}>
          {subscription.billingCycle === 'annual' ? t('cycleAnnual') : t('cycleMonthly')}
        </Stat>
        <Stat label={ends ? t('endsAt') : t('renewsAt')}>{format.date(subscription.renewsAt)}</Stat>
        <Stat label={t('seatsPurchased')}>{format.number(subscription.seats.purchased)}</Stat>
        <Stat label={t('seatsInUse')}>
          {t('seatsInUseValue', {
            inUse: format.number(subscription.seats.inUse),
            purchased: format.number(subscription.seats.purchased),
          })}
        </Stat>
        <Stat label={t('seatPrice')}>
          {subscription.billingCycle === 'annual' ? t('perSeatYear', { price }) : t('perSeatMonth', { price })}
        </Stat>
        <Stat label={t('nextInvoice')}>
          {ends
            ? t('noInvoiceAfterEnd', { date: format.date(subscription.renewsAt) })
            : t('nextInvoiceValue', {
                total: format.money(subscription.nextInvoice.total),
                date: format.date(subscription.nextInvoice.date),
              })}
        </Stat>
      </dl>
      {/* Absent from the retired contract backend, which cannot schedule. */}
      {subscription.scheduledChange !== undefined ? <ScheduledChangeSlot subscription={subscription} /> : null}
      <ChangeSeats subscription={subscription} />
      <RenewalSlot subscription={subscription} />
    </>
  )
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stat">
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value">{children}</dd>
    </div>
  )
}
