/**
 * The card on file and its update through the payment page the billing gateway hosts (simulated
 * Zuora Payment Pages in a test: the gateway's own page, its form posted back to the gateway).
 */
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { expect, onTestFinished, test, vi } from 'vitest'
import { recheckDelaysMs } from '@/features/payment/use-payment-return'
import type { Alert } from '@/lib/api/schemas'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { mockOrigin } from '../../mocks/api-base'
import { pageCookieHeaders } from '../../mocks/in-page/in-page-gateway'
import { server } from '../../mocks/node'
import { gatewayAs } from '../support/gateway-as'
import { renderApp, signInPage } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { testGateway } from '../support/test-gateway'

const cardSection = async () => {
  const heading = await screen.findByRole('heading', { name: 'Card on file' })
  const section = heading.closest('section')
  if (!section) throw new Error('The card heading is not in a section')
  return within(section)
}

function cardExpiringIn(monthsAhead: number) {
  const now = new Date()
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1))
  return {
    card: {
      brand: 'amex',
      last4: '0005',
      expMonth: at.getUTCMonth() + 1,
      expYear: at.getUTCFullYear(),
      holderName: 'Ana Souza',
    },
    updatedAt: '2025-01-10T10:00:00Z',
  }
}

test('the owner sees the card on file: brand, last four digits, expiry and holder', async () => {
  await renderApp('/payment-method')
  expect(await screen.findByRole('heading', { level: 1, name: 'Payment method' })).toBeInTheDocument()
  const card = await cardSection()
  expect(await card.findByText('Visa')).toBeInTheDocument()
  expect(card.getByText('•••• 4242')).toBeInTheDocument()
  expect(card.getByText('ending in 4242')).toBeInTheDocument()
  expect(card.getByText(`08/${new Date().getUTCFullYear() + 2}`)).toBeInTheDocument()
  expect(card.getByText('Ana Souza')).toBeInTheDocument()
  expect(card.queryByText('Expires soon')).not.toBeInTheDocument()
})

test('a card that expires within 60 days is flagged with a warning', async () => {
  server.use(http.get('*/api/payment-method', () => HttpResponse.json(cardExpiringIn(1))))
  await renderApp('/payment-method')
  const card = await cardSection()
  expect(await card.findByText('American Express')).toBeInTheDocument()
  expect(card.getByText('Expires soon')).toBeInTheDocument()
  expect(card.getByText(/This card expires in \d+ days/)).toBeInTheDocument()
})

test('an expired card is flagged as expired', async () => {
  server.use(http.get('*/api/payment-method', () => HttpResponse.json(cardExpiringIn(-1))))
  await renderApp('/payment-method')
  const card = await cardSection()
  expect(await card.findByText('Expired')).toBeInTheDocument()
  expect(card.getByText(/This card expired/)).toBeInTheDocument()
})

test('an account without a card sees an empty state and can still add one', async () => {
  server.use(http.get('*/api/payment-method', () => HttpResponse.json({ card: null, updatedAt: null })))
  await renderApp('/payment-method')
  const card = await cardSection()
  expect(await card.findByText(/No card on file/)).toBeInTheDocument()
  expect(card.getByRole('button', { name: 'Update payment method' })).toBeEnabled()
})

test("updating opens a session and sends the browser to the provider's page, never asking for a card number", async () => {
  const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
  await signInPage('owner') // signed in earlier: the requests below are this page's own
  const bodies: unknown[] = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST')
      void request
        .clone()
        .json()
        .then((body: unknown) => bodies.push(body))
  })
  const requests = logRequests()
  const { user } = await renderApp('/payment-method', { as: null })
  const card = await cardSection()
  await card.findByText('Visa')
  expect(card.queryByLabelText(/card number/i)).not.toBeInTheDocument()

  await user.click(card.getByRole('button', { name: 'Update payment method' }))

  await waitFor(() => expect(assign).toHaveBeenCalledTimes(1))
  // The gateway's simulated page, on the app's own origin: the only one trusted in a test build.
  expect(assign.mock.calls[0]?.[0]).toMatch(new RegExp(`^${window.location.origin}/api/payment-pages/[\\w-]+$`))
  expect(requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/payment-method/sessions'])
  expect(bodies).toEqual([{ returnUrl: `${window.location.origin}/payment-method?payment=returned` }])
  expect(card.getByRole('button', { name: 'Opening the secure payment page…' })).toBeDisabled()
})

