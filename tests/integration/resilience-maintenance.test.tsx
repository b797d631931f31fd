/**
 * The operators' maintenance flag, read from the vendor's own status endpoint, and that endpoint
 * being down itself.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, expect, test } from 'vitest'
import { retries } from '@/config/resilience'
import { server } from '../../mocks/node'
import { banners, errorAnswer, reasons, requestsTo, sleep, stopWallClock, useFakeClock } from '../support/faults'
import { currentReport, setMaintenance } from '../support/billing-status'
import { renderApp, signInPage } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { loadSavedCarts, OWNER_CART, storeCart } from '../support/saved-cart'

beforeEach(loadSavedCarts)

const section = async (name: string) => within(await screen.findByRole('region', { name }))
const nav = () => within(screen.getByRole('navigation', { name: 'Billing' }))
const message = 'We are moving billing to a new provider region until 14:00 UTC.'
const maintenanceOn = () => setMaintenance({ enabled: true, reason: 'scheduled', message, nextUpdateAt: null })

/** Writes that reach the provider: none may leave while billing is in maintenance. */
const providerWrites = (log: ReturnType<typeof logRequests>) =>
  log.filter((request) => request.method !== 'GET' && request.path !== '/api/alerts' && request.path !== '/api/quotes')

test("operators' maintenance: their message once, in the banner, every provider-backed write paused with its short reason, reads still work", async () => {
  await storeCart(OWNER_CART, [{ type: 'seats', seats: 30 }])
  await maintenanceOn()
  await signInPage('owner')
  const log = logRequests() // what the page sends, from its first request
  useFakeClock()
  const { user } = await renderApp('/', { as: null })

  const banner = await screen.findByRole('alert')
  expect(within(banner).getByText(banners.maintenance)).toBeInTheDocument()
  expect(within(banner).getByText(message)).toBeInTheDocument()

  const overview = await section('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  const paused = async (name: string) => {
    const button = await screen.findByRole('button', { name })
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveAccessibleDescription(reasons.operators)
    return button
  }
  await paused('Change seats')
  await paused('Change plan')
  await paused('Manage add-ons')
  await paused('Turn off renewal')
  // Each of the four controls says it beneath itself, to the eye too (two of them in the overview),
  // but the header's two, which pause together, say it once under both (action-group.tsx).
  const shown = screen.getAllByText(reasons.operators).filter((reason) => !reason.classList.contains('visually-hidden'))
  expect(shown).toHaveLength(3)
  expect(overview.getAllByText(reasons.operators)).toHaveLength(2)
  // The operators' message is said once, in the banner, not beneath each control.
  expect(screen.getAllByText(message)).toHaveLength(1)

  await user.click(nav().getByRole('link', { name: 'Invoices' }))
  expect(await (await section('Invoice history')).findByRole('rowheader', { name: 'ACME-000036' })).toBeInTheDocument()

  await user.click(nav().getByRole('link', { name: 'Payment method' }))
  expect(await (await section('Card on file')).findByText('•••• 4242')).toBeInTheDocument()
  await user.click(await paused('Update payment method'))

  await user.click(nav().getByRole('link', { name: 'Billing details' }))
  expect(await (await section('Billing contact and address')).findByText('billing@acme.test')).toBeInTheDocument()
  await user.click(await paused('Edit billing details'))
  expect(screen.queryByRole('textbox', { name: 'Name' })).not.toBeInTheDocument()

  // Pricing is a read: the cart still shows what the change would cost, but it cannot be ordered.
  await user.click(nav().getByRole('link', { name: /^Cart/ }))
  expect(await screen.findByText(/^You will be charged \$[\d,.]+ now\.$/)).toBeInTheDocument()
  await user.click(await paused('Place order'))

  await sleep(200)
  expect(providerWrites(log)).toEqual([])
  expect(screen.getByText(banners.maintenance)).toBeInTheDocument()
})

