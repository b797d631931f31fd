/**
 * A first read while the provider is reported down (docs/decisions/026): a query with nothing to
 * show (nothing fetched, nothing saved in this browser) is read once even so, and the gateway, not
 * the provider, answers it: from its copy, shown with its time while edits stay paused, or with a
 * fast 503, shown as unavailable. Once per query and page load: neither answer brings another read.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { expect, test } from 'vitest'
import { invoicePage, parsePageRequest } from '../../gateway/billing/invoice-pages'
import { db } from '../../mocks/db'
import { server } from '../../mocks/node'
import { banners, errorAnswer, gate, reasons, requestsTo, returnToTab, sleep, useFakeClock } from '../support/faults'
import { asOfLine, fromCopy } from '../support/gateway-copy'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { useScenario } from '../support/scenario'

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

/** The provider is down, says the report from the start; the gateway answers subscription reads from its copy. */
function useSubscriptionFromCopy(asOf: number) {
  await useScenario('provider-down')
  server.use(http.get('*/api/subscription', () => fromCopy(db.getSubscription('acc_acme'), asOf)))
}

test("a first visit while the report says the provider is down reads the subscription once, and shows the gateway's copy with its time while edits stay paused", async () => {
  useFakeClock()
  const asOf = Date.now() - twoHours
  useSubscriptionFromCopy(asOf)
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
  useSubscriptionFromCopy(asOf)
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
    await useScenario('provider-down')
    server.use(
      http.get('*/api/subscription', async () => {
        await held.opened
        return fromCopy(db.getSubscription('acc_acme'), asOf)
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
  await useScenario('provider-down')
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
  await useScenario('provider-down')
  server.use(
    http.get('*/api/invoices', ({ request }) =>
      fromCopy(invoicePage(db.getInvoices('acc_acme'), parsePageRequest(new URL(request.url).searchParams)), asOf),
    ),
  )
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
  await useScenario('provider-down')
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
