/**
 * A refetch of the invoice list (the admin back on the tab, the status poll's recovery, an
 * invalidation after an order) asks the billing API for the first page only: the pages the admin
 * scrolled through stay on screen, and the saved copy stays as old as its oldest page says. On the
 * billing gateway, Globex's 10,000-invoice history from the simulated Zuora.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { expect, test, vi } from 'vitest'
import type { Quote, Subscription } from '@/lib/api/schemas'
import { server } from '../../mocks/node'
import { INDEX_FRESH_MS } from '../../gateway/billing/invoice-index'
import { advanceWallClock, returnToTab, sleep, stopWallClock } from '../support/faults'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests, type LoggedRequest } from '../support/request-log'
import { useScenario } from '../support/scenario'

/** The owner looking at Globex, the account with 10,000 invoices (mocks/zuora/invoice-book.ts). */
const renderGlobex = (path: string) => renderApp(path, { account: 'acc_globex' })

/** Another admin buys Globex one more seat: Zuora invoices the order at once. */
async function globexOrderedASeat(): Promise<void> {
  const owner = await gatewayAs('owner', 'acc_globex')
  const subscription = await owner.call<Subscription>('GET', '/subscription')
  const items = [{ type: 'seats', seats: subscription.seats.purchased + 1 }]
  const quote = await owner.call<Quote>('POST', '/quotes', { items, promoCode: null })
  await owner.call('POST', '/orders', { items, promoCode: null, quoteId: quote.id }, { 'Idempotency-Key': 'glbx-seat' })
}

// Globex's 10,000 invoices are read from Zuora by the gateway before its first page: more than the default 15 s a test.
vi.setConfig({ testTimeout: 45_000 })

/** Globex's first page waits for the gateway to read its 10,000 invoices from Zuora: seconds on a busy machine. */
const invoiceTable = () => screen.findByRole('table', { name: 'Invoices, newest first' }, { timeout: 15_000 })
const listCalls = (log: LoggedRequest[]) => log.filter((r) => r.method === 'GET' && r.path === '/api/invoices')
const queryOf = (request: LoggedRequest) => Object.fromEntries(request.query)
/** Past the list's five minutes of freshness: coming back to the tab refetches it. */
const listGoesStale = 6 * 60_000
const outage = { timeout: 12_000 }

/** The Globex list with `pages` pages loaded through "Load more", as an admin who scrolled down. */
async function globexScrolledThrough(pages: number) {
  const app = await renderGlobex('/invoices')
  const table = await invoiceTable()
  for (let loaded = 2; loaded <= pages; loaded += 1) {
    await app.user.click(screen.getByRole('button', { name: 'Load more invoices' }))
    await screen.findByText(`Showing ${loaded * 100} of 10,000 invoices`)
  }
  return { ...app, table }
}

test('coming back to the tab refetches the first page alone, and the pages scrolled through stay', async () => {
  stopWallClock()
  const { table } = await globexScrolledThrough(4)

  const requests = logRequests()
  advanceWallClock(listGoesStale)
  returnToTab()

  await waitFor(() => expect(listCalls(requests)).toHaveLength(1))
  // Time for the next pages, had the refetch walked them again one by one.
  await sleep(500)
  expect(listCalls(requests).map(queryOf)).toEqual([{ limit: '100' }])
  expect(screen.getByText('Showing 400 of 10,000 invoices')).toBeInTheDocument()
  expect(within(table).getByRole('link', { name: 'GLBX-010000' })).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Load more invoices' })).toBeInTheDocument()
})

test('an invoice added meanwhile heads the list after a refetch, and the row it pushed off the first page stays', async () => {
  stopWallClock()
  const { table } = await globexScrolledThrough(2)
  // An order placed elsewhere made an invoice: every row of the history moves down one place.
  await globexOrderedASeat()

  const requests = logRequests()
  advanceWallClock(listGoesStale)
  returnToTab()

  expect(await within(table).findByRole('link', { name: 'GLBX-010001' })).toBeInTheDocument()
  // The new first page (GLBX-010001 down to GLBX-009902), GLBX-009901 that it pushed off, the second page.
  expect(screen.getByText('Showing 201 of 10,001 invoices')).toBeInTheDocument()
  await sleep(500)
  expect(listCalls(requests)).toHaveLength(1)
})

test('after a refetch of the first page, the saved search of an outage is as old as the oldest page it holds', async () => {
  stopWallClock()
  const { user } = await globexScrolledThrough(2)
  const requests = logRequests()
  advanceWallClock(10 * 60_000 - INDEX_FRESH_MS - 1_000)
  returnToTab()
  await waitFor(() => expect(listCalls(requests)).toHaveLength(1))
  await sleep(300)

  await useScenario('partial-invoices')
  // Past the gateway's own freshness of its invoice index: the search's read goes to Zuora, and fails.
  advanceWallClock(INDEX_FRESH_MS + 1_000)
  await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'glbx-0099')

  expect(await screen.findByText('Searching the 200 saved invoices.', {}, outage)).toBeInTheDocument()
  // The second page was fetched ten minutes ago, the first one half a minute ago: the saved rows are as of the older.
  expect(
    screen.getByText(/^Saved data as of .+\(10 minutes ago\)\. Billing is unavailable right now\./),
  ).toBeInTheDocument()
})

test('starting again from the first page after a refused cursor drops the later pages', async () => {
  let refuse = false
  server.use(
    http.get('*/api/invoices', ({ request }) =>
      refuse && new URL(request.url).searchParams.has('cursor')
        ? HttpResponse.json(
            { error: { code: 'invalid_cursor', message: 'Start again from the first page.' } },
            { status: 400 },
          )
        : undefined,
    ),
  )
  const { user } = await globexScrolledThrough(3)
  refuse = true
  await user.click(screen.getByRole('button', { name: 'Load more invoices' }))
  expect(await screen.findByText(/The billing API no longer accepts where this list left off\./)).toBeInTheDocument()

  refuse = false
  const requests = logRequests()
  await user.click(screen.getByRole('button', { name: 'Start again from the first page' }))

  expect(await screen.findByText('Showing 100 of 10,000 invoices')).toBeInTheDocument()
  await waitFor(() => expect(listCalls(requests).map(queryOf)).toEqual([{ limit: '100' }]))
  await user.click(screen.getByRole('button', { name: 'Load more invoices' }))
  expect(await screen.findByText('Showing 200 of 10,000 invoices')).toBeInTheDocument()
})
