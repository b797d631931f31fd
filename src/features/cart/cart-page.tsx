import { useId, useMemo, useState } from 'react'
import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { CardBoundary } from '@/components/section-boundary'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useQuote } from './api/get-quote'
import { cartMessages } from './cart-messages'
import { useCart } from '@/billing/cart-store'
import { CartItems } from './components/cart-items'
import { CheckoutPanel } from './components/checkout-panel'
import { OrderConfirmation } from './components/order-confirmation'
import { OrderStatusNotice } from './components/order-status-notice'
import { QuoteBreakdown } from './components/quote-breakdown'
import { itemProblemsFrom } from './item-errors'
import { useOrderReconciliation } from './use-checkout'
import './cart.css'
import { pageNames } from '@/lib/i18n/page-names-messages'

export function CartPage() {
  const t = cartMessages.useT()
  const page = pageNames.useT()
  const { scope, cart, dismissLastOrder } = useCart()
  const quoteAvailability = useActionAvailability('cart.quote')
  const hasItems = cart.items.length > 0
  const quote = useQuote(cart.items, cart.promoCode, { enabled: hasItems && quoteAvailability.allowed })
  const check = useOrderReconciliation(scope, cart.pendingOrder)
  const problems = useMemo(() => itemProblemsFrom(quote.error, cart.items), [quote.error, cart.items])
  // A confirmation already there when the page opened is not news; one that appears while it is open is.
  const [orderOnArrival] = useState(cart.lastOrder?.orderId)

  return (
    <Page title={page('cart')} description={t('lead')}>
      {cart.pendingOrder ? <OrderStatusNotice pending={cart.pendingOrder} check={check} /> : null}
      {cart.lastOrder && !hasItems && !cart.pendingOrder ? (
        <OrderConfirmation
          order={cart.lastOrder}
          announce={cart.lastOrder.orderId !== orderOnArrival}
          onDismiss={dismissLastOrder}
        />
      ) : null}
      {/* Client-state sections: a render error stays in its card, the quote and the order stay usable. */}
      <CardBoundary title={t('itemsTitle')}>
        <CartItems problems={problems} />
      </CardBoundary>
      {hasItems ? (
        <>
          {quoteAvailability.allowed ? (
            <QuerySection section="cart.quote" title={t('quoteTitle')} query={quote}>
              {(data) => <QuoteBreakdown quote={data} />}
            </QuerySection>
          ) : (
            <QuoteNotAllowed reason={quoteAvailability.reason} />
          )}
          <CardBoundary title={t('checkoutTitle')}>
            <CheckoutPanel quote={quote} />
          </CardBoundary>
        </>
      ) : null}
    </Page>
  )
}

/** The quote's place when this admin may not ask for one: the section stays, with the reason. */
function QuoteNotAllowed({ reason }: { reason: string }) {
  const t = cartMessages.useT()
  const headingId = useId()
  return (
    <section className="card" aria-labelledby={headingId} data-section="cart.quote">
      <div className="card-header">
        <h2 id={headingId}>{t('quoteTitle')}</h2>
      </div>
      <p className="empty-state">{reason}</p>
    </section>
  )
}
