// @vitest-environment node
/**
 * Paying an invoice through the gateway over HTTP (POST /invoices/{id}/payments): charged once per
 * Idempotency-Key whatever repeats it (a double click, a retry, another tab), refused before any
 * charge when nothing is due, by role, in maintenance or for another account's invoice; a declined
 * card says why; an answer lost after Zuora charged is settled under the same key, never charged
 * again. On Globex, whose seeded history always has open and past-due invoices (Acme's has an open
 * one only between the 12th and the 26th of a month).
 */
import { expect, test } from 'vitest'
import { startGatewaySim } from '../../gateway/node/sim-server'
import type { InvoiceSummary } from '../../src/lib/api/schemas'
import {
  control,
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
  owner = await onGlobex(await signedIn(sim, users.owner))
})

async function onGlobex(browser: Client): Promise<Client> {
  const switched = await browser.call('PUT', '/session/account', { body: { accountId: 'acc_globex' } })
  expect(switched.status, switched.text).toBe(200)
  return browser
}

type ZuoraCall = { operation: string; idempotencyKey: string | null; status: number | null }

async function zuoraCalls(on: GatewaySim, since: number, operation: string): Promise<ZuoraCall[]> {
  const { calls } = (await control(on, `zuora-calls?since=${since}`)) as { calls: ZuoraCall[] }
  return calls.filter((call) => call.operation === operation)
}

async function firstInvoice(browser: Client, status: InvoiceSummary['status']): Promise<InvoiceSummary> {
  const answer = await browser.get(`/invoices?status=${status}&limit=5`)
  expect(answer.status, answer.text).toBe(200)
  const invoice = (answer.body as { invoices: InvoiceSummary[] }).invoices[0]
  if (!invoice) throw new Error(`No ${status} invoice on this account`)
  return invoice
}

const pay = (browser: Client, invoice: InvoiceSummary, key: string | null, amount = invoice.amountDue) =>
  browser.call('POST', `/invoices/${invoice.id}/payments`, {
    body: { amount },
    headers: key === null ? {} : { 'Idempotency-Key': key },
  })

/** Puts a new card on file through the gateway's hosted page (the simulated Payment Pages). */
async function cardOnFile(browser: Client, cardNumber: string): Promise<void> {
  const session = await browser.call('POST', '/payment-method/sessions', {
    body: { returnUrl: `${sim.url}/payment-method` },
  })
  expect(session.status, session.text).toBe(201)
  const path = new URL(session.body.url as string).pathname.replace(/^\/api/, '')
  const year = String(new Date().getUTCFullYear() + 3)
  const form = new URLSearchParams({ cardNumber, expMonth: '9', expYear: year, holderName: 'Ana Souza' })
  const done = await browser.call('POST', `${path}/complete`, { form: form.toString() })
  expect(done.status, done.text).toBe(303)
}

test('an open invoice is paid once: 201 with the payment, and the invoice, its list row and its detail say paid', async () => {
  const invoice = await firstInvoice(owner, 'open')
  expect(invoice.amountDue).toEqual(invoice.total)
  const since = Date.now()
  const answer = await pay(owner, invoice, 'pay-open-1')
  expect(answer.status, answer.text).toBe(201)
  expectContract('payInvoice', answer.body)
  expect(answer.body.payment).toMatchObject({ number: expect.stringMatching(/^P-/), amount: invoice.total })
  expect(answer.body.invoice).toMatchObject({ id: invoice.id, status: 'paid', amountDue: { amountMinor: 0 } })

  const detail = await owner.get(`/invoices/${invoice.id}`)
  expect(detail.body).toMatchObject({ status: 'paid', amountDue: { amountMinor: 0 } })
  const listed = await owner.get(`/invoices?q=${invoice.number}`)
  expect(listed.body.invoices[0]).toMatchObject({ id: invoice.id, status: 'paid' })
  const [charge] = await zuoraCalls(sim, since, 'createPayment')
  expect(charge, 'one charge').toMatchObject({
    status: 200,
    idempotencyKey: expect.stringMatching(/^bp1-[0-9a-f]{64}$/),
  })
})

test('a past-due invoice is paid with the card on file', async () => {
  const invoice = await firstInvoice(owner, 'past_due')
  const answer = await pay(owner, invoice, 'pay-past-due-1')
  expect(answer.status, answer.text).toBe(201)
  expect(answer.body.invoice).toMatchObject({ id: invoice.id, status: 'paid' })
  expect((await owner.get(`/invoices?status=past_due&q=${invoice.number}`)).body.invoices).toEqual([])
})

test('a replay, a double click and another tab with the same key get the one payment; Zuora is asked once', async () => {
  const invoice = await firstInvoice(owner, 'open')
  const since = Date.now()
  // A double click: both at once.
  const [one, two] = await Promise.all([pay(owner, invoice, 'pay-twice'), pay(owner, invoice, 'pay-twice')])
  const statuses = [one.status, two.status].sort()
  expect([
    [201, 409],
    [200, 201],
  ]).toContainEqual(statuses)
  const first = one.status === 201 ? one : two
  // The retry after a time-out, and another tab of the same admin (its own session), same key.
  const replay = await pay(owner, invoice, 'pay-twice')
  const otherTab = await onGlobex(await signedIn(sim, users.owner))
  const fromOtherTab = await pay(otherTab, invoice, 'pay-twice')
  for (const again of [replay, fromOtherTab]) {
    expect(again.status, again.text).toBe(200)
    expectContract('payInvoice', again.body)
    expect(again.body.payment).toEqual(first.body.payment)
  }
  expect(await zuoraCalls(sim, since, 'createPayment')).toHaveLength(1)
  // Another tab that made its own key: the invoice is paid, nothing is sent.
  expect(failure(await pay(otherTab, invoice, 'pay-other-key'))).toEqual([409, 'invoice_already_paid'])
  expect(await zuoraCalls(sim, since, 'createPayment')).toHaveLength(1)
})

