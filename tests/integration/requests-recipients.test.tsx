/**
 * Invoice recipients asked for through a change request, on the billing gateway inside MSW with the
 * simulated Zuora: the admin without billing rights asks from the billing details page, with the
 * billing admin's own list and rules, and in any provider state; the billing admin sees what
 * changes from what and approves it, which replaces the recipients at Zuora as their own edit
 * would (the rest of the details kept, nothing ordered), paused with its reason in maintenance. A
 * request the account already matches offers only declining. Acme: invoices emailed, to nobody
 * besides the billing contact (billing@acme.test).
 */
import { screen, within } from '@testing-library/react'
import { expect, onTestFinished, test } from 'vitest'
import type { ChangeRequestInput } from '@/lib/api/change-request-schemas'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import type { InPageGateway } from '../../mocks/in-page/in-page-gateway'
import type { StoredSimState } from '../../mocks/zuora/state-json'
import { seedRequest } from '../support/change-requests'
import { renderAppOnGateway } from '../support/render-on-gateway'
import { logRequests } from '../support/request-log'
import { testGateway } from '../support/test-gateway'

/** Acme's account at the simulated Zuora behind the page's gateway. */
const acmeAtZuora = (page: InPageGateway) => {
  const { state } = page.simulator.control.exportState() as StoredSimState
  return state.accounts.find((account) => account.accountNumber === 'A00000001')
}

const isPaused = (button: HTMLElement) =>
  button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true'

const askFor = (emailInvoices: boolean, additional: string[]): Partial<ChangeRequestInput> => ({
  items: [{ type: 'invoiceRecipients', emailInvoices, additional }],
  note: 'Accounts payable wants a copy.',
  estimate: null,
  basis: { planId: null, seats: null },
})

/** The billing details section, once the details show in it. */
async function detailsSection() {
  const heading = await screen.findByRole('heading', {
    name: /^(Billing contact and address|Contato e endereço de cobrança)$/,
  })
  const section = heading.closest('section')
  if (!section) throw new Error('The billing details heading is not in a section')
  await within(section).findByText(/^(No other addresses|Nenhum outro endereço)$/, {}, { timeout: 10_000 })
  return within(section)
}

type User = Awaited<ReturnType<typeof renderAppOnGateway>>['user']

