import { useId, useState, type FormEvent } from 'react'
import { ActionButton } from '@/components/action-button'
import { TextField } from '@/components/field'
import type { Addon, Subscription } from '@/lib/api/schemas'
import { useAsksForChanges } from '@/billing/request-draft-store'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useFormat } from '@/lib/i18n/format'
import { catalogMessages } from '../catalog-messages'
import { useChangeBasket } from '../use-change-basket'
import type { AddedNotice } from './added-notice'
import { useQuantityProblemText } from '@/billing/quantity-messages'
import { checkAddonQuantity, type QuantityProblem } from '@/billing/quantity-rules'
import { changeMessages } from '@/billing/change-messages'

const unitText = { seat: 'perUnitSeatMonth', pack: 'perUnitPackMonth', account: 'perUnitAccountMonth' } as const

/** Add-ons on sale, each with what the subscription has and a quantity to put in the cart. */
export function AddonList({
  addons,
  subscription,
  onAdded,
}: {
  addons: Addon[]
  /** Unknown while the provider is down: the cards then do not say what is owned. */
  subscription: Subscription | undefined
  onAdded: (notice: AddedNotice) => void
}) {
  const availability = useActionAvailability(useAsksForChanges() ? 'requests.ask' : 'cart.edit')
  return (
    <>
      {!availability.allowed ? <p className="action-reason">{availability.reason}</p> : null}
      <ul className="grid catalog-list">
        {addons.map((addon) => (
          <li key={addon.id}>
            <AddonCard
              addon={addon}
              owned={subscription ? (subscription.addons.find((a) => a.id === addon.id)?.quantity ?? 0) : undefined}
              onAdded={onAdded}
            />
          </li>
        ))}
      </ul>
    </>
  )
}

/** Big limits are no news; a small one (a single sandbox) is worth saying. */
const SHOW_LIMIT_UP_TO = 1_000

function AddonCard({
  addon,
  owned,
  onAdded,
}: {
  addon: Addon
  owned: number | undefined
  onAdded: (notice: AddedNotice) => void
}) {
  const t = catalogMessages.useT()
  const c = changeMessages.useT()
  const format = useFormat()
  const headingId = useId()
  const { asks, items, setItem, removeItem } = useChangeBasket()
  const inCart = items.find((item) => item.type === 'addon' && item.addonId === addon.id)
  const inCartQuantity = inCart?.type === 'addon' ? inCart.quantity : undefined
  const [draft, setDraft] = useState<string | null>(null)
  // Codes, not texts: a language switch re-words an error already on screen.
  const [error, setError] = useState<QuantityProblem | { code: 'alreadyHave'; quantity: number }>()
  const quantityProblemText = useQuantityProblemText()
  const value = draft ?? String(inCartQuantity ?? (owned ? owned : 1))

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const checked = checkAddonQuantity(value, { min: owned ? 0 : 1, max: addon.maxQuantity })
    if (!checked.ok) {
      setError(checked.problem)
      return
    }
    const quantity = checked.value
    if (quantity === owned && inCartQuantity === undefined) {
      setError({ code: 'alreadyHave', quantity })
      return
    }
    setError(undefined)
    setDraft(null)
    if (quantity === owned) {
      // Back to what the subscription has: the change leaves the cart.
      removeItem(`addon:${addon.id}`)
      onAdded({
        tone: 'success',
        text: t(asks ? 'addonBackToCurrentRequest' : 'addonBackToCurrent', {
          name: addon.name,
          quantity: format.number(quantity),
        }),
        request: asks,
      })
      return
    }
    const added = setItem({ type: 'addon', addonId: addon.id, quantity })
    onAdded(
      !added
        ? { tone: 'warning', text: t('cartLocked') }
        : quantity === 0
          ? {
              tone: 'success',
              text: t(asks ? 'addonRemovalAddedToRequest' : 'addonRemovalAdded', { name: addon.name }),
              request: asks,
            }
          : {
              tone: 'success',
              text: t(asks ? 'addonAddedToRequest' : 'addonAdded', {
                name: addon.name,
                quantity: format.number(quantity),
              }),
              request: asks,
            },
    )
  }

  const standing = [
    owned === undefined ? null : owned > 0 ? t('owned', { quantity: format.number(owned) }) : t('notOwned'),
    inCartQuantity === undefined
      ? null
      : t(asks ? 'inRequestQuantity' : 'inCartQuantity', { quantity: format.number(inCartQuantity) }),
  ]
    .filter(Boolean)
    .join(' ')
  const hint = [
    owned ? t('quantityHintOwned') : t('quantityHint'),
    addon.maxQuantity <= SHOW_LIMIT_UP_TO ? t('upTo', { max: format.number(addon.maxQuantity) }) : null,
  ]
    .filter(Boolean)
    .join(' ')

  return (
    <article className="catalog-card" aria-labelledby={headingId}>
      <div className="catalog-card-header">
        <h3 id={headingId}>{addon.name}</h3>
        {inCartQuantity !== undefined ? <span className="badge">{t(asks ? 'inRequest' : 'inCart')}</span> : null}
      </div>
      <p>{addon.description}</p>
      <p className="catalog-price">
        <span className="catalog-price-amount">{format.money(addon.unitPrice)}</span> {t(unitText[addon.unit])}
      </p>
      {standing ? <p className="catalog-owned">{standing}</p> : null}
      <form className="catalog-addon-form" onSubmit={onSubmit} noValidate>
        <TextField
          label={c('newQuantityOf', { name: addon.name })}
          type="number"
          inputMode="numeric"
          min={owned ? 0 : 1}
          max={addon.maxQuantity}
          step={1}
          value={value}
          onChange={(event) => setDraft(event.target.value)}
          hint={hint}
          error={
            error === undefined
              ? undefined
              : error.code === 'alreadyHave'
                ? t('alreadyHave', { quantity: format.number(error.quantity) })
                : quantityProblemText(error)
          }
        />
        <ActionButton action={asks ? 'requests.ask' : 'cart.edit'} type="submit" hideReason>
          {c(asks ? 'addToRequest' : 'addToCart')}
          <span className="visually-hidden"> ({addon.name})</span>
        </ActionButton>
      </form>
    </article>
  )
}
