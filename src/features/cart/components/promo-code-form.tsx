import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { ActionButton } from '@/components/action-button'
import { TextField } from '@/components/field'
import { useDescribeError } from '@/lib/api/describe-error'
import { isApiError } from '@/lib/api/errors'
import { cartMessages } from '../cart-messages'
import { useCart } from '@/billing/cart-store'
import { cartQueries } from '../api/get-quote'

/** The provider refused the promo code itself (its 422 names the field). */
const isPromoRefusal = (error: unknown) =>
  isApiError(error) && error.status === 422 && error.fields?.promoCode !== undefined

/**
 * A code is applied only once the provider has priced the cart with it, so an unknown code shows
 * as a field error and the quote on screen stays the valid one.
 */
export function PromoCodeForm({ quoteError }: { quoteError: unknown }) {
  const t = cartMessages.useT()
  const describeError = useDescribeError()
  const queryClient = useQueryClient()
  const { cart, locked, setPromoCode } = useCart()
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string>()
  const [checking, setChecking] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)

  if (cart.promoCode !== null) {
    return (
      <div className="promo-applied">
        <p>{t('promoApplied', { code: cart.promoCode })}</p>
        {isPromoRefusal(quoteError) ? (
          <p className="field-error" role="alert">
            {t('promoNoLonger', { code: cart.promoCode })}
          </p>
        ) : null}
        <ActionButton
          action="cart.edit"
          variant="secondary"
          hideReason
          disabled={locked}
          onClick={() => setPromoCode(null)}
        >
          {t('promoRemove')}
        </ActionButton>
      </div>
    )
  }

  // Back to the field, so that its error (tied to it) is read out.
  const focusField = () => {
    const field = formRef.current?.elements.namedItem('promoCode')
    if (field instanceof HTMLInputElement) field.focus()
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (checking) return
    const code = draft.trim().toUpperCase()
    if (code === '') {
      setError(t('promoRequired'))
      focusField()
      return
    }
    setChecking(true)
    setError(undefined)
    try {
      const quote = await queryClient.fetchQuery(cartQueries.quote(cart.items, code))
      setPromoCode(quote.promoCode ?? code)
      setDraft('')
    } catch (failure) {
      setError(isPromoRefusal(failure) ? t('promoInvalid') : describeError(failure))
      focusField()
    } finally {
      setChecking(false)
    }
  }

  return (
    <form ref={formRef} className="promo-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <TextField
        label={t('promoLabel')}
        name="promoCode"
        autoComplete="off"
        autoCapitalize="characters"
        maxLength={40}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        error={error}
        disabled={locked}
      />
      <ActionButton action="cart.edit" type="submit" variant="secondary" hideReason disabled={checking || locked}>
        {checking ? t('promoChecking') : t('promoApply')}
      </ActionButton>
    </form>
  )
}
