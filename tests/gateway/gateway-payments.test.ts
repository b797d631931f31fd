// @vitest-environment node
/**
 * The card on file and its update through the gateway's hosted payment page (simulated Payment
 * Pages 2.0) over HTTP, and the billing details: read, full replace, refused when invalid or by a
 * role without billing rights.
 */
import { expect, test } from 'vitest'
import {
  expectContract,
  failure,
  gatewayPerFile,
  signedIn,
  users,
  type Client,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
let owner: Client
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
})

const returnUrl = () => `${sim.url}/billing/payment?from=test`

async function startSession() {
  const answer = await owner.call('POST', '/payment-method/sessions', { body: { returnUrl: returnUrl() } })
  expect(answer.status, answer.text).toBe(201)
  expectContract('createPaymentSession', answer.body)
  return answer.body as { sessionId: string; url: string }
}

const postCard = (url: string, card: Record<string, string>) =>
  owner.call('POST', `${new URL(url).pathname.replace(/^\/api/, '')}/complete`, {
    form: new URLSearchParams(card).toString(),
  })

test('the card on file is brand and last four only', async () => {
  const answer = await owner.get('/payment-method')
  expect(answer.status).toBe(200)
  expectContract('getPaymentMethod', answer.body)
  expect(answer.body.card).toMatchObject({ brand: 'visa', last4: '4242' })
  expect(answer.text).not.toMatch(/\d{12,}/)
})

test('a new card through the hosted page: 303 back to the app with success, and the card on file changes', async () => {
  const session = await startSession()
  expect(new URL(session.url).origin).toBe(sim.url)
  const page = await owner.get(new URL(session.url).pathname.replace(/^\/api/, ''))
  expect(page.status).toBe(200)
  expect(page.headers.get('content-type')).toMatch(/^text\/html/)
  expect(page.text).toContain('name="cardNumber"')

  const year = String(new Date().getUTCFullYear() + 3)
  const done = await postCard(session.url, {
    cardNumber: '5555 5555 5555 4444',
    expMonth: '7',
    expYear: year,
    holderName: 'Ana Souza',
  })
  expect(done.status).toBe(303)
  const location = new URL(done.headers.get('location') ?? '')
  expect(`${location.origin}${location.pathname}`).toBe(`${sim.url}/billing/payment`)
  expect(location.searchParams.get('result')).toBe('success')
  expect(location.searchParams.get('from')).toBe('test')

  const method = await owner.get('/payment-method')
  expectContract('getPaymentMethod', method.body)
  expect(method.body.card).toMatchObject({ brand: 'mastercard', last4: '4444', expMonth: 7, expYear: Number(year) })
  // The session is spent: its page is gone.
  expect((await owner.get(new URL(session.url).pathname.replace(/^\/api/, ''))).status).toBe(404)
})

test('the Visa test card 4242 4242 4242 4242 is accepted; an invalid card re-renders the form with 422', async () => {
  const session = await startSession()
  const year = String(new Date().getUTCFullYear() + 2)
  const invalid = await postCard(session.url, {
    cardNumber: '4242 4242 4242 4241',
    expMonth: '1',
    expYear: year,
    holderName: 'Ana Souza',
  })
  expect(invalid.status).toBe(422)
  expect(invalid.headers.get('content-type')).toMatch(/^text\/html/)
  expect(invalid.text).toContain('name="cardNumber"')
  // The refused field carries its error as its description (a screen reader says what was wrong).
  expect(invalid.text).toMatch(/<input id="cardNumber"[^>]*aria-invalid="true" aria-describedby="cardNumber-error"/)
  expect(invalid.text).toContain('<span class="error" id="cardNumber-error">')
  expect(invalid.text).not.toMatch(/<input id="holderName"[^>]*aria-invalid/)
  expect((await owner.get('/payment-method')).body.card.expMonth).not.toBe(1)

  const valid = await postCard(session.url, {
    cardNumber: '4242 4242 4242 4242',
    expMonth: '1',
    expYear: year,
    holderName: 'Ana Souza',
  })
  expect(valid.status).toBe(303)
  expect(new URL(valid.headers.get('location') ?? '').searchParams.get('result')).toBe('success')
  expect((await owner.get('/payment-method')).body.card).toMatchObject({ last4: '4242', expMonth: 1 })
})

test('a return address on another site is refused 422; the page is the account’s own', async () => {
  const elsewhere = await owner.call('POST', '/payment-method/sessions', {
    body: { returnUrl: 'https://evil.example/steal' },
  })
  expect(failure(elsewhere)[0]).toBe(422)
  expect(elsewhere.body.error.fields).toHaveProperty('returnUrl')

  const session = await startSession()
  const viewer = await signedIn(sim, users.viewer)
  await viewer.call('PUT', '/session/account', { body: { accountId: 'acc_globex' } })
  expect((await viewer.get(new URL(session.url).pathname.replace(/^\/api/, ''))).status).toBe(404)
  expect(failure(await viewer.call('POST', '/payment-method/sessions', { body: { returnUrl: returnUrl() } }))).toEqual([
    403,
    'forbidden',
  ])
})

test('billing details: read, replaced and read back; invalid fields 422 each named', async () => {
  const read = await owner.get('/billing-details')
  expect(read.status).toBe(200)
  expectContract('getBillingDetails', read.body)

  const changed = {
    ...read.body,
    contact: { ...read.body.contact, name: 'Ana Souza Lima', phone: '' },
    address: { ...read.body.address, line1: '1 Infinite Loop', line2: null, city: 'Cupertino', postalCode: '95014' },
    taxId: 'US-99-7654321',
  }
  const put = await owner.call('PUT', '/billing-details', { body: changed })
  expect(put.status, put.text).toBe(200)
  expectContract('updateBillingDetails', put.body)
  // The form's rules: an empty phone is no phone.
  const expected = { ...changed, contact: { ...changed.contact, phone: null } }
  expect(put.body).toEqual(expected)
  expect((await owner.get('/billing-details')).body).toEqual(expected)

  const invalid = await owner.call('PUT', '/billing-details', {
    body: {
      ...changed,
      contact: { ...changed.contact, email: 'not-an-email' },
      address: { ...changed.address, country: 'XX' },
    },
  })
  expect(failure(invalid)).toEqual([422, 'validation_failed'])
  expect(Object.keys(invalid.body.error.fields).sort()).toEqual(['address.country', 'contact.email'])
  expect((await owner.get('/billing-details')).body).toEqual(expected)
})

test('an admin without billing rights reads billing details but cannot replace them (403)', async () => {
  const viewer = await signedIn(sim, users.viewer)
  const details = await viewer.get('/billing-details')
  expect(details.status).toBe(200)
  expect(failure(await viewer.call('PUT', '/billing-details', { body: details.body }))).toEqual([403, 'forbidden'])
})
