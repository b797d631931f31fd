/**
 * Who receives invoices by email, on the billing gateway inside MSW with the Zuora simulator: the
 * admin adds and removes addresses, turns invoice emails off, and sees the details saved (and the
 * simulated Zuora holding them); an address that is not one, or that repeats the billing contact's,
 * is named on its field and in the summary, and nothing is sent; five is the most, and the list
 * works from the keyboard.
 */
import { screen, within } from '@testing-library/react'
import { expect, onTestFinished, test } from 'vitest'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import type { StoredSimState } from '../../mocks/zuora/state-json'
import type { InPageGateway } from '../../mocks/in-page/in-page-gateway'
import { renderAppOnGateway } from '../support/render-on-gateway'
import { logRequests } from '../support/request-log'

const detailsSection = async () => {
  const heading = await screen.findByRole('heading', { name: 'Billing contact and address' })
  const section = heading.closest('section')
  if (!section) throw new Error('The billing details heading is not in a section')
  return within(section)
}

async function openEditor() {
  const rendered = await renderAppOnGateway('/billing-details')
  const section = await detailsSection()
  await section.findByText('No other addresses')
  await rendered.user.click(section.getByRole('button', { name: 'Edit billing details' }))
  await section.findByRole('textbox', { name: 'Name' })
  return { ...rendered, section }
}

/** Acme's account at the simulated Zuora behind the page's gateway. */
const acmeAtZuora = (page: InPageGateway) => {
  const { state } = page.simulator.control.exportState() as StoredSimState
  return state.accounts.find((account) => account.accountNumber === 'A00000001')
}

test('the owner adds two addresses, turns invoice emails off and sees them saved, at Zuora too', async () => {
  const { user, section, page } = await openEditor()
  // Read from the simulated Zuora: emailed, to nobody else yet.
  const emailInvoices = section.getByRole('checkbox', {
    name: 'Email each invoice to the billing contact and to the addresses below',
  })
  expect(emailInvoices).toBeChecked()
  expect(section.getByText('Up to 5 addresses besides the billing contact’s email.')).toBeInTheDocument()

  await user.click(section.getByRole('button', { name: 'Add an address' }))
  const first = section.getByRole('textbox', { name: 'Address 1' })
  expect(first).toHaveFocus()
  await user.type(first, 'ap@acme.test')
  await user.click(section.getByRole('button', { name: 'Add an address' }))
  expect(section.getByRole('textbox', { name: 'Address 2' })).toHaveFocus()
  await user.keyboard('cfo@acme.test')
  await user.click(emailInvoices)
  expect(emailInvoices).not.toBeChecked()
  expect(emailInvoices).toHaveAccessibleDescription(
    'While this is off no invoice is emailed; the addresses below are kept.',
  )
  await user.click(section.getByRole('button', { name: 'Save billing details' }))

  expect(await screen.findByText('Billing details saved')).toBeInTheDocument()
  expect(await section.findByText('ap@acme.test')).toBeInTheDocument()
  expect(section.getByText('cfo@acme.test')).toBeInTheDocument()
  expect(section.getByText('Email invoices').nextElementSibling).toHaveTextContent('No')
  expect(acmeAtZuora(page)).toMatchObject({
    invoiceDeliveryPrefsEmail: false,
    additionalEmailAddresses: ['ap@acme.test', 'cfo@acme.test'],
  })
}, 20_000)

test('an address that is not one, or is the billing contact’s, is named on its field and in the summary; nothing is sent', async () => {
  const requests = logRequests()
  const { user, section } = await openEditor()
  await user.click(section.getByRole('button', { name: 'Add an address' }))
  await user.keyboard('not-an-email')
  await user.click(section.getByRole('button', { name: 'Add an address' }))
  await user.keyboard('Billing@Acme.test')
  await user.click(section.getByRole('button', { name: 'Add an address' }))
  await user.keyboard('ap@acme.test')
  await user.click(section.getByRole('button', { name: 'Save billing details' }))

  const first = section.getByRole('textbox', { name: 'Address 1' })
  const second = section.getByRole('textbox', { name: 'Address 2' })
  expect(first).toHaveAccessibleDescription('Enter an email address like name@example.com.')
  expect(first).toHaveAttribute('aria-invalid', 'true')
  expect(second).toHaveAccessibleDescription('This is the billing contact’s email, which receives invoices already.')
  expect(section.getByRole('textbox', { name: 'Address 3' })).not.toHaveAttribute('aria-invalid')
  expect(first).toHaveFocus()
  const summary = section.getByRole('alert')
  expect(summary).toHaveTextContent('Fix 2 fields to save:')
  await user.click(
    within(summary).getByRole('button', {
      name: 'Address 2: This is the billing contact’s email, which receives invoices already.',
    }),
  )
  expect(second).toHaveFocus()
  expect(requests.filter((request) => request.method === 'PUT')).toEqual([])

  // Fixing a field clears its message; a repeat of another address is named too.
  await user.clear(first)
  await user.type(first, 'AP@acme.test')
  expect(first).not.toHaveAttribute('aria-invalid')
  await user.click(section.getByRole('button', { name: 'Remove address 2' }))
  await user.click(section.getByRole('button', { name: 'Save billing details' }))
  expect(section.getByRole('textbox', { name: 'Address 2' })).toHaveAccessibleDescription(
    'This address is already in the list.',
  )
  expect(requests.filter((request) => request.method === 'PUT')).toEqual([])
}, 20_000)

test('five addresses at most, and the list works from the keyboard', async () => {
  const { user, section } = await openEditor()
  const add = () => section.getByRole('button', { name: 'Add an address' })
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    add().focus()
    await user.keyboard('{Enter}')
    await user.keyboard(`${name}@acme.test`)
  }
  expect(section.queryByRole('button', { name: 'Add an address' })).not.toBeInTheDocument()
  expect(
    section.getByText('That is 5 addresses, the most there can be. Remove one to add another.'),
  ).toBeInTheDocument()

  // Removing one (Space on its button) puts focus on the address that takes its place.
  section.getByRole('button', { name: 'Remove address 2' }).focus()
  await user.keyboard(' ')
  expect(section.getByRole('textbox', { name: 'Address 2' })).toHaveValue('c@acme.test')
  expect(section.getByRole('textbox', { name: 'Address 2' })).toHaveFocus()
  expect(add()).toBeInTheDocument()

  // The last one gone, focus is back on the add button.
  for (let left = 4; left > 0; left -= 1) {
    section.getByRole('button', { name: `Remove address ${left}` }).focus()
    await user.keyboard('{Enter}')
  }
  expect(section.queryByRole('textbox', { name: 'Address 1' })).not.toBeInTheDocument()
  expect(add()).toHaveFocus()
}, 20_000)

test('in Brazilian Portuguese', async () => {
  useLocaleStore.getState().setLocale('pt-BR')
  onTestFinished(() => useLocaleStore.getState().setLocale('en'))
  const { user } = await renderAppOnGateway('/billing-details')
  expect(await screen.findByRole('heading', { name: 'Faturas por e-mail' })).toBeInTheDocument()
  expect(screen.getByText('Nenhum outro endereço')).toBeInTheDocument()
  await user.click(screen.getByRole('button', { name: 'Editar dados de cobrança' }))
  await user.click(await screen.findByRole('button', { name: 'Adicionar endereço' }))
  expect(screen.getByRole('textbox', { name: 'Endereço 1' })).toHaveFocus()
  expect(screen.getByRole('button', { name: 'Remover endereço 1' })).toBeInTheDocument()
}, 20_000)