test('a failure to open the payment page is said next to the button and the browser stays', async () => {
  const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
  server.use(
    http.post('*/api/payment-method/sessions', () =>
      HttpResponse.json({ error: { code: 'unavailable', message: 'Provider down' } }, { status: 503 }),
    ),
  )
  const { user } = await renderApp('/payment-method')
  const card = await cardSection()
  await card.findByText('Visa')
  await user.click(card.getByRole('button', { name: 'Update payment method' }))
  const alert = await card.findByRole('alert')
  expect(alert).toHaveTextContent('The secure payment page could not be opened.')
  expect(alert).toHaveTextContent('Billing is unavailable right now.')
  expect(assign).not.toHaveBeenCalled()
  expect(card.getByRole('button', { name: 'Update payment method' })).toBeEnabled()
})

const newCard = {
  cardNumber: '5555 5555 5555 4444',
  expMonth: 11,
  expYear: new Date().getUTCFullYear() + 3,
  holderName: 'Ana Q. Souza',
}

/**
 * The provider's page saves a card for this session: its form, posted from the page (same origin,
 * the page's session cookie) straight to the gateway, not through the app.
 */
async function providerSavesCard(sessionId: string, card: typeof newCard): Promise<void> {
  const form = new URLSearchParams({
    cardNumber: card.cardNumber,
    expMonth: String(card.expMonth),
    expYear: String(card.expYear),
    holderName: card.holderName,
  })
  const response = await testGateway()
    .gateway()
    .fetch(
      new Request(`${mockOrigin}/api/payment-pages/${sessionId}/complete`, {
        method: 'POST',
        headers: {
          Origin: mockOrigin,
          'Content-Type': 'application/x-www-form-urlencoded',
          [pageCookieHeaders.request]: document.cookie,
        },
        body: form,
        redirect: 'manual',
      }),
    )
  if (response.status !== 303) throw new Error(`The payment page's form answered ${response.status}`)
}

/**
 * The gateway's payment page as the browser shows it (its HTML, in the document), and its form
 * sent as the browser sends it. `submit()`: where the gateway sends the browser next, or null when
 * it answered the page again (with the fields it refused), which then shows instead.
 */
async function openPaymentPage(url: string) {
  const send = (path: string, init: RequestInit = {}) =>
    testGateway()
      .gateway()
      .fetch(
        new Request(new URL(path, mockOrigin), {
          ...init,
          headers: { ...init.headers, Origin: mockOrigin, [pageCookieHeaders.request]: document.cookie },
          redirect: 'manual',
        }),
      )
  const container = document.body.appendChild(document.createElement('div'))
  onTestFinished(() => container.remove())
  const show = (html: string) => {
    container.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML
  }
  const opened = await send(url)
  if (!opened.ok) throw new Error(`The payment page answered ${opened.status}`)
  show(await opened.text())
  return {
    page: within(container),
    async submit(): Promise<string | null> {
      const form = container.querySelector('form')
      if (!form) throw new Error('The payment page has no form')
      const fields = new URLSearchParams()
      for (const [name, value] of new FormData(form)) fields.append(name, String(value))
      const answer = await send(form.getAttribute('action') ?? '', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: fields,
      })
      if (answer.status === 303) return answer.headers.get('Location')
      if (answer.status !== 422) throw new Error(`The payment page's form answered ${answer.status}`)
      show(await answer.text())
      return null
    },
  }
}

