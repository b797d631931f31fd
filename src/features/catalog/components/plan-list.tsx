import { useId } from 'react'
import { ActionButton } from '@/components/action-button'
import type { Plan } from '@/lib/api/schemas'
import { useAsksForChanges } from '@/billing/request-draft-store'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useFormat } from '@/lib/i18n/format'
import { catalogMessages } from '../catalog-messages'
import { useChangeBasket } from '../use-change-basket'
import type { AddedNotice } from './added-notice'

/** The plans on sale; the current one is marked (when the subscription is known) and cannot be chosen again. */
export function PlanList({
  plans,
  currentPlanId,
  onAdded,
}: {
  plans: Plan[]
  currentPlanId: string | undefined
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
            <PlanCard plan={plan} isCurrent={plan.id === currentPlanId} onAdded={onAdded} />
          </li>
        ))}
      </ul>
    </>
  )
}

function PlanCard({
  plan,
  isCurrent,
  onAdded,
}: {
  plan: Plan
  isCurrent: boolean
  onAdded: (notice: AddedNotice) => void
}) {
  const t = catalogMessages.useT()
  const format = useFormat()
  const headingId = useId()
  const { asks, items, setItem } = useChangeBasket()
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
        ) : (
          <ActionButton
            action={asks ? 'requests.ask' : 'subscription.changePlan'}
            variant={inCart ? 'secondary' : 'primary'}
            hideReason
            onClick={choose}
          >
            {t('switchTo', { name: plan.name })}
          </ActionButton>
        )}
      </div>
    </article>
  )
}
