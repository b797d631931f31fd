// @vitest-environment node
/**
 * The simulated Zuora's `POST /v1/payments` on the seeded history (generated, not stored): the
 * invoice then reads balance 0 and counts as changed; a test card the card gateway declines
 * answers 200 with `success: false` and the gateway's words, changes nothing, and its key replays
 * the decline; a payment survives the tenant's export and import.
 */
import { beforeEach, expect, test } from 'vitest'
import { simStateFromPlain } from '../../mocks/zuora/state-json'
import { parsedAs, simHarness, TODAY, type SimHarness } from './zuora-sim-client'

let h: SimHarness
beforeEach(async () => {
  h = simHarness()
  await h.signIn()
})

type Row = { id: string; accountId: string; balance: number; status: string; updatedDate: string }

/** Acme's open invoice of the seeded history (on the harness's day, the 20th: issued the 12th, due the 26th). */
async function openAcmeInvoice(): Promise<Row> {
  const account = (await (await h.get('/v1/accounts/A00000001')).json()) as { basicInfo: { id: string } }
  const query = new URLSearchParams([
    ['filter[]', `accountId.EQ:${account.basicInfo.id}`],
    ['filter[]', 'balance.GT:0'],
    ['pageSize', '5'],
  ])
  const { data } = (await (await h.get(`/object-query/invoices?${query}`)).json()) as { data: Row[] }
  const [invoice] = data
  if (!invoice) throw new Error('Acme has no open invoice on the harness day')
  return invoice
}

const payBody = (invoice: Row) => ({
  accountNumber: 'A00000001',
  type: 'Electronic',
  amount: invoice.balance,
  currency: 'USD',
  effectiveDate: TODAY,
  invoices: [{ invoiceId: invoice.id, amount: invoice.balance }],
})

/** Acme's default card now ends in `last4` (the tenant's data, as a test's setup would shape it). */
function acmeCardEndsIn(last4: string): void {
  const stored = h.sim.control.exportState()
  const acme = stored.state.accounts.find((account) => account.accountNumber === 'A00000001')
  const card = acme?.defaultPaymentMethodId ? stored.state.paymentMethods[acme.defaultPaymentMethodId] : undefined
  if (!card) throw new Error('Acme has no card')
  card.last4 = last4
  expect(h.sim.control.importState(stored)).toBe(true)
}

test('a payment of a seeded invoice leaves it at balance 0, changed since, and it stays so across export and import', async () => {
  const invoice = await openAcmeInvoice()
  await h.advance(60_000)
  const payment = await parsedAs('createPayment', await h.post('/v1/payments', payBody(invoice)))
  expect(payment).toMatchObject({ status: 'Processed', appliedAmount: invoice.balance, gatewayResponse: 'Approved' })

  const after = (await (await h.get(`/object-query/invoices/${invoice.id}`)).json()) as Row
  expect(after).toMatchObject({ balance: 0, status: 'Posted' })
  expect(after.updatedDate > invoice.updatedDate).toBe(true)
  // A sync by changes (updatedDate) finds it.
  const since = new URLSearchParams([
    ['filter[]', `updatedDate.GE:${new Date(h.now() - 30_000).toISOString()}`],
    ['pageSize', '99'],
  ])
  const changed = (await (await h.get(`/object-query/invoices?${since}`)).json()) as { data: Row[] }
  expect(changed.data.map((row) => row.id)).toEqual([invoice.id])

  const exported = JSON.parse(JSON.stringify(h.sim.control.exportState())) as unknown
  const restored = simStateFromPlain(exported)
  expect(restored?.invoiceBalances[invoice.id]).toMatchObject({ balanceMinor: 0 })
  h.sim.control.reset()
  expect(h.sim.control.importState(exported)).toBe(true)
  await h.signIn()
  expect(await (await h.get(`/object-query/invoices/${invoice.id}`)).json()).toMatchObject({ balance: 0 })
  // Paid: a second payment of it is refused.
  expect(await (await h.post('/v1/payments', payBody(invoice))).json()).toMatchObject({ success: false })
})

test('a card the gateway declines: 200 success false with the gateway’s words, nothing paid, the key replays it', async () => {
  const invoice = await openAcmeInvoice()
  for (const [last4, words] of [
    ['0002', /^Transaction declined\.402 - \[card_error\/card_declined\/generic_decline\] Your card was declined\.$/],
    ['9995', /^Transaction declined\.402 - \[card_error\/card_declined\/insufficient_funds\]/],
  ] as const) {
    acmeCardEndsIn(last4)
    const key = { 'Idempotency-Key': `decline-${last4}` }
    const answer = await h.post('/v1/payments', payBody(invoice), key)
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as { success: boolean; reasons: { code: number; message: string }[] }
    expect(body.success).toBe(false)
    expect(body.reasons[0]?.message).toMatch(words)
    expect((body.reasons[0]?.code ?? 0) % 100).toBe(30)
    expect(await (await h.post('/v1/payments', payBody(invoice), key)).json()).toEqual(body)
  }
  expect(await (await h.get(`/object-query/invoices/${invoice.id}`)).json()).toMatchObject({
    balance: invoice.balance,
  })
  expect(h.sim.control.exportState().state.payments).toEqual([])
})

test('an old tenant export (before payments of the history were kept) is not taken: the caller seeds afresh', () => {
  const exported = h.sim.control.exportState() as { version: number; state: Record<string, unknown> }
  const { invoiceBalances: _dropped, ...older } = exported.state
  expect(simStateFromPlain({ version: 1, state: older })).toBeNull()
  expect(simStateFromPlain({ ...exported, state: older })).toBeNull()
})
