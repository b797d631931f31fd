import { useId, useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router-dom'
import { ActionButton } from '@/components/action-button'
import { TextField } from '@/components/field'
import { useCart } from '@/billing/cart-store'
import { MAX_SEATS } from '@/lib/api/contract-bounds'
import type { Subscription } from '@/lib/api/schemas'
import { useAsksForChanges, useRequestDraft } from '@/billing/request-draft-store'
import { useFormat } from '@/lib/i18n/format'
import { subscriptionMessages } from '../subscription-messages'

/**
 * "Change seats": a new total (never below the seats in use) goes into the cart, then to the cart.
 * An admin without billing rights builds a change request the same way, then goes to Requests.
 */
export function ChangeSeats({ seats }: { seats: Subscription['seats'] }) {
  const t = subscriptionMessages.useT()
  const format = useFormat()
  const navigate = useNavigate()
  const cart = useCart()
  const requestDraft = useRequestDraft()
  const asks = useAsksForChanges()
  const { setItem } = asks ? requestDraft : cart
  const target = asks ? requestDraft.draft : cart.cart
  const toggleId = useId()
  const formId = useId()
  const [open, setOpen] = useState(false)
  const inCart = target.items.find((item) => item.type === 'seats')?.seats
  const [value, setValue] = useState(String(inCart ?? seats.purchased))
  const [error, setError] = useState<string>()
  const min = Math.max(1, seats.inUse)

  const close = () => {
    setOpen(false)
    setError(undefined)
    document.getElementById(toggleId)?.focus()
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const total = Number(value)
    const problem =
      value.trim() === '' || !Number.isInteger(total)
        ? t('wholeNumber')
        : total < min
          ? t('seatsBelowInUse', { min: format.number(min) })
          : total > MAX_SEATS
            ? t('seatsTooMany', { max: format.number(MAX_SEATS) })
            : total === seats.purchased
              ? t('seatsUnchanged', { purchased: format.number(seats.purchased) })
              : null
    if (problem) {
      setError(problem)
      return
    }
    if (!setItem({ type: 'seats', seats: total })) {
      setError(t('cartLocked'))
      return
    }
    navigate(asks ? '/requests' : '/cart')
  }

  return (
    <div className="change-seats">
      <ActionButton
        action={asks ? 'requests.ask' : 'subscription.changeSeats'}
        id={toggleId}
        variant={open ? 'secondary' : 'primary'}
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('changeSeats')}
      </ActionButton>
      {open ? (
        <form id={formId} className="form change-seats-form" onSubmit={onSubmit} noValidate>
          <TextField
            label={t('newSeats')}
            type="number"
            inputMode="numeric"
            name="seats"
            min={min}
            max={MAX_SEATS}
            step={1}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            hint={t('newSeatsHint', { min: format.number(min), purchased: format.number(seats.purchased) })}
            error={error}
            autoFocus
            required
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              {asks ? t('addToRequest') : t('addToCart')}
            </button>
            <button type="button" className="button button-secondary" onClick={close}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  )
}
