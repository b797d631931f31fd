/**
 * The circuit breakers, seen from the admin's side: one per provider capability, opened by five
 * consecutive failures, and while open nothing of that capability leaves the browser.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, expect, test } from 'vitest'
import { retries } from '@/config/resilience'
import { server } from '../../mocks/node'
import {
  advanceWallClock,
  banners,
  errorAnswer,
  reasons,
  requestsTo,
  returnToTab,
  stopWallClock,
  watchBanners,
} from '../support/faults'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { loadSavedCarts, OWNER_CART, storeCart } from '../support/saved-cart'

// The cart store lives as long as the test file: start each test from what storage holds.
beforeEach(loadSavedCarts)

const section = async (name: string) => within(await screen.findByRole('region', { name }))
const nav = () => within(screen.getByRole('navigation', { name: 'Billing' }))

const storeSeatChange = (seats: number) => storeCart(OWNER_CART, [{ type: 'seats', seats }])

test('once the subscription breaker is open nothing of it leaves the browser, while invoices, payment and billing details keep working', async () => {
  await storeSeatChange(30)
  server.use(
    http.get('*/api/subscription', () => errorAnswer(503)),
    http.post('*/api/quotes', () => errorAnswer(503)),
  )
  const log = logRequests()
  const { user } = await renderApp('/')

  expect(await screen.findByText(banners.autoMaintenance, {}, { timeout: 8_000 })).toBeInTheDocument()
  expect(requestsTo(log, '/api/subscription')).toHaveLength(retries.maxRetries + 1)
  // The probe wait (4–8 s of wall clock) does not end during this test: any request counted from
  // here on is one the open breaker failed to hold back.
  stopWallClock()
  const opened = log.length

  // Invoices have their own breaker: they load.
  await user.click(nav().getByRole('link', { name: 'Invoices' }))
  const history = await section('Invoice history')
  expect(await history.findByRole('rowheader', { name: 'ACME-000036' })).toBeInTheDocument()
  expect(screen.getByText(banners.autoMaintenance)).toBeInTheDocument()

  // Payment method and billing details do not depend on the subscription: their edits stay enabled.
  await user.click(nav().getByRole('link', { name: 'Payment method' }))
  const updatePayment = await screen.findByRole('button', { name: 'Update payment method' })
  expect(updatePayment).toBeEnabled()
  expect(updatePayment).not.toHaveAttribute('aria-disabled')
  await user.click(nav().getByRole('link', { name: 'Billing details' }))
  const details = await section('Billing contact and address')
  expect(await details.findByText('billing@acme.test')).toBeInTheDocument()
  const edit = details.getByRole('button', { name: 'Edit billing details' })
  expect(edit).not.toHaveAttribute('aria-disabled')

  // The pages that need the subscription send nothing: no subscription read, no quote.
  await user.click(nav().getByRole('link', { name: /^Cart/ }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Cart' })).toBeInTheDocument()
  const placeOrder = await screen.findByRole('button', { name: 'Place order' })
  expect(placeOrder).toHaveAttribute('aria-disabled', 'true')
  expect(placeOrder).toHaveAccessibleDescription(reasons.breaker)
  await user.click(nav().getByRole('link', { name: 'Subscription' }))
  const overview = await section('Overview')
  expect(await overview.findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(overview.getByText('Billing is unavailable right now. We check again automatically.')).toBeInTheDocument()
  expect(overview.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()

  const since = log.slice(opened)
  expect(requestsTo(since, '/api/subscription')).toEqual([])
  expect(requestsTo(since, '/api/quotes', 'POST')).toEqual([])
  expect(requestsTo(since, '/api/orders', 'POST')).toEqual([])
  expect(requestsTo(since, '/api/invoices')).toHaveLength(1)
  expect(requestsTo(since, '/api/payment-method')).toHaveLength(1)
  expect(requestsTo(since, '/api/billing-details')).toHaveLength(1)
})

test('invoices failing degrade only their own sections: the banner names them and seat changes stay enabled', async () => {
  server.use(http.get('*/api/invoices', () => errorAnswer(503)))
  const log = logRequests()
  const { user } = await renderApp('/invoices')

  const history = await section('Invoice history')
  expect(await history.findByText('Invoice history is unavailable right now.')).toBeInTheDocument()
  expect(await screen.findByText(banners.degraded)).toBeInTheDocument()
  expect(requestsTo(log, '/api/invoices')).toHaveLength(retries.maxRetries + 1)
  stopWallClock()

  await user.click(nav().getByRole('link', { name: 'Subscription' }))
  const overview = await section('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  const changeSeats = overview.getByRole('button', { name: 'Change seats' })
  expect(changeSeats).toBeEnabled()
  expect(changeSeats).not.toHaveAttribute('aria-disabled')
  expect(screen.getByRole('button', { name: 'Change plan' })).not.toHaveAttribute('aria-disabled')
  expect(screen.getByText(banners.degraded)).toBeInTheDocument()
  expect(screen.getByText('Not responding right now: invoices and PDFs. Everything else works.')).toBeInTheDocument()
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
  expect(requestsTo(log, '/api/invoices')).toHaveLength(retries.maxRetries + 1)
})

test.each([
  { pattern: 'fails every other call', failures: 1 },
  { pattern: 'fails two calls out of three', failures: 2 },
])(
  'a flapping provider that $pattern never opens the breaker: edits stay enabled, no pause is ever shown',
  async ({ failures }) => {
    let calls = 0
    const subscription = await (await gatewayAs('owner')).call<object>('GET', '/subscription')
    server.use(
      http.get('*/api/subscription', () => {
        calls += 1
        return calls % (failures + 1) === 0 ? HttpResponse.json(subscription) : errorAnswer(503)
      }),
    )
    const log = logRequests()
    const seen = watchBanners()
    await renderApp('/')

    const overview = await section('Overview')
    expect(await overview.findByText('Professional')).toBeInTheDocument()
    stopWallClock()
    // The admin comes back to the tab three times, each time after the data went stale.
    for (let visit = 1; visit <= 3; visit++) {
      advanceWallClock(31_000)
      returnToTab()
      await waitFor(() => expect(requestsTo(log, '/api/subscription')).toHaveLength((visit + 1) * (failures + 1)))
      await waitFor(() => expect(overview.getByRole('button', { name: 'Change seats' })).toBeEnabled())
    }

    expect(overview.getByText('Professional')).toBeInTheDocument()
    expect(overview.queryByText(/unavailable right now|Saved data as of/)).not.toBeInTheDocument()
    // At most the "slow or unreliable" notice (visits 31 s apart leave few recent calls to judge by).
    expect(seen.filter((title) => title !== banners.slow)).toEqual([])
  },
)
