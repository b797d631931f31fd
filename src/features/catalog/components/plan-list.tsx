import { lazy, Suspense, useId, useState } from 'react'
import { ActionButton } from '@/components/action-button'
import type { Plan, Subscription } from '@/lib/api/schemas'
import { isCheaperPlan, schedulesAtRenewal } from '@/billing/at-renewal'
import { useAsksForChanges } from '@/billing/request-draft-store'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useFormat } from '@/lib/i18n/format'
import { catalogMessages } from '../catalog-messages'
import { useChangeBasket } from '../use-change-basket'
import type { AddedNotice } from './added-notice'

// Loaded when a smaller plan is chosen. Not through the overview's slot: that one stays in the
// first page's chunk instead of a chunk of its own shared with this page.
const ScheduledChange = lazy(() => import('@/billing/scheduled-change'))

/**
 * The plans on sale; the current one is marked (when the subscription is known) and cannot be
 * chosen again. A plan with a lower seat price is scheduled for the next renewal, not put in the
 * cart, where the gateway can (`scheduledChange` is known) and the subscription renews; an admin
 * without billing rights asks for it at renewal the same way (a request at renewal).
 */
export function PlanList({
  plans,
  subscription,
  onAdded,
}: {
  plans: Plan[]
  subscription: Subscription | undefined
  onAdded: (notice: AddedNotice) => void
}) {
  const availability = useActionAvailability(useAsksForChanges() ? 'requests.ask' : 'subscription.changePlan')
  return (
    <>
      {/* Said once for the section; each button still carries it for screen readers. */}
      {!availability.allowed ? <p className="action-reason">{availability.reason}</p> : null}
      <ul className="grid catalog-list">
        {plans.map((plan) => (
          <li key={plan.id}>
            <PlanCard plan={plan} subscription={subscription} onAdded={onAdded} />
          </li>
        ))}
      </ul>
    </>
  )
}

function PlanCard({
  plan,
  subscription,
  onAdded,
}: {
  plan: Plan
  subscription: Subscription | undefined
  onAdded: (notice: AddedNotice) => void
}) {
  const t = catalogMessages.useT()
  const format = useFormat()
  const headingId = useId()
  const { asks, items, setItem } = useChangeBasket()
  const [confirming, setConfirming] = useState(false)
  const isCurrent = plan.id === subscription?.plan.id
  const decrease = subscription !== undefined && schedulesAtRenewal(subscription) && isCheaperPlan(plan, subscription)
  const atRenewal = !asks && decrease
  const inCart = items.some((item) => item.type === 'plan' && item.planId === plan.id)

  const choose = () =>
    onAdded(
      setItem({ type: 'plan', planId: plan.id })
        ? { tone: 'success', text: t(asks ? 'planAddedToRequest' : 'planAdded', { name: plan.name }), request: asks }
        : { tone: 'warning', text: t('cartLocked') },
    )

  return (
    <article className="catalog-card" aria-labelledby={headingId}>
      <div className="catalog-card-header">
        <h3 id={headingId}>{plan.name}</h3>
        {isCurrent ? <span className="badge badge-success">{t('currentPlan')}</span> : null}
        {inCart ? <span className="badge">{t(asks ? 'inRequest' : 'inCart')}</span> : null}
      </div>
      <p>{plan.description}</p>
      <p className="catalog-price">
        <span className="catalog-price-amount">{format.money(plan.seatPrice)}</span>{' '}
        {plan.interval === 'year' ? t('perSeatYear') : t('perSeatMonth')}
      </p>
      <p className="visually-hidden">{t('features')}</p>
      <ul className="catalog-features">
        {/* By position: a fixed list, and two features may read the same. */}
        {plan.features.map((feature, index) => (
          <li key={index}>{feature}</li>
        ))}
      </ul>
      <div className="catalog-card-action">
        {isCurrent ? (
          <p className="field-hint">{t('yourPlan')}</p>
        ) : atRenewal && confirming ? (
          <Suspense fallback={null}>
            <ScheduledChange
              subscription={subscription}
              seats={null}
              plan={{ id: plan.id, name: plan.name }}
              onDone={() => {
                setConfirming(false)
                const date = format.date(subscription.renewsAt)
                onAdded({ tone: 'success', text: t('planScheduled', { name: plan.name, date }), scheduled: true })
              }}
              onCancel={() => setConfirming(false)}
            />
          </Suspense>
        ) : atRenewal ? (
          <ActionButton
            action="subscription.scheduleChange"
            variant="secondary"
            hideReason
            onClick={() => setConfirming(true)}
          >
            {t('switchAtRenewal', { name: plan.name })}
          </ActionButton>
        ) : (
          <ActionButton
            action={asks ? 'requests.ask' : 'subscription.changePlan'}
            variant={inCart ? 'secondary' : 'primary'}
            hideReason
            onClick={choose}
          >
            {t(decrease ? 'switchAtRenewal' : 'switchTo', { name: plan.name })}
          </ActionButton>
        )}
      </div>
    </article>
  )
}
