import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router-dom'
import { SignedInLayout } from './layout/signed-in-layout'
import { NotFoundPage } from './not-found-page'
import { RouteError } from './route-error'
import { appMessages } from './app-messages'

/** Shown while the first page's code loads (React Router warns when a lazy first route has none). */
function RouteLoading() {
  const t = appMessages.useT()
  return (
    <p role="status" className="app-loading">
      {t('loadingApp')}
    </p>
  )
}

/** Each page is its own chunk, so the first page loads only what it needs. */
const routes: RouteObject[] = [
  {
    path: '/sign-in',
    lazy: () => import('@/features/session/sign-in-page').then((m) => ({ Component: m.SignInPage })),
    errorElement: <RouteError />,
    hydrateFallbackElement: <RouteLoading />,
  },
  {
    path: '/',
    element: <SignedInLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <RouteLoading />,
    children: [
      { index: true, lazy: () => import('@/features/subscription/subscription-page').then((m) => ({ Component: m.SubscriptionPage })) },
      { path: 'plans', lazy: () => import('@/features/catalog/catalog-page').then((m) => ({ Component: m.CatalogPage })) },
      { path: 'cart', lazy: () => import('@/features/cart/cart-page').then((m) => ({ Component: m.CartPage })) },
      { path: 'invoices', lazy: () => import('@/features/invoices/invoices-page').then((m) => ({ Component: m.InvoicesPage })) },
      {
        path: 'invoices/:invoiceId',
        lazy: () => import('@/features/invoices/invoice-detail-page').then((m) => ({ Component: m.InvoiceDetailPage })),
      },
      { path: 'payment-method', lazy: () => import('@/features/payment/payment-page').then((m) => ({ Component: m.PaymentPage })) },
      {
        path: 'billing-details',
        lazy: () => import('@/features/billing-details/billing-details-page').then((m) => ({ Component: m.BillingDetailsPage })),
      },
      { path: 'requests', lazy: () => import('@/features/requests/requests-page').then((m) => ({ Component: m.RequestsPage })) },
      { path: 'status', lazy: () => import('@/features/status/status-page').then((m) => ({ Component: m.StatusPage })) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  // Development and demo builds only: the provider's hosted payment page, simulated.
  ...(__MOCKS__
    ? [{ path: '/__mock/hosted-payment', hydrateFallbackElement: <RouteLoading />, lazy: () => import('@/dev/hosted-payment-page').then((m) => ({ Component: m.HostedPaymentPage })) }]
    : []),
]

/** The browser router in the app; a memory router when a test gives the starting path. */
export function createAppRouter(initialPath?: string) {
  return initialPath === undefined ? createBrowserRouter(routes) : createMemoryRouter(routes, { initialEntries: [initialPath] })
}
