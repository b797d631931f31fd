import { useEffect, useId, useRef } from 'react'
import { Link } from 'react-router-dom'
import { useFormat } from '@/lib/i18n/format'
import { cartMessages } from '../cart-messages'
import type { LastOrder } from '@/billing/cart-store'

/** The order went through. `announce`: it just happened, so focus moves here for keyboard and screen-reader users. */
export function OrderConfirmation({
  order,
  announce,
  onDismiss,
}: {
  order: LastOrder
  announce: boolean
  onDismiss: () => void
}) {
  const t = cartMessages.useT()
  const format = useFormat()
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    if (announce) headingRef.current?.focus()
  }, [announce, order.orderId])

  return (
    <section className="card order-confirmation" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('confirmationTitle')}
      </h2>
      <p>{t('confirmationBody', { orderId: order.orderId, total: format.money(order.total) })}</p>
      <p className="field-hint">{t('confirmationPlacedAt', { time: format.dateTime(order.placedAt) })}</p>
      <div className="form-actions">
        {order.invoiceId ? (
          <Link className="button button-primary" to={`/invoices/${encodeURIComponent(order.invoiceId)}`}>
            {t('viewInvoice')}
          </Link>
        ) : null}
        <Link className="button button-secondary" to="/">
          {t('backToSubscription')}
        </Link>
        <button type="button" className="button button-secondary" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      </div>
    </section>
  )
}