test('refused before any charge: paid 409, void 409, another amount 409, no key 400, the key reused 422', async () => {
  const since = Date.now()
  const paid = await firstInvoice(owner, 'paid')
  expect(failure(await pay(owner, paid, 'k-paid', paid.total))).toEqual([409, 'invoice_already_paid'])
  const voided = await firstInvoice(owner, 'void')
  expect(failure(await pay(owner, voided, 'k-void', voided.total))).toEqual([409, 'invoice_not_payable'])
  const open = await firstInvoice(owner, 'open')
  const less = { ...open.total, amountMinor: open.total.amountMinor - 1 }
  expect(failure(await pay(owner, open, 'k-less', less))).toEqual([409, 'amount_changed'])
  expect(failure(await pay(owner, open, null))).toEqual([400, 'idempotency_key_required'])
  expect(await zuoraCalls(sim, since, 'createPayment')).toEqual([])
  // A refusal leaves nothing under the key: the right amount may go with it.
  expect((await pay(owner, open, 'k-less')).status).toBe(201)
  expect(failure(await pay(owner, open, 'k-less', less))).toEqual([422, 'idempotency_key_reused'])
})

test('a declined card: 402 payment_declined with the reason, replayed for the key; a new card and a new key pay', async () => {
  const invoice = await firstInvoice(owner, 'open')
  await cardOnFile(owner, '4000 0000 0000 0002')
  const declined = await pay(owner, invoice, 'pay-declined')
  expect(declined.status, declined.text).toBe(402)
  expect(declined.body.error).toMatchObject({ code: 'payment_declined', reason: 'card_declined' })
  expect((await pay(owner, invoice, 'pay-declined')).body.error).toMatchObject({ reason: 'card_declined' })

  await cardOnFile(owner, '4000 0000 0000 9995')
  const poor = await pay(owner, invoice, 'pay-insufficient')
  expect(poor.body.error).toMatchObject({ code: 'payment_declined', reason: 'insufficient_funds' })
  expect((await owner.get(`/invoices/${invoice.id}`)).body.status).toBe('open')

  await cardOnFile(owner, '4242 4242 4242 4242')
  expect((await pay(owner, invoice, 'pay-after-new-card')).status).toBe(201)
})

test('only a billing admin pays (viewer 403), not in maintenance (503), and only this account’s invoices (404)', async () => {
  const invoice = await firstInvoice(owner, 'open')
  const viewer = await onGlobex(await signedIn(sim, users.viewer))
  expect(failure(await pay(viewer, invoice, 'viewer-key'))).toEqual([403, 'forbidden'])

  const operator = await signedIn(sim, users.operator)
  const on = { enabled: true, message: 'Upgrading the billing provider.', reason: 'scheduled' }
  expect((await operator.call('PUT', '/billing-status/maintenance', { body: on })).status).toBe(200)
  const paused = await pay(owner, invoice, 'maint-key')
  expect(failure(paused)).toEqual([503, 'maintenance'])
  expect(paused.headers.get('retry-after')).not.toBeNull()
  await operator.call('PUT', '/billing-status/maintenance', { body: { enabled: false, message: 'Done.' } })

  // Acme's admin, Globex's invoice.
  await owner.call('PUT', '/session/account', { body: { accountId: 'acc_acme' } })
  const since = Date.now()
  expect(failure(await pay(owner, invoice, 'other-account'))).toEqual([404, 'not_found'])
  expect(await zuoraCalls(sim, since, 'createPayment')).toEqual([])
  await onGlobex(owner)
  expect((await pay(owner, invoice, 'maint-key')).status).toBe(201)
})

test('an answer lost after Zuora charged: 503 payment_outcome_unknown, and the retry gets the one payment', async () => {
  // Its own gateway, whose network loses the first answer to a payment (Zuora got it and charged).
  let lose = 1
  const lossy = await startGatewaySim({
    port: 0,
    wrapZuora: (http) => async (request) => {
      const answer = await http(request)
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/payments' && lose-- > 0)
        throw new TypeError('fetch failed: connection reset')
      return answer
    },
  })
  try {
    const browser = await onGlobex(await signedIn(lossy, users.owner))
    const invoice = await firstInvoice(browser, 'open')
    const since = Date.now()
    const lost = await pay(browser, invoice, 'pay-lost')
    expect(failure(lost)).toEqual([503, 'payment_outcome_unknown'])
    expect(lost.headers.get('retry-after')).not.toBeNull()
    // Another tab's own key is held off while the first payment's outcome is unknown.
    expect(failure(await pay(browser, invoice, 'pay-lost-other-tab'))).toEqual([409, 'payment_in_progress'])

    const retried = await pay(browser, invoice, 'pay-lost')
    expect(retried.status, retried.text).toBe(201)
    expect(retried.body.invoice).toMatchObject({ status: 'paid' })
    const charges = await zuoraCalls(lossy, since, 'createPayment')
    expect(charges).toHaveLength(2)
    expect(new Set(charges.map((call) => call.idempotencyKey)).size).toBe(1)
    expect(lossy.simulator.control.exportState().state.payments).toHaveLength(1)
  } finally {
    await lossy.close()
  }
}, 30_000)