/** Clicks "Update payment method" as the owner and returns the hosted page's session id; the browser stays. */
async function startUpdate(): Promise<string> {
  const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
  const first = await renderApp('/payment-method')
  const card = await cardSection()
  await card.findByText('Visa')
  await first.user.click(card.getByRole('button', { name: 'Update payment method' }))
  await waitFor(() => expect(assign).toHaveBeenCalledTimes(1))
  first.unmount()
  return new URL(String(assign.mock.calls[0]?.[0])).pathname.split('/').pop() ?? ''
}

const allChecksMs = recheckDelaysMs.reduce((sum, delay) => sum + delay, 0) + 3_000

test('coming back after the provider saved a card says it was updated, once the card read back shows it', async () => {
  const sessionId = await startUpdate()
  await providerSavesCard(sessionId, newCard)
  const requests = logRequests()
  await renderApp('/payment-method?payment=returned&result=success')
  const notice = await screen.findByText('Payment method updated')
  // A polite live region: screen readers announce the outcome without moving focus.
  expect(notice.closest('[role="status"]')).not.toBeNull()
  const card = await cardSection()
  expect(card.getByText('•••• 4444')).toBeInTheDocument()
  expect(requests.some((r) => r.method === 'GET' && r.path === '/api/payment-method')).toBe(true)
})

test('a forged return link claiming success, with no change on the server, never says the card was updated', async () => {
  const reads = logRequests()
  await renderApp('/payment-method?payment=returned&result=success')
  const card = await cardSection()
  expect(await card.findByText('•••• 4242')).toBeInTheDocument()
  expect(await screen.findByText('Checking the payment method')).toBeInTheDocument()
  expect(screen.getByText(/We could not confirm the update yet/)).toBeInTheDocument()
  expect(screen.queryByText('Payment method updated')).not.toBeInTheDocument()

  // It reads the card again a few times, then says it could not confirm the update: never "updated".
  expect(await screen.findByText('Update not confirmed', {}, { timeout: allChecksMs })).toBeInTheDocument()
  expect(screen.queryByText('Payment method updated')).not.toBeInTheDocument()
  expect(reads.filter((r) => r.method === 'GET' && r.path === '/api/payment-method').length).toBe(
    recheckDelaysMs.length + 1,
  )
}, 30_000)

test('a success return after an update that did not reach the provider says the card did not change', async () => {
  await startUpdate()
  await renderApp('/payment-method?payment=returned&result=success')
  expect(await screen.findByText('Checking the payment method')).toBeInTheDocument()
  expect(await screen.findByText('Payment method not updated', {}, { timeout: allChecksMs })).toBeInTheDocument()
  expect(screen.getByText(/still has the same card on file/)).toBeInTheDocument()
  expect(screen.queryByText('Payment method updated')).not.toBeInTheDocument()
}, 30_000)

test('a card the provider reports a moment after the return is confirmed by a later read', async () => {
  const sessionId = await startUpdate()
  await renderApp('/payment-method?payment=returned&result=success')
  expect(await screen.findByText('Checking the payment method')).toBeInTheDocument()
  expect(screen.queryByText('Payment method updated')).not.toBeInTheDocument()
  await providerSavesCard(sessionId, newCard)
  expect(await screen.findByText('Payment method updated', {}, { timeout: allChecksMs })).toBeInTheDocument()
  expect((await cardSection()).getByText('•••• 4444')).toBeInTheDocument()
}, 30_000)

