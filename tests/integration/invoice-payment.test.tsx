/**
 * Paying an invoice, the app on the billing gateway inside MSW with the simulated Zuora behind it:
 * from the list to the invoice's confirmation (the amount due, the card on file), paid once however
 * often it is clicked, an answer lost on the way back checked again under the same key, a declined
 * card said in the admin's words, and the action shown disabled with its reason for a viewer and
 * while payments are down.
 */
import { screen, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import type { InPageGateway } from '../../mocks/in-page/in-page-gateway'
import { server } from '../../mocks/node'
import { renderAppOnGateway } from '../support/render-on-gateway'

/**
 * Acme's seeded history as of the 17th two months ago: its invoice of the 12th then was still open,
 * due on the 26th, so today it is past due (the only invoice with anything to pay).
 */
function acmeInvoicePastDue(page: InPageGateway, cardLast4?: string): void {
  const stored = page.simulator.control.exportState()
  const today = new Date()
  stored.state.seededOn = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 2, 17))
    .toISOString()
    .slice(0, 10)
  if (cardLast4) {
    const acme = stored.state.accounts.find((account) => account.accountNumber === 'A00000001')
    const card = acme?.defaultPaymentMethodId ? stored.state.paymentMethods[acme.defaultPaymentMethodId] : undefined
    if (!card) throw new Error('Acme has no card on file in the simulator')
    card.last4 = cardLast4
  }
  expect(page.simulator.control.importState(stored)).toBe(true)
}

const charges = (page: InPageGateway) =>
  page.simulator.control.calls().filter((call) => call.operation === 'createPayment')

/** From the list: the past-due row's "Pay now", which opens the invoice with its confirmation. */
async function openConfirmation(user: Awaited<ReturnType<typeof renderAppOnGateway>>['user']) {
  const table = await screen.findByRole('table', { name: 'Invoices, newest first' }, { timeout: 10_000 })
  const row = (await within(table).findByText('Past due', {}, { timeout: 5_000 })).closest('tr')
  if (!row) throw new Error('No past-due row')
  await user.click(within(row).getByRole('button', { name: /^Pay now, invoice ACME-/ }))
  return screen.findByRole('region', { name: /^Pay invoice ACME-/ })
}

test('a past-due invoice is paid from the list: amount due and card, a confirmation, then it reads paid', async () => {
  const { page, user } = await renderAppOnGateway('/invoices', { prepare: (p) => acmeInvoicePastDue(p) })
  const confirmation = await openConfirmation(user)
  const due = within(confirmation).getByText('Amount due').nextElementSibling?.textContent ?? ''
  expect(due).toMatch(/^\$[\d,]+\.\d\d$/)
  expect(await within(confirmation).findByText(/Visa ending in 4242/)).toBeInTheDocument()
  expect(within(confirmation).getByRole('link', { name: 'Use another card' })).toHaveAttribute(
    'href',
    '/payment-method',
  )

  await user.click(within(confirmation).getByRole('button', { name: `Pay ${due}` }))
  expect(await screen.findByText('Payment received', {}, { timeout: 10_000 })).toBeInTheDocument()
  expect(screen.getByText(new RegExp(`^Payment P-\\d+: \\${due} charged to the card on file`))).toBeInTheDocument()
  expect(document.querySelector('.page-description .badge')).toHaveTextContent('Paid')
  expect(screen.queryByRole('button', { name: 'Pay now' })).toBeNull()
  expect(charges(page)).toHaveLength(1)

  // The list says paid too: no invoice is left to pay.
  await user.click(screen.getByRole('link', { name: /Back to invoices/ }))
  const table = await screen.findByRole('table', { name: 'Invoices, newest first' })
  await expect.poll(() => within(table).queryByText('Past due'), { timeout: 10_000 }).toBeNull()
  expect(within(table).queryByRole('button', { name: /^Pay now/ })).toBeNull()
}, 30_000)

