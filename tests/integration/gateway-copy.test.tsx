/**
 * The billing gateway's copy (docs/decisions/026): while the provider fails, the gateway answers a
 * provider-backed read from the last good answer it kept, with `X-Billing-Copy-As-Of`. A browser
 * that never visited shows it as it shows its own saved copy: with its time, never as fresh, and
 * saying that billing is unavailable. Nothing is saved in this browser in any of these tests. The
 * copies are the test gateway's own answers (read as the owner), given the header in front of it.
 */
import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, expect, test } from 'vitest'
import { retries } from '@/config/resilience'
import type { Account, BillingDetails, InvoicePage, Subscription } from '@/lib/api/schemas'
import { server } from '../../mocks/node'
import { banners, requestsTo, returnToTab, sleep, useFakeClock } from '../support/faults'
import { gatewayAs } from '../support/gateway-as'
import { asOfLine, asOfTime, fromCopy } from '../support/gateway-copy'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { loadSavedCarts } from '../support/saved-cart'

beforeEach(loadSavedCarts)

const twoHours = 2 * 60 * 60_000

/** The same line for data a few seconds old, saying billing is unavailable. */
const secondsAgoLine = (asOf: number) =>
  new RegExp(
    `^Saved data as of ${escape(asOfTime(asOf))} \\(\\d+ seconds ago\\)\\. Billing is unavailable right now\\. We check again automatically\\.$`,
  )

const region = async (name: string) => within(await screen.findByRole('region', { name }))

test("a first visit while the provider fails shows the gateway's copy of the subscription with its time, and that billing is unavailable", async () => {
  useFakeClock()
  const asOf = Date.now() - twoHours
  const owner = await gatewayAs('owner')
  const subscription = await owner.call<Subscription>('GET', '/subscription')
  const acme = await owner.call<Account>('GET', '/account')
  server.use(
    http.get('*/api/subscription', () => fromCopy(subscription, asOf)),
    // The vendor's own endpoints never answer from a copy: the header means nothing there.
    http.get('*/api/account', () => fromCopy(acme, asOf)),
  )
  const log = logRequests()
  await renderApp('/')

  expect(await screen.findByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  // Each copy is a failed attempt, retried (after a wait) as the 503 it stands for.
  await sleep(4_000)
  const overview = await region('Overview')
  expect(
    await overview.findByText(
      `${asOfLine(asOf, '2 hours ago')} Billing is unavailable right now. We check again automatically.`,
    ),
  ).toBeInTheDocument()
  // All five attempts found the provider failing.
  expect(requestsTo(log, '/api/subscription')).toHaveLength(retries.maxRetries + 1)
  expect(screen.getByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(overview.getByText('Professional')).toBeInTheDocument()
  expect((await region('Add-ons')).getByText(/^Saved data as of .+ \(2 hours ago\)\./)).toBeInTheDocument()

  const account = await region('Account')
  expect(account.getByText('Acme Support')).toBeInTheDocument()
  expect(account.queryByText(/^Saved data as of/)).not.toBeInTheDocument()
  expect(requestsTo(log, '/api/account')).toHaveLength(1)
})

test("a first visit while the provider fails shows the gateway's copy of the invoice list with its time", async () => {
  useFakeClock()
  const asOf = Date.now() - twoHours
  // Acme's 36 invoices, on the one page the app asks for.
  const page = await (await gatewayAs('owner')).call<InvoicePage>('GET', '/invoices?limit=100')
  server.use(http.get('*/api/invoices', () => fromCopy(page, asOf)))
  const log = logRequests()
  await renderApp('/invoices')

  expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument()
  // Each copy is a failed attempt, retried (after a wait) as the 503 it stands for.
  await sleep(4_000)
  expect(requestsTo(log, '/api/invoices')).toHaveLength(retries.maxRetries + 1)
  expect(await screen.findByText(banners.degraded)).toBeInTheDocument()
  expect(
    await screen.findByText(
      `${asOfLine(asOf, '2 hours ago')} Billing is unavailable right now. We check again automatically.`,
    ),
  ).toBeInTheDocument()
  expect(screen.getByRole('rowheader', { name: 'ACME-000036' })).toBeInTheDocument()
})

test.each([
  { header: 'malformed', value: 'yesterday afternoon' },
  { header: 'an impossible date', value: '2026-02-30T10:00:00Z' },
  { header: 'without its offset', value: '2026-01-15T10:00:00' },
  { header: 'in the future', value: new Date(Date.now() + 24 * 60 * 60_000).toISOString() },
])('an answer whose copy date is $header is taken as the provider’s own, and a valid one is not', async ({ value }) => {
  useFakeClock()
  let header: number | string = value
  const subscription = await (await gatewayAs('owner')).call<Subscription>('GET', '/subscription')
  server.use(http.get('*/api/subscription', () => fromCopy(subscription, header)))
  const log = logRequests()
  await renderApp('/')

  const overview = await region('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  await sleep(1_000)
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
  expect(screen.queryByText(/^Saved data as of/)).not.toBeInTheDocument()
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()

  // The same page, once an answer carries a date that checks out (newer than what it shows), shows a copy.
  await sleep(3_100)
  const asOf = Date.now() - 1_000
  header = asOf
  returnToTab()
  await sleep(4_000)
  expect(await overview.findByText(secondsAgoLine(asOf))).toBeInTheDocument()
})

test("a write's answer is the write's, whatever header it carries: saved once, shown as fresh, and newer than an older copy", async () => {
  useFakeClock()
  const owner = await gatewayAs('owner')
  const before = await owner.call<BillingDetails>('GET', '/billing-details')
  const copiedAt = Date.now() - twoHours
  let readsFromCopy = false
  server.use(
    // The gateway saves it; its answer comes back with a copy header.
    http.put('*/api/billing-details', async ({ request }) =>
      fromCopy(await owner.call<BillingDetails>('PUT', '/billing-details', await request.json()), copiedAt),
    ),
    // The gateway's copy was taken before the change.
    http.get('*/api/billing-details', async () =>
      readsFromCopy
        ? fromCopy(before, copiedAt)
        : HttpResponse.json(await owner.call<BillingDetails>('GET', '/billing-details')),
    ),
  )
  const log = logRequests()
  const { user } = await renderApp('/billing-details')
  const details = await region('Billing contact and address')
  expect(await details.findByText('billing@acme.test')).toBeInTheDocument()
  await user.click(details.getByRole('button', { name: 'Edit billing details' }))
  const name = await details.findByRole('textbox', { name: 'Name' })
  await user.clear(name)
  await user.type(name, 'Bea Lima')
  await user.click(details.getByRole('button', { name: 'Save billing details' }))

  expect(await details.findByText('Bea Lima')).toBeInTheDocument()
  const savedAt = Date.now()
  await sleep(1_000)
  // A safe write answered from a "copy" would have been retried as a failure.
  expect(requestsTo(log, '/api/billing-details', 'PUT')).toHaveLength(1)
  expect(screen.queryByText(/^Saved data as of/)).not.toBeInTheDocument()
  expect(screen.queryByText(banners.degraded)).not.toBeInTheDocument()

  // The next read finds the provider failing and gets the older copy: the record just saved stays,
  // with its own time, and the section says billing is unavailable.
  readsFromCopy = true
  await sleep(3_100)
  returnToTab()
  await sleep(4_000)
  expect(await details.findByText(secondsAgoLine(savedAt))).toBeInTheDocument()
  expect(details.getByText('Bea Lima')).toBeInTheDocument()
  expect(details.queryByText(before.contact.name)).not.toBeInTheDocument()
})

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