async function openAsk(user: User, section: Awaited<ReturnType<typeof detailsSection>>) {
  const ask = section.getByRole('button', { name: 'Ask to change invoice emails' })
  await expect.poll(() => isPaused(ask), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(ask)
  return within(section.getByRole('form', { name: 'Ask to change who receives invoices' }))
}

test('the viewer asks with the owner’s list and rules; nothing changes until approved; the request shows from what to what', async () => {
  const requests = logRequests()
  const { user, page } = await renderAppOnGateway('/billing-details', { as: 'viewer' })
  const section = await detailsSection()
  // The billing admin's edit is not theirs; asking is.
  expect(section.getByRole('button', { name: 'Edit billing details' })).toHaveAttribute('aria-disabled', 'true')
  const form = await openAsk(user, section)
  expect(
    form.getByText('A billing admin approves or declines your request. Nothing changes before then.'),
  ).toBeVisible()
  const emailInvoices = form.getByRole('checkbox', {
    name: 'Email each invoice to the billing contact and to the addresses below',
  })
  expect(emailInvoices).toBeChecked()
  expect(emailInvoices).toHaveFocus()

  // The contact's own address is refused as on the owner's form, and nothing is sent.
  await user.click(form.getByRole('button', { name: 'Add an address' }))
  await user.keyboard('Billing@Acme.test')
  await user.click(form.getByRole('button', { name: 'Send request' }))
  const first = form.getByRole('textbox', { name: 'Address 1' })
  expect(first).toHaveAccessibleDescription('This is the billing contact’s email, which receives invoices already.')
  expect(first).toHaveFocus()
  expect(form.getByRole('alert')).toHaveTextContent('Fix 1 field to send:')
  expect(requests.filter((request) => request.method === 'POST' && request.path === '/api/change-requests')).toEqual([])

  await user.clear(first)
  await user.type(first, 'ap@acme.test')
  await user.click(emailInvoices)
  await user.type(form.getByRole('textbox', { name: 'Note for the billing admin (optional)' }), 'They pay the bills.')
  await user.click(form.getByRole('button', { name: 'Send request' }))

  expect(
    await section.findByText(
      'You asked a billing admin to change who receives invoices: your request is waiting for a decision. Nothing changes until it is approved.',
    ),
  ).toBeInTheDocument()
  expect(section.getByRole('link', { name: 'See your requests' })).toHaveFocus()
  // One request at a time: no second ask while this one waits.
  expect(section.queryByRole('button', { name: 'Ask to change invoice emails' })).not.toBeInTheDocument()
  // Nothing changed yet, here or at Zuora.
  expect(section.getByText('No other addresses')).toBeInTheDocument()
  expect(acmeAtZuora(page)).toMatchObject({ invoiceDeliveryPrefsEmail: true, additionalEmailAddresses: [] })

  await user.click(section.getByRole('link', { name: 'See your requests' }))
  const mine = await screen.findByRole('region', { name: 'Your requests' })
  const asked = await within(mine).findByRole(
    'article',
    { name: 'Invoice emails: on → off; other addresses: none → ap@acme.test' },
    { timeout: 10_000 },
  )
  expect(within(asked).getByText('Note: They pay the bills.')).toBeInTheDocument()
  expect(within(asked).getByText('Waiting for a billing admin')).toBeInTheDocument()

  // Back on billing details later (a new visit): the waiting request is said, not offered again.
  await user.click(screen.getByRole('link', { name: 'Billing details' }))
  const again = await detailsSection()
  expect(
    await again.findByText(/^You asked a billing admin to change who receives invoices/, {}, { timeout: 10_000 }),
  ).toBeInTheDocument()
  expect(again.queryByRole('button', { name: 'Ask to change invoice emails' })).not.toBeInTheDocument()
}, 40_000)

test('asking works while Zuora is down: the form opened before the outage sends its request', async () => {
  const { user } = await renderAppOnGateway('/billing-details', { as: 'viewer' })
  const form = await openAsk(user, await detailsSection())
  await user.click(form.getByRole('button', { name: 'Add an address' }))
  await user.keyboard('ap@acme.test')

  await testGateway().scenarios.select('provider-down', {})
  await user.click(form.getByRole('button', { name: 'Send request' }))
  expect(
    await screen.findByText(/^You asked a billing admin to change who receives invoices/, {}, { timeout: 10_000 }),
  ).toBeInTheDocument()
  const stored = (await testGateway().gateway().deps.own.read()).changeRequests ?? []
  expect(stored.map((s) => s.request.items)).toEqual([
    [{ type: 'invoiceRecipients', emailInvoices: true, additional: ['ap@acme.test'] }],
  ])
}, 30_000)

test('the owner approves: the recipients are replaced at Zuora, the rest kept, nothing ordered; billing details show them', async () => {
  await seedRequest(askFor(false, ['ap@acme.test', 'cfo@acme.test']))
  const { user, page } = await renderAppOnGateway('/requests')
  const before = acmeAtZuora(page)

  const open = await screen.findByRole('region', { name: 'Open requests' })
  const card = await within(open).findByRole(
    'article',
    { name: 'Invoice emails: on → off; other addresses: none → ap@acme.test, cfo@acme.test' },
    { timeout: 10_000 },
  )
  expect(within(card).getByText(`Asked by Bruno Lima on`, { exact: false })).toBeInTheDocument()
  const approve = within(card).getByRole('button', { name: 'Approve and change invoice emails' })
  await expect.poll(() => isPaused(approve), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(approve)

  expect(
    await screen.findByText(
      /^Approved: Invoice emails: off; other addresses: ap@acme.test, cfo@acme.test\. Billing details show it\.$/,
      {},
      { timeout: 10_000 },
    ),
  ).toBeVisible()
  const earlier = await screen.findByRole('region', { name: 'Earlier requests' })
  expect(await within(earlier).findByText('Approved by Ana Souza: invoice emails were changed.')).toBeInTheDocument()
  expect(acmeAtZuora(page)).toEqual({
    ...before,
    invoiceDeliveryPrefsEmail: false,
    additionalEmailAddresses: ['ap@acme.test', 'cfo@acme.test'],
  })
  expect(Object.keys(page.simulator.control.exportState().state.orders)).toEqual([])

  await user.click(screen.getByRole('link', { name: 'Billing details' }))
  const heading = await screen.findByRole('heading', { name: 'Billing contact and address' })
  const section = within(heading.closest('section') as HTMLElement)
  expect(await section.findByText('cfo@acme.test')).toBeInTheDocument()
  expect(section.getByText('Email invoices').nextElementSibling).toHaveTextContent('No')
}, 40_000)

test('in maintenance, approving is paused with its reason; declining is not', async () => {
  await seedRequest(askFor(true, ['ap@acme.test']))
  const { user, page } = await renderAppOnGateway('/requests')
  const card = await within(await screen.findByRole('region', { name: 'Open requests' })).findByRole(
    'article',
    { name: 'Invoice emails: on; other addresses: none → ap@acme.test' },
    { timeout: 10_000 },
  )
  await page.scenarios.select('maintenance', {})
  const approve = within(card).getByRole('button', { name: 'Approve and change invoice emails' })
  await expect.poll(() => isPaused(approve), { timeout: 20_000, interval: 200 }).toBe(true)
  expect(approve).toHaveAccessibleDescription('Paused: billing is in maintenance')
  await user.click(approve)
  expect(acmeAtZuora(page)).toMatchObject({ additionalEmailAddresses: [] })
  expect(within(card).getByText('Waiting for a billing admin')).toBeInTheDocument()
  expect(isPaused(within(card).getByRole('button', { name: 'Decline' }))).toBe(false)
}, 40_000)

test('in Portuguese: a request the account already matches says so, and only declining is offered', async () => {
  useLocaleStore.getState().setLocale('pt-BR')
  onTestFinished(() => useLocaleStore.getState().setLocale('en'))
  await seedRequest(askFor(true, []))
  await renderAppOnGateway('/requests')
  const open = await screen.findByRole('region', { name: 'Pedidos em aberto' })
  const card = await within(open).findByRole(
    'article',
    { name: 'Faturas por e-mail: ativadas; outros endereços: nenhum' },
    { timeout: 10_000 },
  )
  expect(
    await within(card).findByText('Este pedido não faz mais sentido: as faturas por e-mail já estão como ele pede.'),
  ).toBeInTheDocument()
  expect(within(card).queryByRole('button', { name: /^Aprovar/ })).not.toBeInTheDocument()
  expect(within(card).getByRole('button', { name: 'Recusar' })).toBeInTheDocument()
}, 30_000)

test('in Portuguese and from the keyboard, the viewer’s ask form and its answer', async () => {
  useLocaleStore.getState().setLocale('pt-BR')
  onTestFinished(() => useLocaleStore.getState().setLocale('en'))
  const { user } = await renderAppOnGateway('/billing-details', { as: 'viewer' })
  const section = await detailsSection()
  const askButton = () => section.getByRole('button', { name: 'Pedir para alterar as faturas por e-mail' })
  await expect.poll(() => isPaused(askButton()), { timeout: 10_000, interval: 100 }).toBe(false)
  askButton().focus()
  await user.keyboard('{Enter}')
  const formNamed = () => section.getByRole('form', { name: 'Pedir para alterar quem recebe as faturas' })
  // Cancelled, the form goes and focus is back on the button that opened it.
  within(formNamed()).getByRole('button', { name: 'Cancelar' }).focus()
  await user.keyboard('{Enter}')
  expect(section.queryByRole('form')).not.toBeInTheDocument()
  expect(askButton()).toHaveFocus()

  await user.keyboard(' ')
  const form = within(formNamed())
  form.getByRole('button', { name: 'Adicionar endereço' }).focus()
  await user.keyboard('{Enter}')
  expect(form.getByRole('textbox', { name: 'Endereço 1' })).toHaveFocus()
  await user.keyboard('ap@acme.test')
  form.getByRole('button', { name: 'Enviar pedido' }).focus()
  await user.keyboard('{Enter}')
  expect(
    await section.findByText(
      'Você pediu a um administrador de cobrança para alterar quem recebe as faturas: seu pedido aguarda uma decisão. Nada muda até que ele seja aprovado.',
    ),
  ).toBeInTheDocument()
  expect(section.getByRole('link', { name: 'Ver seus pedidos' })).toHaveFocus()
}, 30_000)