test('a double click on the confirmation pays once: one request, one charge', async () => {
  const sent: string[] = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST' && /\/invoices\/[^/]+\/payments$/.test(new URL(request.url).pathname))
      sent.push(request.headers.get('Idempotency-Key') ?? '')
  })
  const { page, user } = await renderAppOnGateway('/invoices', { prepare: (p) => acmeInvoicePastDue(p) })
  const confirmation = await openConfirmation(user)
  await within(confirmation).findByText(/Visa ending in 4242/)
  await user.dblClick(within(confirmation).getByRole('button', { name: /^Pay \$/ }))
  expect(await screen.findByText('Payment received', {}, { timeout: 10_000 })).toBeInTheDocument()
  expect(sent).toHaveLength(1)
  expect(charges(page)).toHaveLength(1)
}, 30_000)

/** Zuora's answer to a repeat of a key whose first request is still being processed. */
const stillProcessing = () =>
  Response.json(
    {
      success: false,
      reasons: [{ code: 53100030, message: 'A request with this Idempotency-Key is still being processed.' }],
    },
    { status: 409 },
  )

const isPayment = (request: Request) => request.method === 'POST' && new URL(request.url).pathname === '/v1/payments'

test('an answer lost after Zuora charged: the invoice read back says paid, and it was charged once', async () => {
  const keys: string[] = []
  const { page, user } = await renderAppOnGateway('/invoices', {
    prepare: (p) => {
      acmeInvoicePastDue(p)
      const handle = p.simulator.handle
      p.simulator.handle = async (request) => {
        if (!isPayment(request)) return handle(request)
        keys.push(request.headers.get('Idempotency-Key') ?? '')
        if (keys.length > 1) return stillProcessing()
        await handle(request)
        throw new TypeError('fetch failed: connection reset') // charged, but the answer is lost
      }
    },
  })
  const confirmation = await openConfirmation(user)
  await within(confirmation).findByText(/Visa ending in 4242/)
  await user.click(within(confirmation).getByRole('button', { name: /^Pay \$/ }))

  expect(await screen.findByText('This invoice is paid.', {}, { timeout: 10_000 })).toBeInTheDocument()
  expect(document.querySelector('.page-description .badge')).toHaveTextContent('Paid')
  expect(new Set(keys).size).toBe(1)
  expect(page.simulator.control.exportState().state.payments).toHaveLength(1)
}, 30_000)

