/**
 * The saved query cache: what a reload during an outage shows at once, and what it must never
 * show (another account's data, another version's, an expired or invalid entry, payment data or
 * prices).
 */
import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, expect, test } from 'vitest'
import { retries } from '@/config/resilience'
import { CART_STORAGE_KEY, useCartStore, type Cart } from '@/billing/cart-store'
import { accountQueries } from '@/billing/api/get-account'
import { subscriptionQueries } from '@/billing/api/get-subscription'
import { billingStatusQueries } from '@/lib/availability/billing-status-query'
import { maxAgeMs } from '@/lib/persistence/persisted-cache'
import { sessionQueries } from '@/lib/session/session-queries'
import { server } from '../../mocks/node'
import { banners, errorAnswer, gate, requestsTo, sleep } from '../support/faults'
import { currentReport } from '../support/billing-status'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { ownerScope, saveCache, savedCacheText, type SavedEntry } from '../support/saved-cache'

beforeEach(async () => {
  await useCartStore.persist.rehydrate()
})

const section = async (name: string) => within(await screen.findByRole('region', { name }))
const tenMinutes = 10 * 60_000

/** A plan name that only the saved cache holds: seeing it means the saved entry was shown. */
const savedPlan = 'Professional (saved earlier)'

/** The owner's answers as the gateway gives them now (Acme). */
async function ownerAnswers() {
  const owner = await gatewayAs('owner')
  return {
    me: await owner.call('GET', '/me'),
    account: await owner.call<Record<string, unknown>>('GET', '/account'),
    subscription: await owner.call<{ plan: Record<string, unknown> }>('GET', '/subscription'),
  }
}

async function savedEntries({ subscription = {} }: { subscription?: Record<string, unknown> } = {}): Promise<
  SavedEntry[]
> {
  const answers = await ownerAnswers()
  const saved = answers.subscription
  return [
    { queryKey: sessionQueries.me().queryKey, data: answers.me },
    { queryKey: billingStatusQueries.current().queryKey, data: await currentReport() },
    { queryKey: accountQueries.detail().queryKey, data: answers.account, ageMs: tenMinutes },
    {
      queryKey: subscriptionQueries.detail().queryKey,
      data: { ...saved, plan: { ...saved.plan, name: savedPlan }, ...subscription },
      ageMs: tenMinutes,
    },
  ]
}

const providerDown = () => server.use(http.get('*/api/subscription', () => errorAnswer(503)))

test('with the provider down, a reload shows the saved subscription at once, then "Saved data as of …"', async () => {
  await saveCache(await savedEntries())
  const held = gate()
  server.use(
    http.get('*/api/subscription', async () => {
      await held.opened
      return errorAnswer(503)
    }),
  )
  const log = logRequests()
  await renderApp('/')

  // Shown while the provider has not answered yet.
  const overview = await section('Overview')
  expect(await overview.findByText(savedPlan)).toBeInTheDocument()
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
  expect(overview.queryByText('Loading…')).not.toBeInTheDocument()

  held.open()
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(
    await overview.findByText(
      /^Saved data as of .+ \(10 minutes ago\)\. Billing is unavailable right now\. We check again automatically\.$/,
    ),
  ).toBeInTheDocument()
  expect(overview.getByText(savedPlan)).toBeInTheDocument()
  expect(
    within(await screen.findByRole('region', { name: 'Add-ons' })).getByText(/^Saved data as of/),
  ).toBeInTheDocument()
})

test.each([
  { cache: 'of another account', options: { scope: 'usr_ana:acc_globex', currentScope: ownerScope } },
  { cache: 'of an older version of the app', options: { buster: '0.0.1:1' } },
  { cache: 'saved more than 24 hours ago', options: { savedAt: Date.now() - maxAgeMs - 60_000 } },
])('a saved cache $cache is not shown', async ({ options }) => {
  await saveCache(await savedEntries(), options)
  providerDown()
  await renderApp('/')

  const overview = await section('Overview')
  expect(await overview.findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(screen.queryByText(savedPlan)).not.toBeInTheDocument()
  expect(screen.queryByText(/^Saved data as of/)).not.toBeInTheDocument()
})

test('a saved entry that no longer matches the contract is dropped, and the valid entries are kept', async () => {
  const entries = await savedEntries({ subscription: { seats: { purchased: '25', inUse: 21 } } })
  const { account: acme } = await ownerAnswers()
  // A saved account named so that it can only have come from the saved cache.
  const account = { ...acme, name: 'Acme Support (saved)' }
  await saveCache([
    ...entries.filter((entry) => entry.queryKey[0] !== 'account'),
    { queryKey: accountQueries.detail().queryKey, data: account },
  ])
  providerDown()
  // The account is checked on load: hold its answer to see what the saved cache gave.
  const held = gate()
  server.use(
    http.get('*/api/account', async () => {
      await held.opened
      return HttpResponse.json(acme)
    }),
  )
  const log = logRequests()
  await renderApp('/')

  const accountSection = await section('Account')
  expect(await accountSection.findByText('Acme Support (saved)')).toBeInTheDocument()
  const overview = await section('Overview')
  expect(await overview.findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(screen.queryByText(savedPlan)).not.toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  expect(requestsTo(log, '/api/subscription')).toHaveLength(retries.maxRetries + 1)

  held.open()
  expect(await accountSection.findByText('Acme Support')).toBeInTheDocument()
  expect(requestsTo(log, '/api/account')).toHaveLength(1)
})

test('the payment method and price quotes are never written to the saved cache', async () => {
  const cart: Cart = {
    items: [{ type: 'seats', seats: 30 }],
    promoCode: null,
    pendingOrder: null,
    lastOrder: null,
    updatedAt: new Date().toISOString(),
  }
  localStorage.setItem(CART_STORAGE_KEY, JSON.stringify({ state: { carts: { [ownerScope]: cart } }, version: 1 }))
  await useCartStore.persist.rehydrate()
  // The quotes the gateway gives the page: none of them may be saved.
  const quoteIds: string[] = []
  server.events.on('response:mocked', ({ request, response }) => {
    if (request.method === 'POST' && new URL(request.url).pathname === '/api/quotes' && response.ok)
      void response
        .clone()
        .json()
        .then((quote: { id: string }) => quoteIds.push(quote.id))
  })
  const { user } = await renderApp('/payment-method')
  expect(await screen.findByText('•••• 4242')).toBeInTheDocument()
  await user.click(within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: /^Cart/ }))
  expect(await screen.findByText(/^You will be charged \$[\d,.]+ now\.$/)).toBeInTheDocument()
  // Later changes are written at most once a second (docs/decisions/028): past that.
  await sleep(1_300)

  const text = (await savedCacheText()) ?? ''
  const saved = JSON.parse(text) as { clientState: { queries: { queryKey: unknown[] }[] } }
  const roots = saved.clientState.queries.map((query) => query.queryKey[0])
  expect(roots).toEqual(expect.arrayContaining(['session', 'subscription', 'billing-status']))
  expect(roots).not.toContain('payment-method')
  expect(roots).not.toContain('cart')
  expect(text).not.toContain('4242')
  const [quoteId] = quoteIds
  expect(quoteId).toBeDefined()
  expect(text).not.toContain(quoteId)
})
