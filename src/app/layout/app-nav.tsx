import { NavLink } from 'react-router-dom'
import { useCartItemCount } from '@/billing/cart-store'
import { useOpenRequestCount } from '@/billing/api/get-change-requests'
import { useCurrentUser } from '@/lib/session/current-user'
import { appMessages } from '../app-messages'
import { pageNames } from '@/lib/i18n/page-names-messages'

export function AppNav() {
  const t = appMessages.useT()
  const page = pageNames.useT()
  const cartCount = useCartItemCount()
  // Account admins ask for changes, billing admins decide (with the open ones counted); operators neither.
  const role = useCurrentUser().user.role
  const openRequests = useOpenRequestCount()
  const items = [
    { to: '/', label: page('subscription'), end: true },
    { to: '/plans', label: page('plans') },
    { to: '/cart', label: cartCount > 0 ? t('navCartCount', { count: cartCount }) : page('cart') },
    ...(role === 'operator'
      ? []
      : [{ to: '/requests', label: openRequests ? t('navRequestsCount', { count: openRequests }) : t('navRequests') }]),
    { to: '/invoices', label: page('invoices') },
    { to: '/payment-method', label: page('paymentMethod') },
    { to: '/billing-details', label: page('billingDetails') },
    { to: '/status', label: page('status') },
  ]
  return (
    <nav aria-label={t('mainNav')} className="app-nav">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
