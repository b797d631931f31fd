import { Suspense, useEffect, useState } from 'react'
import {
  BrowserRouter,
  MemoryRouter,
  matchRoutes,
  useLocation,
  useRoutes,
  type Location,
  type RouteObject,
} from 'react-router-dom'
import { SignedInLayout } from './layout/signed-in-layout'
import { NotFoundPage } from './not-found-page'
import { RouteErrorBoundary } from './route-error-boundary'
import { appMessages } from './app-messages'
import { lazyPage, type LazyPage } from './lazy-page'

/** Shown while the opening page's code loads. */
function RouteLoading() {
  const t = appMessages.useT()
  return (
    <p role="status" className="app-loading">
      {t('loadingApp')}
    </p>
  )
}

/** Each page is its own chunk, so the first page loads only what it needs. */
const pages = {
  signIn: lazyPage(() => import('@/features/session/sign-in-page').then((m) => m.SignInPage)),
  subscription: lazyPage(() => import('@/features/subscription/subscription-page').then((m) => m.SubscriptionPage)),
  catalog: lazyPage(() => import('@/features/catalog/catalog-page').then((m) => m.CatalogPage)),
  cart: lazyPage(() => import('@/features/cart/cart-page').then((m) => m.CartPage)),
  invoices: lazyPage(() => import('@/features/invoices/invoices-page').then((m) => m.InvoicesPage)),
  invoiceDetail: lazyPage(() => import('@/features/invoices/invoice-detail-page').then((m) => m.InvoiceDetailPage)),
  payment: lazyPage(() => import('@/features/payment/payment-page').then((m) => m.PaymentPage)),
  billingDetails: lazyPage(() =>
    import('@/features/billing-details/billing-details-page').then((m) => m.BillingDetailsPage),
  ),
  requests: lazyPage(() => import('@/features/requests/requests-page').then((m) => m.RequestsPage)),
  status: lazyPage(() => import('@/features/status/status-page').then((m) => m.StatusPage)),
}

/** A route showing a lazy page; `handle` lets AppRoutes fetch its code before showing it. */
const pageRoute = (page: LazyPage, route: { path?: string; index?: true }): RouteObject => ({
  ...route,
  element: <page.Page />,
  handle: page,
})

/**
 * React Router's declarative mode (BrowserRouter and useRoutes), not its data router: the app
 * uses no loaders, actions or fetchers, and the data router's code was a sixth of the first
 * page's JavaScript (docs/performance.md, "First page JavaScript").
 */
const routes: RouteObject[] = [
  pageRoute(pages.signIn, { path: '/sign-in' }),
  {
    path: '/',
    element: <SignedInLayout />,
    children: [
      pageRoute(pages.subscription, { index: true }),
      pageRoute(pages.catalog, { path: 'plans' }),
      pageRoute(pages.cart, { path: 'cart' }),
      pageRoute(pages.invoices, { path: 'invoices' }),
      pageRoute(pages.invoiceDetail, { path: 'invoices/:invoiceId' }),
      pageRoute(pages.payment, { path: 'payment-method' }),
      pageRoute(pages.billingDetails, { path: 'billing-details' }),
      pageRoute(pages.requests, { path: 'requests' }),
      pageRoute(pages.status, { path: 'status' }),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]

/** The lazy pages an address shows (none for the not-found page). */
const pagesAt = (pathname: string) =>
  (matchRoutes(routes, pathname) ?? []).flatMap(({ route }) => (route.handle ? [route.handle as LazyPage] : []))

/** Fetches the code of the pages at an address; settles either way (a failure shows as RouteError once rendered). */
export const preloadPagesAt = (pathname: string) => Promise.allSettled(pagesAt(pathname).map((page) => page.preload()))

/**
 * As React Router's data router did with lazy routes: a new address is shown once its page's code
 * is here, and the page shown until then stays; the opening address shows RouteLoading until then.
 * Pages therefore never suspend (which would also hide the frame behind the Suspense fallback).
 */
function AppRoutes() {
  const location = useLocation()
  const [shown, setShown] = useState<Location | null>(null)
  const ready = shown === location || pagesAt(location.pathname).every((page) => page.isLoaded())
  if (ready && shown !== location) setShown(location)
  useEffect(() => {
    if (ready) return
    let current = true
    void preloadPagesAt(location.pathname).then(() => current && setShown(location))
    return () => {
      current = false
    }
  }, [ready, location])
  const routed = useRoutes(routes, ready ? location : (shown ?? location))
  return ready || shown ? routed : <RouteLoading />
}

/** The browser's router in the app; a memory router when a test gives the starting path. */
export function AppRouter({ initialPath }: { initialPath?: string }) {
  const routed = (
    <RouteErrorBoundary>
      <Suspense fallback={<RouteLoading />}>
        <AppRoutes />
      </Suspense>
    </RouteErrorBoundary>
  )
  return initialPath === undefined ? (
    <BrowserRouter>{routed}</BrowserRouter>
  ) : (
    <MemoryRouter initialEntries={[initialPath]}>{routed}</MemoryRouter>
  )
}
