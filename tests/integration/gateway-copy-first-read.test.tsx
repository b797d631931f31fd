/**
 * A first read while the provider is reported down (docs/decisions/026): a query with nothing to
 * show (nothing fetched, nothing saved in this browser) is read once even so, and the gateway, not
 * the provider, answers it: from its copy, shown with its time while edits stay paused, or with a
 * fast 503, shown as unavailable. Once per query and page load: neither answer brings another read.
 * The report is the test gateway's own, once it has found Zuora down (provider-down); the copies
 * are its answers read beforehand, given the header in front of it.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import type { InvoicePage, Subscription } from '@/lib/api/schemas'
import { expect, test } from 'vitest'
import { server } from '../../mocks/node'
import { currentReport } from '../support/billing-status'
import { banners, errorAnswer, gate, reasons, requestsTo, returnToTab, sleep, useFakeClock } from '../support/faults'
import { gatewayAs } from '../support/gateway-as'
import { asOfLine, fromCopy } from '../support/gateway-copy'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { testGateway } from '../support/test-gateway'

const twoHours = 2 * 60 * 60_000
const unavailableNow = 'Billing is unavailable right now. We check again automatically.'

const region = async (name: string) => within(await screen.findByRole('region', { name }))
const nav = () => within(screen.getByRole('navigation', { name: 'Billing' }))

/** The admin goes to another page of the console and comes back. */
async function leaveAndReturn(user: Awaited<ReturnType<typeof renderApp>>['user'], away: string, back: string) {
  await user.click(nav().getByRole('link', { name: away }))
  expect(await screen.findByRole('heading', { level: 1, name: away })).toBeInTheDocument()
  await user.click(nav().getByRole('link', { name: back }))
  expect(await screen.findByRole('heading', { level: 1, name: back })).toBeInTheDocument()
}

/** Well past any breaker wait, with the tab shown again and the report read again: still down. */
async function timePasses() {
  returnToTab()
  await sleep(60_000)
  returnToTab()
  await sleep(1_000)
}

/** Acme's subscription as the gateway answers it while Zuora is up (what its copy then holds). */
const acmeSubscription = async () => (await gatewayAs('owner')).call<Subscription>('GET', '/subscription')

/**
 * Zuora goes down, and the page opens once the gateway's report says so (the subscription and
 * invoices down): the gateway finds it out from its failing probes, in a few seconds.
 */
async function providerDownReported() {
  await testGateway().scenarios.select('provider-down', {})
  const down = async () =>
    (await currentReport()).components
      .filter((component) => component.status === 'down')
      .map((component) => component.capability)
  await expect.poll(down, { timeout: 20_000 }).toEqual(expect.arrayContaining(['subscription', 'invoices']))
}

/** The provider is down, says the report from the start; the gateway answers subscription reads from its copy. */
async function useSubscriptionFromCopy(asOf: number) {
  const subscription = await acmeSubscription()
  await providerDownReported()
  server.use(http.get('*/api/subscription', () => fromCopy(subscription, asOf)))
}

test("a first visit while the report says the provider is down reads the subscription once, and shows the gateway's copy with its time while edits stay paused", async () => {
  useFakeClock()
  const asOf = Date.now() - twoHours
  await useSubscriptionFromCopy(asOf)
  const log = logRequests()
  await renderApp('/')

  const overview = await region('Overview')
  expect(await overview.findByText(`${asOfLine(asOf, '2 hours ago')} ${unavailableNow}`)).toBeInTheDocument()
  expect(overview.getByText('Professional')).toBeInTheDocument()
  expect(screen.getByText(banners.autoMaintenance)).toBeInTheDocument()
  const changePlan = screen.getByRole('button', { name: 'Change plan' })
  expect(changePlan).toHaveAttribute('aria-disabled', 'true')
  expect(changePlan).toHaveAccessibleDescription(reasons.healthReport)
  // One attempt, not retried: the report says down.
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)

  await timePasses()
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
  expect(overview.getByText('Professional')).toBeInTheDocument()
})

test('the subscription page visited again while still down shows the copy it holds and sends nothing more', async () => {
  useFakeClock()
  const asOf = Date.now() - twoHours
  await useSubscriptionFromCopy(asOf)
  const log = logRequests()
  const { user } = await renderApp('/')
  expect(await (await region('Overview')).findByText('Professional')).toBeInTheDocument()
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)

  await sleep(5_000) // the data is stale: a healthy provider would be asked again on the next view
  await leaveAndReturn(user, 'Invoices', 'Subscription')
  const overview = await region('Overview')
  expect(await overview.findByText(`${asOfLine(asOf, '2 hours ago')} ${unavailableNow}`)).toBeInTheDocument()
  await sleep(1_000)
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
})

