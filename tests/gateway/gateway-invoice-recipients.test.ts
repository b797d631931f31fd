// @vitest-environment node
/**
 * Who receives invoices by email, through the gateway over HTTP and at the simulated Zuora: the
 * account's invoice delivery by email and its additional addresses, read as the billing details'
 * `invoiceRecipients`, replaced with them (each address checked by the form's rules first, 422 each
 * named), left as they are by a replace that does not carry them; Zuora's published sample read the
 * same way, and the simulator holding what it was sent.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { toAccountUpdate, toBillingDetails } from '../../gateway/zuora/adapter/account-map'
import { getAccountResponseSchema } from '../../gateway/zuora/spec'
import type { StoredSimState } from '../../mocks/zuora/state-json'
import {
  expectContract,
  failure,
  gatewayPerFile,
  signedIn,
  users,
  type Client,
  type GatewaySim,
} from './gateway-sim-client'
import { simHarness } from './zuora-sim-client'

let sim: GatewaySim
let owner: Client
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
})

/** Acme's account as the simulated Zuora holds it. */
const acmeAtZuora = () => {
  const { state } = sim.simulator.control.exportState() as StoredSimState
  const account = state.accounts.find((candidate) => candidate.accountNumber === 'A00000001')
  if (!account) throw new Error('No Acme at the simulated Zuora')
  return account
}

test('the billing details say who gets invoices; a replace saves them at Zuora and reads them back', async () => {
  const read = await owner.get('/billing-details')
  expect(read.status).toBe(200)
  expectContract('getBillingDetails', read.body)
  expect(read.body.invoiceRecipients).toEqual({ emailInvoices: true, additional: [] })

  const changed = {
    ...read.body,
    invoiceRecipients: { emailInvoices: false, additional: [' ap@acme.test ', 'cfo@acme.test'] },
  }
  const put = await owner.call('PUT', '/billing-details', { body: changed })
  expect(put.status, put.text).toBe(200)
  expectContract('updateBillingDetails', put.body)
  const expected = {
    ...read.body,
    invoiceRecipients: { emailInvoices: false, additional: ['ap@acme.test', 'cfo@acme.test'] },
  }
  expect(put.body).toEqual(expected)
  expect((await owner.get('/billing-details')).body).toEqual(expected)
  expect(acmeAtZuora()).toMatchObject({
    invoiceDeliveryPrefsEmail: false,
    additionalEmailAddresses: ['ap@acme.test', 'cfo@acme.test'],
  })

  // Emptied: Zuora's list is cleared, not left as it was.
  const cleared = { ...expected, invoiceRecipients: { emailInvoices: true, additional: [] } }
  expect((await owner.call('PUT', '/billing-details', { body: cleared })).status).toBe(200)
  expect((await owner.get('/billing-details')).body).toEqual(cleared)
  expect(acmeAtZuora()).toMatchObject({ invoiceDeliveryPrefsEmail: true, additionalEmailAddresses: [] })
})

test('a replace without invoice recipients (an older client) leaves Zuora’s as they are', async () => {
  const read = await owner.get('/billing-details')
  const withRecipients = { ...read.body, invoiceRecipients: { emailInvoices: true, additional: ['ap@acme.test'] } }
  expect((await owner.call('PUT', '/billing-details', { body: withRecipients })).status).toBe(200)

  const { invoiceRecipients: _left, ...without } = withRecipients
  const put = await owner.call('PUT', '/billing-details', { body: { ...without, taxId: 'US-11-2223333' } })
  expect(put.status, put.text).toBe(200)
  expect((await owner.get('/billing-details')).body).toEqual({ ...withRecipients, taxId: 'US-11-2223333' })
  expect(acmeAtZuora().additionalEmailAddresses).toEqual(['ap@acme.test'])
})

test('addresses that are not emails, repeated, the contact’s own, or more than 5 are 422 each named; nothing is saved', async () => {
  const read = await owner.get('/billing-details')
  const withAdditional = (additional: string[]) => ({
    ...read.body,
    invoiceRecipients: { emailInvoices: true, additional },
  })

  const invalid = await owner.call('PUT', '/billing-details', {
    body: withAdditional(['not-an-email', 'ap@acme.test', 'AP@acme.test', read.body.contact.email, '']),
  })
  expect(failure(invalid)).toEqual([422, 'validation_failed'])
  expect(invalid.body.error.fields).toEqual({
    'invoiceRecipients.additional.0': 'email',
    'invoiceRecipients.additional.2': 'duplicate',
    'invoiceRecipients.additional.3': 'isContact',
    'invoiceRecipients.additional.4': 'required',
  })

  const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `${name}@acme.test`)
  const tooMany = await owner.call('PUT', '/billing-details', { body: withAdditional(six) })
  expect(failure(tooMany)).toEqual([422, 'validation_failed'])
  expect(tooMany.body.error.fields).toEqual({ 'invoiceRecipients.additional': 'tooMany' })

  expect((await owner.get('/billing-details')).body).toEqual(read.body)
  expect(acmeAtZuora()).toMatchObject({ invoiceDeliveryPrefsEmail: true, additionalEmailAddresses: [] })
})