test('a save refused with 503 "maintenance" (switched on after the page loaded) says billing is in maintenance and keeps what was typed', async () => {
  await signInPage('owner')
  const log = logRequests() // what the page sends, from its first request
  useFakeClock()
  const { user } = await renderApp('/billing-details', { as: null })
  const details = await section('Billing contact and address')
  await details.findByText('billing@acme.test')
  await user.click(details.getByRole('button', { name: 'Edit billing details' }))
  const city = await details.findByRole('textbox', { name: 'City' })
  await user.clear(city)
  await user.type(city, 'Oakland')

  await maintenanceOn()
  await user.click(details.getByRole('button', { name: 'Save billing details' }))

  const failure = (await screen.findByText('Billing details were not saved.')).closest<HTMLElement>('[role="alert"]')!
  expect(failure).not.toBeNull()
  // The refusal also reads the operators' flag at once: the banner says so without waiting for a poll.
  expect(await screen.findByText(banners.maintenance)).toBeInTheDocument()
  expect(within(failure).getByText('Billing is in maintenance. Changes are paused.')).toBeInTheDocument()
  expect(details.getByRole('textbox', { name: 'City' })).toHaveValue('Oakland')
  // A write is never retried.
  await sleep(300)
  expect(requestsTo(log, '/api/billing-details', 'PUT')).toHaveLength(1)
})

test('when operators end maintenance (a new generation) the app refetches by itself and says billing is back', async () => {
  await maintenanceOn()
  const log = logRequests()
  await renderApp('/')

  expect(await screen.findByText(banners.maintenance)).toBeInTheDocument()
  const overview = await section('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  expect(overview.getByRole('button', { name: 'Change seats' })).toHaveAttribute('aria-disabled', 'true')
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
  expect(requestsTo(log, '/api/account')).toHaveLength(1)

  await setMaintenance({ enabled: false, reason: 'scheduled', message: 'Done.', nextUpdateAt: null })
  expect((await currentReport()).maintenance.generation).toBe(2)

  // Polled every 5 s while billing is not operational.
  expect(await screen.findByText(banners.recovered, {}, { timeout: 9_000 })).toBeInTheDocument()
  await waitFor(() => expect(requestsTo(log, '/api/subscription')).toHaveLength(2))
  expect(requestsTo(log, '/api/account')).toHaveLength(2)
  expect(screen.queryByText(banners.maintenance)).not.toBeInTheDocument()
  expect(overview.getByRole('button', { name: 'Change seats' })).not.toHaveAttribute('aria-disabled')
}, 15_000)

test.each([
  { failure: '503', answer: () => errorAnswer(503) },
  { failure: 'a network error', answer: () => HttpResponse.error() },
])(
  'the status endpoint down ($failure): the banner says status cannot be checked, never "all is well", and the pages work',
  async ({ answer }) => {
    server.use(http.get('*/api/billing-status', answer))
    const { user } = await renderApp('/')

    const title = await screen.findByText(banners.statusUnknown)
    expect(title.closest('[role="status"]')).not.toBeNull()
    expect(screen.queryByText(banners.recovered)).not.toBeInTheDocument()
    expect(screen.getByText('Some information may be out of date. We keep checking.')).toBeInTheDocument()
    const overview = await section('Overview')
    expect(await overview.findByText('Professional')).toBeInTheDocument()
    expect(overview.getByRole('button', { name: 'Change seats' })).not.toHaveAttribute('aria-disabled')

    await user.click(nav().getByRole('link', { name: 'Invoices' }))
    expect(
      await (await section('Invoice history')).findByRole('rowheader', { name: 'ACME-000036' }),
    ).toBeInTheDocument()
    expect(screen.getByText(banners.statusUnknown)).toBeInTheDocument()
  },
)

test('with the status endpoint down the breaker still protects: the provider failing pauses changes and stops the requests', async () => {
  server.use(
    http.get('*/api/billing-status', () => HttpResponse.error()),
    http.get('*/api/subscription', () => errorAnswer(503)),
  )
  const log = logRequests()
  const { user } = await renderApp('/')

  // Five failed attempts with their backoff (src/config/resilience.ts) open the breaker.
  expect(await screen.findByText(banners.autoMaintenance, {}, { timeout: 10_000 })).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Change plan' })).toHaveAccessibleDescription(reasons.breaker)
  expect(await (await section('Account')).findByText('Acme Support')).toBeInTheDocument()
  expect(requestsTo(log, '/api/subscription')).toHaveLength(retries.maxRetries + 1)

  stopWallClock()
  await user.click(nav().getByRole('link', { name: 'Invoices' }))
  await user.click(nav().getByRole('link', { name: 'Subscription' }))
  expect(await (await section('Overview')).findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(requestsTo(log, '/api/subscription')).toHaveLength(retries.maxRetries + 1)
})
