/**
 * During an outage the invoice search runs over what this browser saved: the list's pages, and the
 * invoices the admin opened, whose lines and billing address the list rows do not have. On the
 * billing gateway, with the outage at the simulated Zuora (partial-invoices).
 */
import { screen, within } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import type { InvoicePage } from '@/lib/api/schemas'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { useScenario } from '../support/scenario'

// Globex's 10,000 invoices are read from Zuora by the gateway before its first page: more than the default 15 s a test.
vi.setConfig({ testTimeout: 45_000 })

const invoiceTable = () => screen.findByRole('table', { name: 'Invoices, newest first' })
const nav = () => within(screen.getByRole('navigation', { name: 'Billing' }))
/** Outages are found through retries with back-off and the status poll: a few seconds. */
const outage = { timeout: 12_000 }

afterEach(() => useLocaleStore.getState().setLocale('en'))

test('during an outage the search finds the lines of an invoice the admin opened, and says what it covers', async () => {
  const { user } = await renderApp('/invoices')
  await user.click(within(await invoiceTable()).getByRole('link', { name: 'ACME-000036' }))
  expect(await screen.findByRole('cell', { name: 'Professional plan, 25 seats' })).toBeInTheDocument()
  await user.click(screen.getByRole('link', { name: /Back to invoices/ }))
  await invoiceTable()

  await useScenario('partial-invoices')
  // A line of ACME-000036 (ACME-000035 billed 25 seats too, but was not opened).
  await user.type(screen.getByRole('searchbox', { name: 'Search' }), '25 SEATS')

  expect(await screen.findByText('Searching the 36 saved invoices.', {}, outage)).toBeInTheDocument()
  expect(
    screen.getByText(
      'It looks at their numbers and descriptions, and at the lines and billing address of the 1 invoice you opened.',
    ),
  ).toBeInTheDocument()
  expect(await screen.findByText('Showing 1 of 36 saved invoices')).toBeInTheDocument()
  expect(within(await invoiceTable()).getByRole('link', { name: 'ACME-000036' })).toBeInTheDocument()

  await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'pt-BR')
  expect(
    await screen.findByText(
      'A busca considera o número e a descrição de cada uma, e os itens e o endereço de cobrança da 1 fatura que você abriu.',
    ),
  ).toBeInTheDocument()
  expect(screen.getByText('Mostrando 1 de 36 faturas salvas')).toBeInTheDocument()
})

test('an invoice opened from a link, beyond the pages the list loaded, is among the saved invoices searched', async () => {
  const globexOwner = await gatewayAs('owner', 'acc_globex')
  const found = await globexOwner.call<InvoicePage>('GET', '/invoices?q=GLBX-000777')
  const opened = found.invoices.find((invoice) => invoice.number === 'GLBX-000777')!
  const { user } = await renderApp(`/invoices/${opened.id}`, { account: 'acc_globex' })
  expect(await screen.findByRole('heading', { level: 1, name: 'Invoice GLBX-000777' })).toBeInTheDocument()
  await user.click(nav().getByRole('link', { name: 'Invoices' }))
  expect(await screen.findByText('Showing 100 of 10,000 invoices')).toBeInTheDocument()

  await useScenario('partial-invoices')
  await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'GLBX-000777')

  expect(await screen.findByText('Searching the 101 saved invoices.', {}, outage)).toBeInTheDocument()
  expect(await screen.findByText('Showing 1 of 101 saved invoices')).toBeInTheDocument()
  expect(within(await invoiceTable()).getByRole('link', { name: 'GLBX-000777' })).toBeInTheDocument()
})
