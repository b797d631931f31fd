import type { UseQueryResult } from '@tanstack/react-query'
import { useId } from 'react'
import { ActionButton } from '@/components/action-button'
import type { Quote } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import { cartMessages } from '../cart-messages'
import { useCart } from '@/billing/cart-store'
import { usePlaceOrder } from '../use-checkout'
import { PromoCodeForm } from './promo-code-form'

/** Promo code and the order button. An order is placed only against a quote fetched just now. */
export function CheckoutPanel({ quote }: { quote: UseQueryResult<Quote> }) {
  const t = cartMessages.useT()
  const format = useFormat()
  const headingId = useId()
  const { scope, cart, locked } = useCart()
  const placeOrder = usePlaceOrder(scope)
  // Not while a price is being fetched, nor with a saved price whose refresh failed.
  const ready = quote.isSuccess && !quote.isFetching && !locked

  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{t('checkoutTitle')}</h2>
      </div>
      <PromoCodeForm quoteError={quote.error} />
      {ready ? <p className="checkout-total">{t('chargeNow', { total: format.money(quote.data.total) })}</p> : null}
      {!ready && !locked ? <p className="field-hint">{t('waitForQuote')}</p> : null}
      <div className="form-actions">
        <ActionButton
          action="cart.checkout"
          disabled={!ready}
          onClick={() => quote.data && void placeOrder(quote.data.id)}
        >
          {cart.pendingOrder?.status === 'submitting' ? t('placingOrder') : t('placeOrder')}
        </ActionButton>
      </div>
    </section>
  )
}
