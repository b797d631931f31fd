/**
 * Issue 10: a generic OpenAPI mock fed docs/openapi.json answered schema-valid but random data, and
 * pages crashed. Here every page is rendered, run after run, with every endpoint it calls answering
 * random values generated from the contract's own schemas (tests/support/arbitrary-from-zod.ts),
 * in either language. Valid data must render: no route crash, no section showing that it could not
 * be shown, and the page's heading. A failure prints its seed and path; replay it with
 * `VALID_DATA_SEED=<seed> npx vitest run tests/integration/valid-data-never-crashes.test.tsx`.
 */
import { cleanup, screen, waitFor } from '@testing-library/react'
import fc from 'fast-check'
import { http, HttpResponse } from 'msw'
import { expect, test } from 'vitest'
import { appMessages } from '@/app/app-messages'
import { sectionBoundaryMessages } from '@/components/section-boundary-messages'
import { itemKey } from '@/billing/cart-store'
import { invoicesMessages } from '@/features/invoices/invoices-messages'
import { endpoints, type EndpointName } from '@/lib/api/contract'
import {
  orderItemSchema,
  type BillingStatus,
  type OrderItem,
  type Capability,
  type Invoice,
  type Locale,
} from '@/lib/api/schemas'
import { commonMessages } from '@/lib/i18n/common-messages'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { requestsMessages } from '@/features/requests/requests-messages'
import { simulatedApiBase } from '../../mocks/api-base'
import { server } from '../../mocks/node'
import { arbitraryFrom } from '../support/arbitrary-from-zod'
import { demoUsers, renderApp } from '../support/render-app'
import { logRequests, type LoggedRequest } from '../support/request-log'
import { OWNER_CART, storeCart } from '../support/saved-cart'
import { pageNames } from '@/lib/i18n/page-names-messages'

const seed = Number(process.env.VALID_DATA_SEED ?? 20_261_130)
const numRuns = 15

/** The endpoints a page reads its data from (who is signed in stays the billing gateway's). */
const answered = [
  'getAccount',
  'getBillingStatus',
  'getCatalog',
  'getAlerts',
  'getSubscription',
  'createQuote',
  'getOrderByKey',
  'getInvoices',
  'getInvoice',
  'getPaymentMethod',
  'getBillingDetails',
  'listChangeRequests',
] as const satisfies readonly EndpointName[]

const answers = fc.record(
  Object.fromEntries(answered.map((name) => [name, arbitraryFrom(endpoints[name].response)])) as {
    [N in (typeof answered)[number]]: fc.Arbitrary<unknown>
  },
)

/** Each endpoint answers the same random value for the whole run, as a server would between two changes. */
function answerWith(values: Record<(typeof answered)[number], unknown>): void {
  server.use(
    ...answered.map((name) => {
      const { method, path } = endpoints[name]
      const route = `${simulatedApiBase}${path.replace(/\{(\w+)\}/g, ':$1')}`
      const resolve = () => HttpResponse.json(values[name] as never)
      return method === 'POST' ? http.post(route, resolve) : http.get(route, resolve)
    }),
  )
}

const reportedDown = (status: BillingStatus, capability: Capability) =>
  status.components.some((component) => component.capability === capability && component.status === 'down')

type PageCase = {
  path: string
  as?: keyof typeof demoUsers
  heading: (locale: Locale, values: Record<string, unknown>) => string | RegExp
}

const pages: PageCase[] = [
  { path: '/', heading: (locale) => pageNames.messages[locale].subscription },
  { path: '/plans', heading: (locale) => pageNames.messages[locale].plans },
  { path: '/cart', heading: (locale) => pageNames.messages[locale].cart },
  { path: '/invoices', heading: (locale) => pageNames.messages[locale].invoices },
  {
    path: '/invoices/inv_random',
    // Named after the invoice, unless the status report says invoices are down: then the app does not ask for it.
    heading: (locale, values) =>
      reportedDown(values.getBillingStatus as BillingStatus, 'invoices')
        ? invoicesMessages.messages[locale].detailTitleLoading
        : invoicesMessages.messages[locale].detailTitle.replace('{number}', (values.getInvoice as Invoice).number),
  },
  { path: '/payment-method', heading: (locale) => pageNames.messages[locale].paymentMethod },
  { path: '/billing-details', heading: (locale) => pageNames.messages[locale].billingDetails },
  // As an operator, so that the alerts section is fed too.
  { path: '/status', as: 'operator', heading: (locale) => pageNames.messages[locale].status },
  // Change requests: a billing admin decides (each request checked against the subscription), an admin asks.
  { path: '/requests', heading: (locale) => requestsMessages.messages[locale].title },
  { path: '/requests', as: 'viewer', heading: (locale) => requestsMessages.messages[locale].title },
]

// The cart holds one change of each kind at most: random ones, so that a quote is asked for.
const cartItems = fc.uniqueArray(arbitraryFrom(orderItemSchema), { minLength: 1, maxLength: 3, selector: itemKey })

/** The most times one endpoint was asked during the run: a timer that fires at once asks in a loop. */
function mostAskedOfOneEndpoint(log: LoggedRequest[]): number {
  const counts = new Map<string, number>()
  for (const request of log)
    counts.set(`${request.method} ${request.path}`, (counts.get(`${request.method} ${request.path}`) ?? 0) + 1)
  return Math.max(0, ...counts.values())
}

/** The owner's cart as an earlier visit left it in storage, read back as on load. */
const storeOwnerCart = (items: OrderItem[]) => storeCart(OWNER_CART, items)

test.each(pages)(
  '$path renders any valid answers without a crash',
  async (page) => {
    await fc.assert(
      fc.asyncProperty(answers, cartItems, fc.constantFrom<Locale>('en', 'pt-BR'), async (values, items, locale) => {
        try {
          answerWith(values)
          useLocaleStore.setState({ locale })
          await storeOwnerCart(page.path === '/cart' ? items : [])
          const log = logRequests()
          await renderApp(page.path, { as: page.as ?? 'owner' })

          const heading = page.heading(locale, values)
          expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument()
          // Every section has its answer (or its own reason not to ask): nothing is loading any more.
          await waitFor(() => expect(screen.queryAllByText(commonMessages.messages[locale].loading)).toHaveLength(0))
          expect(screen.queryByText(appMessages.messages[locale].routeErrorTitle)).not.toBeInTheDocument()
          expect(screen.queryByText(sectionBoundaryMessages.messages[locale].sectionFailedLead)).not.toBeInTheDocument()
          expect(screen.getByRole('heading', { level: 1 })).toHaveAccessibleName(heading)
          // A moment for a timer that fires at once (a delay past 2^31 - 1 ms) to show itself as a loop.
          await new Promise((resolve) => setTimeout(resolve, 50))
          expect(mostAskedOfOneEndpoint(log)).toBeLessThanOrEqual(5)
        } finally {
          // One render per run: the next run starts from nothing, as a new visit would.
          cleanup()
          server.resetHandlers()
          server.events.removeAllListeners()
          localStorage.clear()
          sessionStorage.clear()
        }
      }),
      { seed, numRuns, endOnFailure: true },
    )
  },
  120_000,
)
