import { useId, useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import { ActionButton } from '@/components/action-button'
import { useCatalog } from '@/billing/api/get-catalog'
import { useSubscription } from '@/billing/api/get-subscription'
import { MAX_QUANTITY, MAX_SEATS } from '@/lib/api/contract-bounds'
import { useQuantityProblemText } from '@/billing/quantity-messages'
import { checkAddonQuantity, checkSeats, type QuantityProblem } from '@/billing/quantity-rules'
import type { OrderItem } from '@/lib/api/schemas'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { cartMessages } from '../cart-messages'
import { itemKey, useCart, type ItemKey } from '@/billing/cart-store'
import { useDescribeItem } from '@/billing/describe-change'
import type { ItemProblem } from '../item-errors'
import { changeMessages } from '@/billing/change-messages'

/**
 * The changes in the cart. Fed by the cart (client state), not by a query: it shows even when
 * billing is down, because nothing in it is lost in an outage.
 */
export function CartItems({ problems }: { problems: Map<ItemKey, ItemProblem> }) {
  const t = cartMessages.useT()
  const headingId = useId()
  const { cart, locked } = useCart()
  const edit = useActionAvailability('cart.edit')

  return (
    <section className="card" aria-labelledby={headingId} data-section="cart.items">
      <div className="card-header">
        <h2 id={headingId}>{t('itemsTitle')}</h2>
      </div>
      {cart.items.length === 0 ? (
        <div className="empty-state cart-empty">
          <p>{t('emptyCart')}</p>
          <ul>
            <li>
              <Link to="/">{t('emptyToSubscription')}</Link>
            </li>
            <li>
              <Link to="/plans">{t('emptyToPlans')}</Link>
            </li>
          </ul>
        </div>
      ) : (
        <>
          {!edit.allowed ? <p className="action-reason">{edit.reason}</p> : null}
          {locked ? <p className="action-reason">{t('itemsLocked')}</p> : null}
          <table className="cart-items" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{t('columnChange')}</th>
                <th scope="col">{t('columnQuantity')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('columnActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cart.items.map((item) => (
                <CartItemRow
                  key={itemKey(item)}
                  item={item}
                  problem={problems.get(itemKey(item))}
                  readOnly={locked || !edit.allowed}
                />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

function CartItemRow({
  item,
  problem,
  readOnly,
}: {
  item: OrderItem
  problem: ItemProblem | undefined
  readOnly: boolean
}) {
  const t = cartMessages.useT()
  const describeItem = useDescribeItem()
  const { removeItem, locked } = useCart()
  const { data: subscription } = useSubscription()
  const description = describeItem(item)
  const problemId = useId()
  const quantityProblemText = useQuantityProblemText()
  const problemText =
    problem === 'seatsBelowInUse'
      ? quantityProblemText({ code: 'seatsBelowInUse', inUse: subscription?.seats.inUse ?? 1 })
      : problem === 'addonQuantity'
        ? t('addonQuantityProblem')
        : problem === 'invalid'
          ? t('itemInvalid')
          : null

  return (
    <tr>
      <th scope="row">
        <span className="cart-item-description">{description}</span>
        {problemText ? (
          <span id={problemId} className="field-error cart-item-problem">
            {problemText}
          </span>
        ) : null}
      </th>
      <td>
        {item.type === 'plan' ? (
          <span aria-hidden="true">—</span>
        ) : (
          <QuantityEditor item={item} readOnly={readOnly} describedBy={problemText ? problemId : undefined} />
        )}
      </td>
      <td className="cart-item-actions">
        <ActionButton
          action="cart.edit"
          variant="secondary"
          hideReason
          disabled={locked}
          onClick={() => removeItem(itemKey(item))}
        >
          {t('remove')}
          <span className="visually-hidden"> ({description})</span>
        </ActionButton>
      </td>
    </tr>
  )
}

type QuantityItem = Extract<OrderItem, { type: 'seats' | 'addon' }>

/** Edits a quantity in place; it is committed on Enter or leaving the field, so the quote is not re-asked per keystroke. */
function QuantityEditor({
  item,
  readOnly,
  describedBy,
}: {
  item: QuantityItem
  readOnly: boolean
  describedBy: string | undefined
}) {
  const c = changeMessages.useT()
  const { setItem } = useCart()
  const { data: subscription } = useSubscription()
  const { data: catalog } = useCatalog()
  const errorId = useId()
  const current = item.type === 'seats' ? item.seats : item.quantity
  const [draft, setDraft] = useState<string | null>(null)
  // A code, not a text: a language switch re-words an error already on screen.
  const [error, setError] = useState<QuantityProblem | null>(null)
  const quantityProblemText = useQuantityProblemText()

  const addonName =
    item.type === 'addon' ? (catalog?.addons.find((addon) => addon.id === item.addonId)?.name ?? item.addonId) : ''
  const min = item.type === 'seats' ? Math.max(1, subscription?.seats.inUse ?? 1) : 0
  const max =
    item.type === 'seats'
      ? MAX_SEATS
      : (catalog?.addons.find((addon) => addon.id === item.addonId)?.maxQuantity ?? MAX_QUANTITY)

  const commit = (event?: FormEvent) => {
    event?.preventDefault()
    if (draft === null) return
    const checked =
      item.type === 'seats' ? checkSeats(draft, subscription?.seats.inUse) : checkAddonQuantity(draft, { min, max })
    if (!checked.ok) {
      setError(checked.problem)
      return
    }
    const value = checked.value
    setError(null)
    setDraft(null)
    if (value !== current)
      setItem(item.type === 'seats' ? { type: 'seats', seats: value } : { ...item, quantity: value })
  }

  const describedByIds = [error ? errorId : null, describedBy ?? null].filter(Boolean).join(' ') || undefined
  return (
    <form className="cart-quantity" onSubmit={commit} noValidate>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={draft ?? String(current)}
        disabled={readOnly}
        aria-label={item.type === 'seats' ? c('newTotalSeats') : c('newQuantityOf', { name: addonName })}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByIds}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => commit()}
      />
      {error ? (
        <span id={errorId} className="field-error">
          {quantityProblemText(error)}
        </span>
      ) : null}
    </form>
  )
}