test('a payment still being processed: "not confirmed", and "Check again" finds the one payment', async () => {
  // Zuora takes the first payment but has not answered it yet: the gateway's time-out, then the
  // repeat under the same key is told it is still being processed. It commits; the admin checks again.
  const keys: string[] = []
  let held: Request | null = null
  let handle: InPageGateway['simulator']['handle'] = () => Promise.reject(new Error('not started'))
  const invoiceReads = new Set<string>()
  server.events.on('request:start', ({ request, requestId }) => {
    if (request.method === 'GET' && /\/invoices\//.test(new URL(request.url).pathname)) invoiceReads.add(requestId)
  })
  server.events.on('response:mocked', ({ requestId }) => invoiceReads.delete(requestId))
  const { page, user } = await renderAppOnGateway('/invoices', {
    prepare: (p) => {
      acmeInvoicePastDue(p)
      handle = p.simulator.handle
      p.simulator.handle = async (request) => {
        if (!isPayment(request)) return handle(request)
        keys.push(request.headers.get('Idempotency-Key') ?? '')
        if (keys.length === 1) {
          held = new Request(request.url, { method: 'POST', headers: request.headers, body: await request.text() })
          throw new TypeError('fetch failed: connection reset')
        }
        return held ? stillProcessing() : handle(request)
      }
    },
  })
  const confirmation = await openConfirmation(user)
  await within(confirmation).findByText(/Visa ending in 4242/)
  await user.click(within(confirmation).getByRole('button', { name: /^Pay \$/ }))

  expect(await screen.findByText('Payment not confirmed yet', {}, { timeout: 10_000 })).toBeInTheDocument()
  expect(screen.getByText(/It is never charged twice/)).toBeInTheDocument()
  expect(document.querySelector('.page-description .badge')).toHaveTextContent('Past due')
  // The app reads the invoice again after the lost answer; Zuora commits only once that read is
  // back (still due), so what settles the payment below is "Check again", not that read.
  await expect.poll(() => invoiceReads.size, { timeout: 5_000 }).toBe(0)

  // Zuora commits the first request; the admin checks again, under the same key.
  const first = held as Request | null
  held = null
  if (first) await handle(first)
  await user.click(screen.getByRole('button', { name: 'Check again' }))
  expect(await screen.findByText('Payment received', {}, { timeout: 10_000 })).toBeInTheDocument()
  expect(document.querySelector('.page-description .badge')).toHaveTextContent('Paid')
  expect(new Set(keys).size).toBe(1)
  expect(page.simulator.control.exportState().state.payments).toHaveLength(1)
}, 30_000)

test('a declined card says why, in the admin’s language, and the invoice stays to pay', async () => {
  useLocaleStore.setState({ locale: 'pt-BR' })
  const { page, user } = await renderAppOnGateway('/invoices', { prepare: (p) => acmeInvoicePastDue(p, '0002') })
  const table = await screen.findByRole('table', { name: 'Faturas, das mais recentes para as mais antigas' })
  const row = (await within(table).findByText('Vencida', {}, { timeout: 5_000 })).closest('tr')
  if (!row) throw new Error('No past-due row')
  await user.click(within(row).getByRole('button', { name: /^Pagar agora, fatura ACME-/ }))
  const confirmation = await screen.findByRole('region', { name: /^Pagar a fatura ACME-/ })
  expect(await within(confirmation).findByText(/Visa com final 0002/)).toBeInTheDocument()
  await user.click(within(confirmation).getByRole('button', { name: /^Pagar / }))

  const declined = await screen.findByRole('alert', {}, { timeout: 10_000 })
  expect(declined).toHaveTextContent('O cartão foi recusado')
  expect(declined).toHaveTextContent('O emissor do cartão recusou a cobrança. Nada foi cobrado.')
  expect(within(declined).getByRole('link', { name: 'Usar outro cartão' })).toHaveAttribute('href', '/payment-method')
  expect(document.querySelector('.page-description .badge')).toHaveTextContent('Vencida')
  expect(screen.getByRole('button', { name: 'Pagar agora' })).toBeInTheDocument()
  expect(charges(page)).toHaveLength(1)
}, 30_000)

test('a viewer sees "Pay now" disabled with the reason', async () => {
  const { user } = await renderAppOnGateway('/invoices', { as: 'viewer', prepare: (p) => acmeInvoicePastDue(p) })
  const table = await screen.findByRole('table', { name: 'Invoices, newest first' }, { timeout: 10_000 })
  const row = (await within(table).findByText('Past due', {}, { timeout: 5_000 })).closest('tr')
  if (!row) throw new Error('No past-due row')
  const inRow = within(row).getByRole('button', { name: /^Pay now, invoice ACME-/ })
  expect(inRow).toHaveAttribute('aria-disabled', 'true')
  expect(inRow).toHaveAccessibleDescription('Only billing admins can change this')
  // On the invoice's page the reason is shown next to it.
  await user.click(within(row).getByRole('link'))
  const pay = await screen.findByRole('button', { name: 'Pay now' })
  expect(pay).toHaveAttribute('aria-disabled', 'true')
  expect(screen.getByText('Only billing admins can change this')).toBeVisible()
}, 30_000)

test('paused while payments are down at the provider, with the reason shown', async () => {
  const { page, user } = await renderAppOnGateway('/invoices', { prepare: (p) => acmeInvoicePastDue(p) })
  const table = await screen.findByRole('table', { name: 'Invoices, newest first' }, { timeout: 10_000 })
  const row = (await within(table).findByText('Past due', {}, { timeout: 5_000 })).closest('tr')
  if (!row) throw new Error('No past-due row')
  await user.click(within(row).getByRole('link'))
  const pay = await screen.findByRole('button', { name: 'Pay now' })
  expect(pay).not.toHaveAttribute('aria-disabled')

  await page.scenarios.select('provider-down', {})
  await expect
    .poll(() => screen.getByRole('button', { name: 'Pay now' }).getAttribute('aria-disabled'), {
      timeout: 20_000,
      interval: 200,
    })
    .toBe('true')
  expect(screen.getByRole('button', { name: 'Pay now' })).toHaveAccessibleDescription(/^(Paused|Unavailable)/)
  expect(charges(page)).toHaveLength(0)
}, 30_000)