test.each([
  { when: 'on its way', answeredWhileAway: false },
  { when: 'come back', answeredWhileAway: true },
])(
  'a page left while its first read is on its way and opened again with that read $when shows its answer without sending another',
  async ({ answeredWhileAway }) => {
    useFakeClock()
    const asOf = Date.now() - twoHours
    const held = gate()
    const subscription = await acmeSubscription()
    await providerDownReported()
    server.use(
      http.get('*/api/subscription', async () => {
        await held.opened
        return fromCopy(subscription, asOf)
      }),
    )
    const log = logRequests()
    const { user } = await renderApp('/')
    await waitFor(() => expect(requestsTo(log, '/api/subscription')).toHaveLength(1))

    // Leaving the page drops the query's call (React Query cancels it, and its answer with it).
    await user.click(nav().getByRole('link', { name: 'Invoices' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument()
    if (answeredWhileAway) {
      held.open()
      await sleep(1_000)
    }
    await user.click(nav().getByRole('link', { name: 'Subscription' }))
    held.open()
    const overview = await region('Overview')
    expect(await overview.findByText(`${asOfLine(asOf, '2 hours ago')} ${unavailableNow}`)).toBeInTheDocument()
    expect(overview.getByText('Professional')).toBeInTheDocument()
    await sleep(1_000)
    expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
  },
)

test('a first read the gateway answers with 503 (it has no copy) shows the section as unavailable, and is not sent again', async () => {
  useFakeClock()
  await providerDownReported()
  server.use(http.get('*/api/subscription', () => errorAnswer(503, { retryAfter: 30 })))
  const log = logRequests()
  const { user } = await renderApp('/')

  const overview = await region('Overview')
  expect(await overview.findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(overview.getByText(unavailableNow)).toBeInTheDocument()
  expect(await (await region('Account')).findByText('Acme Support')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Change plan' })).toHaveAccessibleDescription(reasons.healthReport)
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)

  await timePasses()
  await leaveAndReturn(user, 'Invoices', 'Subscription')
  expect(await (await region('Overview')).findByText('Overview is unavailable right now.')).toBeInTheDocument()
  await sleep(1_000)
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
})

test("a first visit to the invoice list while the report says down reads it once and shows the gateway's copy with its time, and a visit again sends nothing more", async () => {
  useFakeClock()
  const asOf = Date.now() - twoHours
  // Acme's 36 invoices, on the one page the app asks for.
  const page = await (await gatewayAs('owner')).call<InvoicePage>('GET', '/invoices?limit=100')
  await providerDownReported()
  server.use(http.get('*/api/invoices', () => fromCopy(page, asOf)))
  const log = logRequests()
  const { user } = await renderApp('/invoices')

  expect(await screen.findByText(`${asOfLine(asOf, '2 hours ago')} ${unavailableNow}`)).toBeInTheDocument()
  expect(screen.getByRole('rowheader', { name: 'ACME-000036' })).toBeInTheDocument()
  expect(requestsTo(log, '/api/invoices')).toHaveLength(1)

  await timePasses()
  await leaveAndReturn(user, 'Subscription', 'Invoices')
  expect(await screen.findByRole('rowheader', { name: 'ACME-000036' })).toBeInTheDocument()
  await sleep(1_000)
  expect(requestsTo(log, '/api/invoices')).toHaveLength(1)
})

test('a first read of the invoice list answered with 503 shows the list as unavailable, and is not sent again', async () => {
  useFakeClock()
  await providerDownReported() // the gateway has not read the list yet: it has no copy of it
  const log = logRequests()
  const { user } = await renderApp('/invoices')

  const list = await region('Invoice history')
  expect(await list.findByText('Invoice history is unavailable right now.')).toBeInTheDocument()
  expect(list.getByText(unavailableNow)).toBeInTheDocument()
  expect(screen.queryByRole('rowheader', { name: 'ACME-000036' })).not.toBeInTheDocument()
  expect(requestsTo(log, '/api/invoices')).toHaveLength(1)

  await timePasses()
  await leaveAndReturn(user, 'Subscription', 'Invoices')
  expect(await screen.findByText('Invoice history is unavailable right now.')).toBeInTheDocument()
  await sleep(1_000)
  expect(requestsTo(log, '/api/invoices')).toHaveLength(1)
})
