import { NavLink } from 'react-router-dom'
import { useCartItemCount } from '@/billing/cart-store'
import { useOpenRequestCount } from '@/features/requests/api/get-change-requests'
import { useCurrentUser } from '@/lib/session/current-user'
import { appMessages } from '../app-messages'

export function AppNav() {
  const t = appMessages.useT()
  const cartCount = useCartItemCount()
  // Account admins ask for changes, billing admins decide (with the open ones counted); operators neither.
  const role = useCurrentUser().user.role
  const openRequests = useOpenRequestCount()
  const items = [
    { to: '/', label: t('navSubscription'), end: true },
    { to: '/plans', label: t('navPlans') },
    { to: '/cart', label: cartCount > 0 ? t('navCartCount', { count: cartCount }) : t('navCart') },
    ...(role === 'operator'
      ? []
      : [{ to: '/requests', label: openRequests ? t('navRequestsCount', { count: openRequests }) : t('navRequests') }]),
    { to: '/invoices', label: t('navInvoices') },
    { to: '/payment-method', label: t('navPayment') },
    { to: '/billing-details', label: t('navBillingDetails') },
    { to: '/status', label: t('navStatus') },
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