test('a return after another tab switched account never calls the other account’s card an update', async () => {
  const sessionId = await startUpdate() // on Acme
  await providerSavesCard(sessionId, newCard)
  // Meanwhile another tab switched the session to Globex.
  await renderApp('/payment-method?payment=returned&result=success', { account: 'acc_globex' })
  expect(await screen.findByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Globex Help Desk')
  expect(await screen.findByText('Update not confirmed', {}, { timeout: allChecksMs })).toBeInTheDocument()
  expect(screen.queryByText('Payment method updated')).not.toBeInTheDocument()
}, 30_000)

test('coming back with result=cancelled says nothing changed', async () => {
  await renderApp('/payment-method?payment=returned&result=cancelled')
  expect(await screen.findByText('Payment method not changed')).toBeInTheDocument()
  expect(screen.queryByText('Payment method updated')).not.toBeInTheDocument()
})

test('an unexpected result in the return link is ignored without a crash', async () => {
  await renderApp('/payment-method?payment=returned&result=%3Cscript%3E')
  const card = await cardSection()
  expect(await card.findByText('Visa')).toBeInTheDocument()
  expect(screen.queryByText('Payment method updated')).not.toBeInTheDocument()
  expect(screen.queryByText('Payment method not changed')).not.toBeInTheDocument()
})

test('the whole round trip: hosted page saves a new card and the app shows it on return', async () => {
  const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
  const first = await renderApp('/payment-method')
  const card = await cardSection()
  await card.findByText('Visa')
  await first.user.click(card.getByRole('button', { name: 'Update payment method' }))
  await waitFor(() => expect(assign).toHaveBeenCalledTimes(1))
  const hostedUrl = String(assign.mock.calls[0]?.[0])
  first.unmount()

  // The provider's page, as the browser would open it: the gateway's own page (not the app's), its
  // form posted back to the gateway, which sends the browser back to the app.
  const hosted = await openPaymentPage(hostedUrl)
  expect(hosted.page.getByRole('heading', { level: 1, name: 'Update your card' })).toBeInTheDocument()
  expect(hosted.page.getByText(/^For Acme Support\./)).toBeInTheDocument()
  await first.user.type(hosted.page.getByLabelText('Card number'), '4242 4242 4242 4241')
  await first.user.selectOptions(hosted.page.getByLabelText('Expiry month'), '11')
  await first.user.selectOptions(hosted.page.getByLabelText('Expiry year'), String(new Date().getUTCFullYear() + 3))
  await first.user.type(hosted.page.getByLabelText('Name on the card'), 'Ana Q. Souza')
  expect(await hosted.submit()).toBeNull()
  // A bad number is refused by the provider and said on its field.
  expect(hosted.page.getByRole('alert')).toHaveTextContent('The card was not accepted. Check the fields below.')
  expect(hosted.page.getByText('Check this value.')).toBeVisible()
  expect(hosted.page.getByLabelText('Card number')).toHaveAccessibleDescription('Check this value.')

  // The page comes back empty (it keeps no card data): the admin types the card again.
  await first.user.type(hosted.page.getByLabelText('Card number'), '5555 5555 5555 4444')
  await first.user.selectOptions(hosted.page.getByLabelText('Expiry month'), '11')
  await first.user.selectOptions(hosted.page.getByLabelText('Expiry year'), String(new Date().getUTCFullYear() + 3))
  await first.user.type(hosted.page.getByLabelText('Name on the card'), 'Ana Q. Souza')
  const back = await hosted.submit()
  expect(back).toBe(`${window.location.origin}/payment-method?payment=returned&result=success`)

  await renderApp((back ?? '').slice(window.location.origin.length))
  expect(await screen.findByText('Payment method updated')).toBeInTheDocument()
  const updated = await cardSection()
  expect(await updated.findByText('Mastercard')).toBeInTheDocument()
  expect(updated.getByText('•••• 4444')).toBeInTheDocument()
  expect(updated.getByText('Ana Q. Souza')).toBeInTheDocument()
})

const untrustedUrls = [
  ['javascript:alert(document.cookie)', 'scheme javascript:'],
  ['data:text/html,<script>alert(1)</script>', 'scheme data:'],
  ['https://evil.example/__mock/hosted-payment?session=ps_0001', 'origin https://evil.example'],
  ['https://[not a url', 'malformed'],
] as const

test.each(untrustedUrls)(
  'an untrusted payment page address (%s) is not followed: the admin is told and the operators alerted',
  async (url, reported) => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
    server.use(
      http.post('*/api/payment-method/sessions', () =>
        HttpResponse.json({ sessionId: 'ps_evil', url, expiresAt: '2030-01-01T00:00:00Z' }, { status: 201 }),
      ),
    )
    const { user } = await renderApp('/payment-method')
    const card = await cardSection()
    await card.findByText('Visa')
    await user.click(card.getByRole('button', { name: 'Update payment method' }))

    const alert = await card.findByRole('alert')
    expect(alert).toHaveTextContent('The secure payment page could not be opened.')
    expect(alert).toHaveTextContent('not on the trusted list, so it was not opened. Nothing was changed')
    expect(assign).not.toHaveBeenCalled()
    expect(card.getByRole('button', { name: 'Update payment method' })).toBeEnabled()
    const operator = await gatewayAs('operator')
    const alerts = async () => (await operator.call<{ alerts: Alert[] }>('GET', '/alerts')).alerts
    await waitFor(async () => expect(await alerts()).toHaveLength(1))
    expect((await alerts())[0]).toMatchObject({
      kind: 'blocked_action',
      capability: 'payments',
      detail: `payment.untrustedRedirect: ${reported}`,
    })
    // Nothing remembered as a start: a later return is not judged against it.
    expect(sessionStorage.getItem('billing-payment-update')).toBeNull()
  },
)

