/**
 * The invoice list page by page, on the billing gateway (its own signed cursor over the invoices it
 * reads from the simulated Zuora): the next page asked for with the server's cursor, filters sent
 * to the server, a failed or refused page, and the search over the saved pages during an outage.
 */
import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, expect, test, vi } from 'vitest'
import type { InvoicePage } from '@/lib/api/schemas'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { encodeCursor } from '../../gateway/billing/invoice-pages'
import { server } from '../../mocks/node'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests, type LoggedRequest } from '../support/request-log'
import { useScenario } from '../support/scenario'

/** The owner looking at Globex, the account with 10,000 invoices. */
const renderGlobex = (path: string) => renderApp(path, { account: 'acc_globex' })

/** How many of Globex's invoices match, as the gateway counts them. */
async function globexTotal(query: string): Promise<number> {
  const { total } = await gatewayPage('acc_globex', `${query}&limit=1`)
  if (total === undefined) throw new Error(`The gateway gave no total for ${query}`)
  return total
}

/** A page of an account's invoices as the gateway answers it to the owner. */
async function gatewayPage(account: 'acc_acme' | 'acc_globex', query: string): Promise<InvoicePage> {
  const owner = await gatewayAs('owner', account)
  return owner.call<InvoicePage>('GET', `/invoices?${query}`)
}

// Globex's 10,000 invoices are read from Zuora by the gateway before its first page: more than the default 15 s a test.
vi.setConfig({ testTimeout: 45_000 })

/** Globex's first page waits for the gateway to read its 10,000 invoices from Zuora: seconds on a busy machine. */
const invoiceTable = () => screen.findByRole('table', { name: 'Invoices, newest first' }, { timeout: 15_000 })
const listCalls = (log: LoggedRequest[]) => log.filter((r) => r.method === 'GET' && r.path === '/api/invoices')
const queryOf = (request: LoggedRequest | undefined) => Object.fromEntries(request?.query ?? [])
/** Outages are found through retries with back-off and the status poll: a few seconds. */
const outage = { timeout: 12_000 }

afterEach(() => useLocaleStore.getState().setLocale('en'))

test('the first page comes alone, and "Load more" asks for the next one with its cursor', async () => {
  const requests = logRequests()
  const { user } = await renderGlobex('/invoices')

  const table = await invoiceTable()
  expect(screen.getByText('Showing 100 of 10,000 invoices')).toBeInTheDocument()
  expect(listCalls(requests).map(queryOf)).toEqual([{ limit: '100' }])

  const more = screen.getByRole('button', { name: 'Load more invoices' })
  more.focus()
  await user.keyboard('{Enter}')

  expect(await screen.findByText('Showing 200 of 10,000 invoices')).toBeInTheDocument()
  expect(queryOf(listCalls(requests)[1])).toEqual({ limit: '100', cursor: encodeCursor(100, {}) })
  // The rows already loaded stay; the button keeps the keyboard's place; screen readers hear the count.
  expect(within(table).getByRole('link', { name: 'GLBX-010000' })).toBeInTheDocument()
  expect(more).toHaveFocus()
  expect(await screen.findByText('200 of 10,000 invoices shown.')).toHaveAttribute('role', 'status')
})

test('filters go to the server, and the next page of a filtered list keeps them', async () => {
  const requests = logRequests()
  const { user } = await renderGlobex('/invoices?status=paid')

  await invoiceTable()
  const paid = await globexTotal('status=paid')
  expect(screen.getByText(`Showing 100 of ${paid.toLocaleString('en')} matching invoices`)).toBeInTheDocument()
  expect(queryOf(listCalls(requests)[0])).toEqual({ status: 'paid', limit: '100' })

  await user.click(screen.getByRole('button', { name: 'Load more invoices' }))
  await screen.findByText(`Showing 200 of ${paid.toLocaleString('en')} matching invoices`)
  expect(queryOf(listCalls(requests)[1])).toEqual({
    status: 'paid',
    limit: '100',
    cursor: encodeCursor(100, { status: 'paid' }),
  })

  await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'past_due')
  const pastDue = await globexTotal('status=past_due')
  expect(await screen.findByText(`Showing ${pastDue} of ${pastDue} matching invoices`)).toBeInTheDocument()
  expect(queryOf(listCalls(requests).at(-1))).toEqual({ status: 'past_due', limit: '100' })
  expect(screen.queryByRole('button', { name: 'Load more invoices' })).not.toBeInTheDocument()
})

