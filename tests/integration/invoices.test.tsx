/**
 * The invoice list and an invoice, the app on the billing gateway (tests/support/test-gateway.ts)
 * with the simulated Zuora behind it: Acme's 36-invoice demo history and Globex's 10,000
 * (mocks/zuora/invoice-book.ts), paged and searched by the gateway.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, expect, test, vi } from 'vitest'
import type { InvoicePage, InvoiceSummary } from '@/lib/api/schemas'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { server } from '../../mocks/node'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'

/** The owner looking at Globex, the account with 10,000 invoices. */
const renderGlobex = (path: string) => renderApp(path, { account: 'acc_globex' })

/** Acme's invoice of that number, as the gateway answers it (its id is Zuora's). */
async function acmeInvoice(number: string): Promise<InvoiceSummary> {
  const owner = await gatewayAs('owner')
  const page = await owner.call<InvoicePage>('GET', `/invoices?q=${number}`)
  const invoice = page.invoices.find((candidate) => candidate.number === number)
  if (!invoice) throw new Error(`The gateway has no invoice ${number} for Acme`)
  return invoice
}

// Globex's 10,000 invoices are read from Zuora by the gateway before its first page: more than the default 15 s a test.
vi.setConfig({ testTimeout: 45_000 })

/** Globex's first page waits for the gateway to read its 10,000 invoices from Zuora: seconds on a busy machine. */
const invoiceTable = () => screen.findByRole('table', { name: 'Invoices, newest first' }, { timeout: 15_000 })
const unavailable = () =>
  HttpResponse.json({ error: { code: 'provider_unavailable', message: 'Zuora is down' } }, { status: 503 })

/** happy-dom has no object URLs, and a click on a link would try to navigate: stand in for both. */
function stubFileDownloads() {
  const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL }
  URL.createObjectURL = vi.fn(() => 'blob:invoice')
  URL.revokeObjectURL = vi.fn()
  const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function () {})
  restore = () => {
    URL.createObjectURL = saved.create
    URL.revokeObjectURL = saved.revoke
  }
  return clicks
}
let restore: (() => void) | null = null
afterEach(() => {
  restore?.()
  restore = null
  // The language is the admin's own choice, kept in memory across tests: back to English.
  useLocaleStore.getState().setLocale('en')
})

