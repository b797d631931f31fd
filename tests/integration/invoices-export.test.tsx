/**
 * "Export CSV" on the invoice list, on the billing gateway inside MSW with the Zuora simulator: the
 * file is the gateway's, with the filters in force; during an outage it is written in the browser
 * from the saved invoices, and the page says so before and after. A file the gateway answered from
 * its copy (Zuora down, the app not yet aware) says how old it is.
 */
import { screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, expect, test, vi } from 'vitest'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { server } from '../../mocks/node'
import { renderApp } from '../support/render-app'
import { renderAppOnGateway } from '../support/render-on-gateway'
import { logRequests } from '../support/request-log'

const invoiceTable = () => screen.findByRole('table', { name: 'Invoices, newest first' })
const header = 'number,issued,due,status,total,currency,description'

/** happy-dom has no object URLs, and a click on a link would try to navigate: stand in for both, keeping the files. */
function stubFileDownloads() {
  const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL }
  const files: Blob[] = []
  URL.createObjectURL = vi.fn((blob: Blob) => {
    files.push(blob)
    return 'blob:invoices'
  })
  URL.revokeObjectURL = vi.fn()
  const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function () {})
  restore = () => {
    URL.createObjectURL = saved.create
    URL.revokeObjectURL = saved.revoke
  }
  /** The downloaded file's name and its rows (without the byte order mark, the header and the last line end). */
  const downloaded = async (index = 0) => {
    const file = files[index]
    if (!file) throw new Error('Nothing was downloaded')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.arrayBuffer())
    expect(text.startsWith(`\uFEFF${header}\r\n`)).toBe(true)
    const rows = text.slice(1, -2).split('\r\n').slice(1)
    return { name: (clicks.mock.contexts[index] as HTMLAnchorElement).download, rows }
  }
  return { clicks, downloaded }
}
let restore: (() => void) | null = null
afterEach(() => {
  restore?.()
  restore = null
  useLocaleStore.getState().setLocale('en')
})

test('Export CSV downloads every invoice matching the filters, from the gateway', async () => {
  const { clicks, downloaded } = stubFileDownloads()
  const requests = logRequests()
  const { user } = await renderAppOnGateway('/invoices?status=paid')
  await invoiceTable()
  const [, total] =
    /of ([\d,]+) matching invoices/.exec((await screen.findByText(/matching invoices/)).textContent ?? '') ?? []
  expect(total).toBeDefined()
  expect(screen.getByText('Every invoice that matches the filters, as a spreadsheet file.')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Export CSV' }))

  expect(await screen.findByText('CSV downloaded.')).toBeInTheDocument()
  expect(clicks).toHaveBeenCalledTimes(1)
  const { name, rows } = await downloaded()
  expect(name).toMatch(/^invoices-\d{4}-\d{2}-\d{2}\.csv$/)
  expect(rows).toHaveLength(Number(total?.replace(/,/g, '')))
  expect(rows.every((row) => row.split(',')[3] === 'paid')).toBe(true)
  const exports = requests.filter((request) => request.path === '/api/invoices/export.csv')
  expect(exports.map((request) => request.query.toString())).toEqual(['status=paid'])
  await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:invoices'))
}, 20_000)

test('during an outage the file is the saved invoices only, filtered, and the page says so before and after', async () => {
  const { downloaded } = stubFileDownloads()
  const requests = logRequests()
  const { user, page } = await renderAppOnGateway('/invoices')
  await invoiceTable()
  // Every invoice of the account is on the first page: all of them are saved.
  const [, count] =
    /^Showing ([\d,]+) of \1 invoices$/.exec((await screen.findByText(/^Showing/)).textContent ?? '') ?? []
  await page.scenarios.select('provider-down', {})

  expect(
    await screen.findByText(`Searching the ${count} saved invoices.`, {}, { timeout: 20_000, interval: 200 }),
  ).toBeInTheDocument()
  // Before: what the file will hold, and how old it is.
  const exportButton = screen.getByRole('button', { name: 'Export CSV' })
  expect(exportButton).toHaveAccessibleDescription(/^Saved invoices only, as of .+\. Billing is not answering/)
  await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'paid')
  const [, shown] = /Showing ([\d,]+) of/.exec((await screen.findByText(/saved invoices$/)).textContent ?? '') ?? []

  await user.click(exportButton)

  // After: how many, and as of when.
  expect(
    await screen.findByText(
      /^\d+ saved invoices only, as of .+: invoices not saved in this browser are not in the file\.$/,
    ),
  ).toBeInTheDocument()
  const { name, rows } = await downloaded()
  expect(name).toMatch(/^invoices-saved-\d{4}-\d{2}-\d{2}\.csv$/)
  expect(rows.length).toBeGreaterThan(0)
  expect(String(rows.length)).toBe(shown)
  expect(rows.every((row) => row.split(',')[3] === 'paid')).toBe(true)
  expect(requests.filter((request) => request.path === '/api/invoices/export.csv')).toEqual([])
}, 40_000)

test('a file billing answered from its copy says how old it is', async () => {
  const { downloaded } = stubFileDownloads()
  const asOf = new Date(Date.now() - 20 * 60_000).toISOString()
  // The gateway's answer while Zuora is down and the app has not noticed yet: its index, as last synced.
  server.use(
    http.get(
      '*/api/invoices/export.csv',
      () =>
        new HttpResponse(
          `\uFEFF${header}\r\nACME-000036,2026-03-14,2026-04-13,open,1225.00,USD,Professional plan\r\n`,
          {
            headers: { 'Content-Type': 'text/csv; charset=utf-8', 'X-Billing-Copy-As-Of': asOf },
          },
        ),
    ),
  )
  const { user } = await renderApp('/invoices')
  await invoiceTable()
  await user.click(screen.getByRole('button', { name: 'Export CSV' }))

  expect(
    await screen.findByText(
      /^Billing is not answering: the file holds the invoices as billing last saw them, as of .+\. Newer changes are not in it\.$/,
      {},
      { timeout: 15_000 },
    ),
  ).toBeInTheDocument()
  expect((await downloaded()).rows).toEqual(['ACME-000036,2026-03-14,2026-04-13,open,1225.00,USD,Professional plan'])
}, 30_000)

test('in Brazilian Portuguese', async () => {
  useLocaleStore.getState().setLocale('pt-BR')
  await renderAppOnGateway('/invoices')
  expect(await screen.findByRole('button', { name: 'Exportar CSV' })).toHaveAccessibleDescription(
    'Todas as faturas que correspondem aos filtros, em um arquivo de planilha.',
  )
}, 20_000)