test('a next page that fails keeps the loaded rows on screen, with a retry', async () => {
  let broken = true
  // A 500 is not retried and does not open the breaker: the section's own retry is the way.
  server.use(
    http.get('*/api/invoices', ({ request }) =>
      broken && new URL(request.url).searchParams.has('cursor')
        ? HttpResponse.json({ error: { code: 'internal', message: 'Boom' } }, { status: 500 })
        : undefined,
    ),
  )
  const { user } = await renderGlobex('/invoices')
  const table = await invoiceTable()

  await user.click(screen.getByRole('button', { name: 'Load more invoices' }))

  expect(await screen.findByText(/^Could not load more invoices\./)).toBeInTheDocument()
  expect(screen.getByText('Showing 100 of 10,000 invoices')).toBeInTheDocument()
  expect(within(table).getByRole('link', { name: 'GLBX-010000' })).toBeInTheDocument()

  broken = false
  await user.click(screen.getByRole('button', { name: 'Try again' }))

  expect(await screen.findByText('Showing 200 of 10,000 invoices')).toBeInTheDocument()
  expect(screen.queryByText(/^Could not load more invoices\./)).not.toBeInTheDocument()
})

test('a tampered cursor is refused by the server, and the list starts again from its first page', async () => {
  // The gateway's own first page, its cursor changed on the way to the app.
  const page = await gatewayPage('acc_globex', 'limit=100')
  let tamper = true
  server.use(
    http.get('*/api/invoices', ({ request }) => {
      if (!tamper || new URL(request.url).searchParams.has('cursor')) return undefined
      tamper = false
      return HttpResponse.json({ ...page, nextCursor: `${page.nextCursor}x` })
    }),
  )
  const requests = logRequests()
  const { user } = await renderGlobex('/invoices')
  await invoiceTable()

  await user.click(screen.getByRole('button', { name: 'Load more invoices' }))

  expect(await screen.findByText(/The billing API no longer accepts where this list left off\./)).toBeInTheDocument()
  expect(screen.getByText('Showing 100 of 10,000 invoices')).toBeInTheDocument()
  await user.click(screen.getByRole('button', { name: 'Start again from the first page' }))
  await user.click(await screen.findByRole('button', { name: 'Load more invoices' }))

  expect(await screen.findByText('Showing 200 of 10,000 invoices')).toBeInTheDocument()
  expect(listCalls(requests).map((r) => r.query.get('cursor'))).toEqual([
    null,
    `${encodeCursor(100, {})}x`,
    null,
    encodeCursor(100, {}),
  ])
})

test('during partial-invoices the search runs over the saved pages, says so, and asks the server nothing', async () => {
  const { user } = await renderGlobex('/invoices')
  await invoiceTable()
  await user.click(screen.getByRole('button', { name: 'Load more invoices' }))
  await screen.findByText('Showing 200 of 10,000 invoices')

  await useScenario('partial-invoices')
  const search = screen.getByRole('searchbox', { name: 'Search' })
  await user.type(search, 'glbx-0099')

  expect(await screen.findByText('Searching the 200 saved invoices.', {}, outage)).toBeInTheDocument()
  expect(screen.getByText('It looks at their numbers and descriptions.')).toBeInTheDocument()
  expect(screen.getByText(/^Saved data as of .+\(.+\)\. Billing is unavailable right now\./)).toBeInTheDocument()
  // GLBX-010000 down to GLBX-009801 were saved: GLBX-0099xx are 100 of them.
  expect(await screen.findByText('Showing 100 of 200 saved invoices')).toBeInTheDocument()
  expect(within(await invoiceTable()).getByRole('link', { name: 'GLBX-009999' })).toBeInTheDocument()

  const requests = logRequests()
  await user.clear(search)
  await user.type(search, 'GLBX-000001')
  await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'paid')

  expect(await screen.findByText('No invoices match these filters.')).toBeInTheDocument()
  expect(screen.getByText('Showing 0 of 200 saved invoices')).toBeInTheDocument()
  expect(listCalls(requests)).toEqual([])
})

test('during provider-down the saved search speaks Brazilian Portuguese', async () => {
  const { user } = await renderApp('/invoices')
  await invoiceTable()
  await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'pt-BR')

  await useScenario('provider-down')
  await user.type(screen.getByRole('searchbox', { name: 'Buscar' }), 'ACME-00003')

  expect(await screen.findByText('Buscando nas 36 faturas salvas.', {}, outage)).toBeInTheDocument()
  expect(screen.getByText('A busca considera o número e a descrição de cada uma.')).toBeInTheDocument()
  expect(screen.getByText(/^Dados salvos em .+\(.+\)\./)).toBeInTheDocument()
  // ACME-000030 to ACME-000036.
  expect(await screen.findByText('Mostrando 7 de 36 faturas salvas')).toBeInTheDocument()
})

test('a server that answers the same page again with a cursor is not asked in a loop by scrolling', async () => {
  const [newest] = (await gatewayPage('acc_acme', 'limit=1')).invoices
  server.use(http.get('*/api/invoices', () => HttpResponse.json({ invoices: [newest], nextCursor: 'again', total: 5 })))
  const requests = logRequests()
  await renderApp('/invoices')

  expect(within(await invoiceTable()).getByRole('link', { name: 'ACME-000036' })).toBeInTheDocument()
  await new Promise((resolve) => setTimeout(resolve, 300))

  // The first page, and the one next page the near-end asked for, which brought nothing new.
  expect(listCalls(requests)).toHaveLength(2)
  expect(screen.getByText('Showing 1 of 5 invoices')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Load more invoices' })).toBeInTheDocument()
})
