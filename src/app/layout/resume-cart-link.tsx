import { Link } from 'react-router-dom'
import { useCartItemCount } from '@/billing/cart-store'
import { bannerMessages } from './availability-banner-messages'

/**
 * When billing comes back, an admin with a cart is offered to pick up where they were. The cart
 * page prices it afresh: a price seen before the outage is never the one charged.
 */
export function ResumeCartLink() {
  const t = bannerMessages.useT()
  const count = useCartItemCount()
  if (count === 0) return null
  return (
    <Link className="button button-primary" to="/cart">
      {t('resumeCart', { count })}
    </Link>
  )
}
