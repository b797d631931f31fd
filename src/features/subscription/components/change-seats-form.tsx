import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router-dom'
import { TextField } from '@/components/field'
import { useCart } from '@/billing/cart-store'
import { MAX_SEATS } from '@/lib/api/contract-bounds'
import { useQuantityProblemText } from '@/billing/quantity-messages'
import { checkSeats, type QuantityProblem } from '@/billing/quantity-rules'
import type { Subscription } from '@/lib/api/schemas'
import { useAsksForChanges, useRequestDraft } from '@/billing/request-draft-store'
import { ScheduledChangeSlot } from '@/billing/scheduled-change-slot'
import { schedulesAtRenewal } from '@/billing/at-renewal'
import { useFormat } from '@/lib/i18n/format'
import { subscriptionMessages } from '../subscription-messages'
import { changeMessages } from '@/billing/change-messages'

/**
 * The form "Change seats" opens: a new total (never below the seats in use) goes into the cart,
 * then to the cart; fewer seats than bought are scheduled for the next renewal instead (nothing is
 * charged), where the gateway can (`scheduledChange` is known) and the subscription renews. An
 * admin without billing rights builds a change request the same way, then goes to Requests (fewer
 * seats are asked for at renewal there). Its own chunk: change-seats.tsx loads it after the first
 * render.
 */
export default function ChangeSeatsForm({
  subscription,
  formId,
  onClose,
}: {
  subscription: Subscription
  formId: string
  onClose: () => void
}) {
  const { seats } = subscription
  const t = subscriptionMessages.useT()
  const c = changeMessages.useT()
  const format = useFormat()
  const navigate = useNavigate()
  const cart = useCart()
  const requestDraft = useRequestDraft()
  const asks = useAsksForChanges()
  const { setItem } = asks ? requestDraft : cart
  const target = asks ? requestDraft.draft : cart.cart
  const [scheduling, setScheduling] = useState<number | null>(null)
  const inCart = target.items.find((item) => item.type === 'seats')?.seats
  const [value, setValue] = useState(String(inCart ?? seats.purchased))
  // Codes, not texts: a language switch re-words an error already on screen.
  const [error, setError] = useState<QuantityProblem | { code: 'seatsUnchanged' } | { code: 'cartLocked' }>()
  const quantityProblemText = useQuantityProblemText()
  const min = Math.max(1, seats.inUse)

  const canSchedule = !asks && schedulesAtRenewal(subscription)
  const schedules = canSchedule && Number(value) < seats.purchased

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const checked = checkSeats(value, seats.inUse)
    if (!checked.ok) {
      setError(checked.problem)
      return
    }
    const total = checked.value
    if (total === seats.purchased) {
      setError({ code: 'seatsUnchanged' })
      return
    }
    if (schedules) {
      setScheduling(total)
      return
    }
    if (!setItem({ type: 'seats', seats: total })) {
      setError({ code: 'cartLocked' })
      return
    }
    navigate(asks ? '/requests' : '/cart')
  }

  return scheduling !== null ? (
    <ScheduledChangeSlot
      subscription={subscription}
      seats={scheduling}
      plan={null}
      onDone={onClose}
      onCancel={() => setScheduling(null)}
    />
  ) : (
    <form id={formId} className="form change-seats-form" onSubmit={onSubmit} noValidate>
      <TextField
        label={c('newTotalSeats')}
        type="number"
        inputMode="numeric"
        name="seats"
        min={min}
        max={MAX_SEATS}
        step={1}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        hint={t('newSeatsHint', { min: format.number(min), purchased: format.number(seats.purchased) })}
        error={
          error === undefined
            ? undefined
            : error.code === 'seatsUnchanged'
              ? t('seatsUnchanged', { purchased: format.number(seats.purchased) })
              : error.code === 'cartLocked'
                ? t('cartLocked')
                : quantityProblemText(error)
        }
        autoFocus
        required
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {schedules ? t('continue') : c(asks ? 'addToRequest' : 'addToCart')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </form>
  )
}