test('Zuora’s published account sample: its delivery by email and additional addresses, an array or one string', () => {
  const fixture = JSON.parse(readFileSync('tests/gateway/fixtures/zuora/getAccount.json', 'utf8')) as {
    sample: Record<string, unknown> & { billToContact: Record<string, unknown>; billingAndPayment: object }
  }
  const sample = { ...fixture.sample, billToContact: { ...fixture.sample.billToContact, country: 'United States' } }
  expect(toBillingDetails(getAccountResponseSchema.parse(sample)).invoiceRecipients).toEqual({
    emailInvoices: true,
    additional: ['contact1@example.com', 'contact2@example.com'],
  })
  // The Account object's form of the same field: one comma-separated string.
  const asText = {
    ...sample,
    billingAndPayment: {
      ...fixture.sample.billingAndPayment,
      additionalEmailAddresses: 'a@example.com, b@example.com,',
    },
  }
  expect(toBillingDetails(getAccountResponseSchema.parse(asText)).invoiceRecipients?.additional).toEqual([
    'a@example.com',
    'b@example.com',
  ])
  // Not said at all: Zuora's default, no email.
  const { billingAndPayment: _none, ...bare } = sample
  expect(toBillingDetails(getAccountResponseSchema.parse(bare)).invoiceRecipients).toEqual({
    emailInvoices: false,
    additional: [],
  })
})

test('the update sends Zuora its fields only when the details carry recipients', () => {
  const details = {
    contact: { name: 'Ana Souza', email: 'billing@acme.test', phone: null },
    address: { line1: '1 Main St', line2: null, city: 'Springfield', region: null, postalCode: '1', country: 'US' },
    taxId: null,
  } as const
  expect(toAccountUpdate(details)).not.toHaveProperty('additionalEmailAddresses')
  expect(toAccountUpdate(details)).not.toHaveProperty('invoiceDeliveryPrefsEmail')
  expect(
    toAccountUpdate({ ...details, invoiceRecipients: { emailInvoices: false, additional: ['ap@acme.test'] } }),
  ).toMatchObject({ invoiceDeliveryPrefsEmail: false, additionalEmailAddresses: ['ap@acme.test'] })
})

test('the simulated Zuora keeps what PUT /v1/accounts sends, and refuses a list over its 1,200 characters', async () => {
  const h = simHarness()
  await h.signIn()
  const put = await h.put('/v1/accounts/A00000001', {
    invoiceDeliveryPrefsEmail: false,
    additionalEmailAddresses: ['ap@acme.test', 'cfo@acme.test'],
  })
  expect(await put.json()).toEqual({ success: true })
  const account = (await (await h.get('/v1/accounts/A00000001')).json()) as { billingAndPayment: unknown }
  expect(account.billingAndPayment).toMatchObject({
    invoiceDeliveryPrefsEmail: false,
    additionalEmailAddresses: ['ap@acme.test', 'cfo@acme.test'],
  })

  const long = Array.from({ length: 20 }, (_, index) => `${'x'.repeat(60)}${index}@acme.test`)
  const refused = (await (await h.put('/v1/accounts/A00000001', { additionalEmailAddresses: long })).json()) as {
    success: boolean
    reasons: { message: string }[]
  }
  expect(refused.success).toBe(false)
  expect(refused.reasons[0]?.message).toMatch(/additionalEmailAddresses/)
  // Kept as it was; and the state a page stores of the tenant keeps the addresses across a reload.
  const stored = h.sim.control.exportState()
  expect(h.sim.control.importState(JSON.parse(JSON.stringify(stored)))).toBe(true)
  expect(
    ((await (await h.get('/v1/accounts/A00000001')).json()) as { billingAndPayment: unknown }).billingAndPayment,
  ).toMatchObject({ additionalEmailAddresses: ['ap@acme.test', 'cfo@acme.test'] })
  // A state stored before accounts had these fields is not taken (the page seeds afresh).
  const old = JSON.parse(JSON.stringify(stored)) as StoredSimState
  for (const stale of old.state.accounts as Array<Partial<(typeof old.state.accounts)[number]>>)
    delete stale.additionalEmailAddresses
  expect(h.sim.control.importState(old)).toBe(false)
})
