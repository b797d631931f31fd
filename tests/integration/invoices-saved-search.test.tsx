/**
 * During an outage the invoice search runs over what this browser saved: the list's pages, and the
 * invoices the admin opened, whose lines and billing address the list rows do not have.
 */
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import { App } from '@/app/app'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { db } from '../../mocks/db'
import { demoUsers, renderApp } from '../support/render-app'
import { useScenario } from '../support/scenario'

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
  db.signInAs(demoUsers.owner)
  db.switchAccount('acc_globex')
  const opened = db.getInvoices('acc_globex').find((invoice) => invoice.number === 'GLBX-000777')!
  const user = userEvent.setup()
  render(<App initialPath={`/invoices/${opened.id}`} />)
  expect(await screen.findByRole('heading', { level: 1, name: 'Invoice GLBX-000777' })).toBeInTheDocument()
  await user.click(nav().getByRole('link', { name: 'Invoices' }))
  expect(await screen.findByText('Showing 100 of 10,000 invoices')).toBeInTheDocument()

  await useScenario('partial-invoices')
  await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'GLBX-000777')

  expect(await screen.findByText('Searching the 101 saved invoices.', {}, outage)).toBeInTheDocument()
  expect(await screen.findByText('Showing 1 of 101 saved invoices')).toBeInTheDocument()
  expect(within(await invoiceTable()).getByRole('link', { name: 'GLBX-000777' })).toBeInTheDocument()
})