test('the owner sees the invoice history and opens an invoice', async () => {
  const { user } = await renderApp('/invoices')

  expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument()
  const table = await invoiceTable()
  expect(screen.getByText('Showing 36 of 36 invoices')).toBeInTheDocument()
  expect(table).toHaveAttribute('aria-rowcount', '37')
  // The list scrolls in its own box, which the keyboard can reach and a screen reader can name.
  expect(screen.getByRole('region', { name: 'Invoice list, scrollable' })).toHaveAttribute('tabindex', '0')
  const newest = within(table).getAllByRole('row')[1]!
  expect(within(newest).getByRole('rowheader', { name: 'ACME-000036' })).toBeInTheDocument()
  expect(within(newest).getByRole('button', { name: 'Download PDF, invoice ACME-000036' })).toBeInTheDocument()

  await user.click(within(newest).getByRole('link', { name: 'ACME-000036' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Invoice ACME-000036' })).toBeInTheDocument()
  const lines = await screen.findByRole('table', { name: 'Lines' })
  expect(within(lines).getByRole('columnheader', { name: 'Unit price' })).toBeInTheDocument()
  expect(within(lines).getByRole('cell', { name: 'Professional plan, 25 seats' })).toBeInTheDocument()
  for (const total of ['Subtotal', 'Tax', 'Total'])
    expect(within(lines).getByRole('rowheader', { name: total })).toBeInTheDocument()
  expect(within(screen.getByRole('group', { name: 'Billed to' })).getByText('Acme Support')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Download PDF, invoice ACME-000036' })).toBeInTheDocument()
  expect(screen.getByRole('link', { name: /Back to invoices/ })).toHaveAttribute('href', '/invoices')
})

test('a 10,000-invoice history renders only a window of rows and narrows to a searched number', async () => {
  const requests = logRequests()
  const { user } = await renderGlobex('/invoices')

  const table = await invoiceTable()
  // The first page only; screen readers still learn the whole list's size.
  expect(screen.getByText('Showing 100 of 10,000 invoices')).toBeInTheDocument()
  expect(table).toHaveAttribute('aria-rowcount', '10001')
  // Virtualized: a screenful plus a margin, not 10,000 rows.
  expect(within(table).getAllByRole('link').length).toBeLessThan(60)
  expect(within(table).getByRole('link', { name: 'GLBX-010000' })).toBeInTheDocument()

  await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'glbx-004242')

  expect(await screen.findByText('Showing 1 of 1 matching invoice')).toBeInTheDocument()
  const match = within(await invoiceTable()).getAllByRole('row')[1]!
  expect(match).toHaveAttribute('aria-rowindex', '2')
  expect(within(match).getByRole('link', { name: 'GLBX-004242' })).toBeInTheDocument()
  // Said to screen readers once the typing has settled.
  expect(await screen.findByText('1 invoice matches the filters.')).toHaveAttribute('role', 'status')
  // The server searched, once the typing paused: not a request per key.
  const searches = requests.filter((r) => r.path === '/api/invoices' && r.query.has('q'))
  expect(searches.map((r) => r.query.get('q'))).toEqual(['glbx-004242'])
})

test('the way back from an invoice keeps the list filters', async () => {
  const { user } = await renderGlobex('/invoices')
  await invoiceTable()

  await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'GLBX-000777')
  await user.click(await screen.findByRole('link', { name: 'GLBX-000777' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Invoice GLBX-000777' })).toBeInTheDocument()
  await user.click(screen.getByRole('link', { name: /Back to invoices/ }))

  expect(await screen.findByText('Showing 1 of 1 matching invoice')).toBeInTheDocument()
  expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('GLBX-000777')
})

test('a status in the link filters the list', async () => {
  await renderApp('/invoices?status=void')

  const table = await invoiceTable()
  expect(screen.getByText('Showing 1 of 1 matching invoice')).toBeInTheDocument()
  expect(within(table).getByRole('link', { name: 'ACME-000007' })).toBeInTheDocument()
  expect(within(table).getByText('Void')).toBeInTheDocument()
  expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('void')
})

test('following the menu to Invoices starts again from the whole list', async () => {
  const { user } = await renderApp('/invoices?status=void')
  await invoiceTable()
  await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'ACME')

  await user.click(within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Invoices' }))

  expect(await screen.findByText('Showing 36 of 36 invoices')).toBeInTheDocument()
  expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('')
  expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('all')
})

test('issue dates in the link narrow the list, and a reversed range says why nothing matches', async () => {
  const dates = {
    'ACME-000030': (await acmeInvoice('ACME-000030')).issuedAt,
    'ACME-000031': (await acmeInvoice('ACME-000031')).issuedAt,
  }
  const issued = (number: keyof typeof dates) => dates[number]
  await renderApp(`/invoices?from=${issued('ACME-000030')}&to=${issued('ACME-000031')}`)

  const table = await invoiceTable()
  expect(screen.getByText('Showing 2 of 2 matching invoices')).toBeInTheDocument()
  expect(within(table).getByRole('link', { name: 'ACME-000031' })).toBeInTheDocument()
  expect(within(table).getByRole('link', { name: 'ACME-000030' })).toBeInTheDocument()
  expect(screen.getByLabelText('Issued from')).toHaveValue(issued('ACME-000030'))
  cleanup()

  await renderApp(`/invoices?from=${issued('ACME-000031')}&to=${issued('ACME-000030')}`)
  expect(await screen.findByText('No invoices match these filters.')).toBeInTheDocument()
  expect(screen.getByLabelText('Issued to')).toHaveAccessibleDescription(
    'This date is before “Issued from”, so no invoice can match.',
  )
})

test('the list speaks Brazilian Portuguese, with its dates and money', async () => {
  const { user } = await renderApp('/invoices')
  await invoiceTable()

  await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'pt-BR')

  expect(await screen.findByRole('heading', { level: 1, name: 'Faturas' })).toBeInTheDocument()
  expect(screen.getByText('Mostrando 36 de 36 faturas')).toBeInTheDocument()
  const table = screen.getByRole('table', { name: 'Faturas, das mais recentes para as mais antigas' })
  expect(within(table).getAllByText(/^US\$\s?[\d.]+,\d{2}$/).length).toBeGreaterThan(0)
  expect(within(table).getByRole('button', { name: 'Baixar PDF, fatura ACME-000036' })).toBeInTheDocument()
})

test('an unknown filter in the link is ignored with a message and the full list shows', async () => {
  await renderApp('/invoices?status=overdue&from=2024-02-30')

  await invoiceTable()
  expect(screen.getByText('Ignored unknown filters in the link: status=overdue, from=2024-02-30.')).toBeInTheDocument()
  expect(screen.getByText('Showing 36 of 36 invoices')).toBeInTheDocument()
  expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('all')
  expect(screen.getByLabelText('Issued from')).toHaveValue('')
})

test('when no invoice matches, clearing the filters brings the list back', async () => {
  const { user } = await renderApp('/invoices?status=paid')
  await invoiceTable()

  const search = screen.getByRole('searchbox', { name: 'Search' })
  await user.type(search, 'no such invoice')

  expect(await screen.findByText('No invoices match these filters.')).toBeInTheDocument()
  expect(screen.queryByRole('table', { name: 'Invoices, newest first' })).not.toBeInTheDocument()
  expect(screen.getByText('Showing 0 of 0 matching invoices')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Clear filters' }))

  expect(await screen.findByText('Showing 36 of 36 invoices')).toBeInTheDocument()
  expect(await invoiceTable()).toBeInTheDocument()
  expect(search).toHaveValue('')
  expect(search).toHaveFocus()
  expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('all')
})

test('an account without invoices says so', async () => {
  server.use(http.get('*/api/invoices', () => HttpResponse.json({ invoices: [], nextCursor: null, total: 0 })))
  await renderApp('/invoices')

  expect(await screen.findByText(/No invoices yet/)).toBeInTheDocument()
  expect(screen.queryByRole('table')).not.toBeInTheDocument()
})

test('downloading a PDF fetches it from the API and saves it under the invoice number', async () => {
  const clicks = stubFileDownloads()
  const { id } = await acmeInvoice('ACME-000036')
  const requests = logRequests()
  const { user } = await renderApp('/invoices')
  const table = await invoiceTable()

  await user.click(within(table).getByRole('button', { name: 'Download PDF, invoice ACME-000036' }))

  await waitFor(() => expect(clicks).toHaveBeenCalledTimes(1))
  const link = clicks.mock.contexts[0] as HTMLAnchorElement
  expect(link.download).toBe('invoice-ACME-000036.pdf')
  expect(requests.filter((r) => r.method === 'GET' && r.path === `/api/invoices/${id}/pdf`)).toHaveLength(1)
  expect(URL.createObjectURL).toHaveBeenCalledWith(expect.any(Blob))
  await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:invoice'))
})

test('a failed download says so and can be tried again', async () => {
  const clicks = stubFileDownloads()
  let broken = true
  // A 500 is not retried and one failure does not open the breaker: the retry goes out at once.
  server.use(
    http.get('*/api/invoices/:invoiceId/pdf', () =>
      broken ? HttpResponse.json({ error: { code: 'internal', message: 'Boom' } }, { status: 500 }) : undefined,
    ),
  )
  const { user } = await renderApp('/invoices')
  const table = await invoiceTable()

  await user.click(within(table).getByRole('button', { name: 'Download PDF, invoice ACME-000035' }))

  const alert = await screen.findByRole('alert')
  expect(alert).toHaveTextContent('Could not download invoice ACME-000035.')
  expect(alert).toHaveTextContent('Billing is unavailable right now.')
  expect(clicks).not.toHaveBeenCalled()

  broken = false
  await user.click(within(alert).getByRole('button', { name: 'Try again' }))

  await waitFor(() => expect(clicks).toHaveBeenCalledTimes(1))
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('when PDFs keep failing, downloads are paused with the reason while the list stays readable', async () => {
  stubFileDownloads()
  server.use(http.get('*/api/invoices/:invoiceId/pdf', unavailable))
  const { user } = await renderApp('/invoices')
  const table = await invoiceTable()

  await user.click(within(table).getByRole('button', { name: 'Download PDF, invoice ACME-000036' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('Could not download invoice ACME-000036.')
  // The retries opened the invoices breaker: every download control now says why it is paused.
  const reason = 'Unavailable: invoices and PDFs cannot be reached right now. We retry automatically.'
  expect(await screen.findByText('PDF downloads are paused.')).toBeInTheDocument()
  // With invoices down, the list is the saved one, and says so.
  expect(screen.getByText('Searching the 36 saved invoices.')).toBeInTheDocument()
  const saved = await invoiceTable()
  const download = within(saved).getByRole('button', { name: 'Download PDF, invoice ACME-000034' })
  expect(download).toHaveAttribute('aria-disabled', 'true')
  expect(download).toHaveAccessibleDescription(reason)
  expect(within(saved).getByRole('link', { name: 'ACME-000034' })).toBeInTheDocument()
})

test('when invoices are down, the list section says so and the rest of the page stays', async () => {
  server.use(http.get('*/api/invoices', unavailable))
  await renderApp('/invoices')

  expect(await screen.findByText('Invoice history is unavailable right now.')).toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 2, name: 'Filters' })).toBeInTheDocument()
  expect(screen.getByRole('searchbox', { name: 'Search' })).toBeEnabled()
  expect(screen.getByRole('navigation', { name: 'Billing' })).toBeInTheDocument()
  expect(screen.queryByRole('table')).not.toBeInTheDocument()
})

test('a list that failed once can be retried from its section', async () => {
  let broken = true
  // A 500 is not retried and does not open the breaker, so the section offers its own retry.
  server.use(
    http.get('*/api/invoices', () =>
      broken ? HttpResponse.json({ error: { code: 'internal', message: 'Boom' } }, { status: 500 }) : undefined,
    ),
  )
  const { user } = await renderApp('/invoices')

  expect(await screen.findByText('Invoice history is unavailable right now.')).toBeInTheDocument()
  broken = false
  await user.click(
    within(screen.getByRole('region', { name: 'Invoice history' })).getByRole('button', { name: 'Try again' }),
  )

  expect(await invoiceTable()).toBeInTheDocument()
  expect(screen.queryByText('Invoice history is unavailable right now.')).not.toBeInTheDocument()
})

test('an unknown invoice shows a clear not-found page with a way back', async () => {
  await renderApp('/invoices/inv_acme_999999')

  expect(await screen.findByRole('heading', { level: 1, name: 'Invoice not found' })).toBeInTheDocument()
  expect(screen.getByText(/We could not find this invoice/)).toBeInTheDocument()
  expect(screen.getByRole('link', { name: /Back to invoices/ })).toHaveAttribute('href', '/invoices')
})

test('an admin without billing rights can still read and download invoices', async () => {
  const clicks = stubFileDownloads()
  const { id } = await acmeInvoice('ACME-000030')
  const requests = logRequests()
  const { user } = await renderApp(`/invoices/${id}`, { as: 'viewer' })

  expect(await screen.findByRole('heading', { level: 1, name: 'Invoice ACME-000030' })).toBeInTheDocument()
  const download = screen.getByRole('button', { name: 'Download PDF, invoice ACME-000030' })
  expect(download).not.toHaveAttribute('aria-disabled')

  await user.click(download)

  await waitFor(() => expect(clicks).toHaveBeenCalledTimes(1))
  expect(requests.some((r) => r.path === `/api/invoices/${id}/pdf`)).toBe(true)
})