test('the refusal is said in Portuguese too', async () => {
  useLocaleStore.setState({ locale: 'pt-BR' })
  vi.spyOn(window.location, 'assign').mockImplementation(() => {})
  server.use(
    http.post('*/api/payment-method/sessions', () =>
      HttpResponse.json(
        { sessionId: 'ps_evil', url: 'https://evil.example/', expiresAt: '2030-01-01T00:00:00Z' },
        { status: 201 },
      ),
    ),
  )
  const { user } = await renderApp('/payment-method')
  await user.click(await screen.findByRole('button', { name: 'Atualizar forma de pagamento' }))
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'não está na lista de páginas confiáveis, por isso ela não foi aberta',
  )
})

// The gateway's page takes its way back from the session the app opened (the gateway refuses one
// elsewhere: tests/gateway/gateway-payments.test.ts), never from its own link.
test('the hosted page never sends the browser to another site, whatever its link says', async () => {
  const sessionId = await startUpdate()
  const user = userEvent.setup()
  const hosted = await openPaymentPage(`/api/payment-pages/${sessionId}?returnUrl=https%3A%2F%2Fevil.test%2Fsteal`)
  expect(hosted.page.getByRole('link', { name: 'Cancel' })).toHaveAttribute(
    'href',
    `${window.location.origin}/payment-method?payment=returned&result=cancelled`,
  )
  await user.type(hosted.page.getByLabelText('Card number'), newCard.cardNumber)
  await user.selectOptions(hosted.page.getByLabelText('Expiry month'), String(newCard.expMonth))
  await user.selectOptions(hosted.page.getByLabelText('Expiry year'), String(newCard.expYear))
  await user.type(hosted.page.getByLabelText('Name on the card'), newCard.holderName)
  expect(await hosted.submit()).toBe(`${window.location.origin}/payment-method?payment=returned&result=success`)
})

test('an admin without billing rights sees the update disabled with the reason', async () => {
  const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
  await signInPage('viewer') // signed in earlier: what follows is this page's own
  const requests = logRequests()
  const { user } = await renderApp('/payment-method', { as: null })
  const card = await cardSection()
  await card.findByText('Visa')
  const button = card.getByRole('button', { name: 'Update payment method' })
  expect(button).toHaveAttribute('aria-disabled', 'true')
  expect(button).toHaveAccessibleDescription('Only billing admins can change this')
  await user.click(button)
  expect(assign).not.toHaveBeenCalled()
  expect(requests.filter((r) => r.method === 'POST')).toEqual([])
})
