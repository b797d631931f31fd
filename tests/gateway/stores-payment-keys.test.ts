// @vitest-environment node
/**
 * The gateway's key store for invoice payments (gateway/stores/payment-keys.ts), transition by
 * transition on a memory store and a fake clock: who gets a key, what a repeat is answered, what
 * survives a refusal, a lost answer and a holder that went quiet, and one payment of an invoice at
 * a time.
 */
import { expect, test } from 'vitest'
import type { InvoicePayment } from '../../src/lib/api/schemas'
import { createMemoryStore } from '../../gateway/stores/memory-store'
import {
  createPaymentKeyStore,
  gatewayOrderIdFor,
  zuoraPaymentKeyFor,
  type PaymentKeyRecord,
} from '../../gateway/stores/payment-keys'

const LEASE = 150_000
const sent = { amountMinor: 4_900, currency: 'USD', paymentMethodId: 'pm_1' }

function setup() {
  let now = 1_700_000_000_000
  const clock = { now: () => now, advance: (ms: number) => (now += ms) }
  const store = createMemoryStore({ clock })
  return { clock, keys: createPaymentKeyStore({ store, leaseMs: LEASE }) }
}

const paid: InvoicePayment = {
  payment: { id: 'pay_1', number: 'P-00001001', amount: { amountMinor: 4_900, currency: 'USD' }, paidOn: '2026-03-20' },
  invoice: {
    id: 'inv_1',
    number: 'ACME-000036',
    issuedAt: '2026-03-12',
    dueAt: '2026-03-26',
    status: 'paid',
    total: { amountMinor: 4_900, currency: 'USD' },
    amountDue: { amountMinor: 0, currency: 'USD' },
    description: 'Monthly',
    lines: [],
    subtotal: { amountMinor: 4_900, currency: 'USD' },
    tax: { amountMinor: 0, currency: 'USD' },
    billedTo: { name: 'Acme', address: [] },
  },
}

async function fresh(keys: ReturnType<typeof setup>['keys'], now: number): Promise<PaymentKeyRecord> {
  const begun = await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-1', now)
  if (begun.kind !== 'new') throw new Error(`expected new, got ${begun.kind}`)
  return begun.record
}

test('the Zuora key and gateway order id are the same for every retry of one intent, and differ by invoice and account', async () => {
  const key = await zuoraPaymentKeyFor('acc_acme', 'inv_1', 'key-1')
  expect(key).toMatch(/^bp1-[0-9a-f]{64}$/)
  expect(await zuoraPaymentKeyFor('acc_acme', 'inv_1', 'key-1')).toBe(key)
  expect(await zuoraPaymentKeyFor('acc_acme', 'inv_2', 'key-1')).not.toBe(key)
  expect(await zuoraPaymentKeyFor('acc_globex', 'inv_1', 'key-1')).not.toBe(key)
  expect((await gatewayOrderIdFor('acc_acme', 'inv_1', 'key-1')).length).toBeLessThanOrEqual(50)
})

test('a key is one payment: in flight for a repeat, its outcome replayed once done, another body refused', async () => {
  const { clock, keys } = setup()
  const record = await fresh(keys, clock.now())
  expect(await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-1', clock.now())).toEqual({ kind: 'in_flight' })
  expect(await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-2', clock.now())).toEqual({ kind: 'mismatch' })
  expect(await keys.begin('acc_acme', 'key-1', 'inv_2', 'hash-1', clock.now())).toEqual({ kind: 'mismatch' })
  // Another account's key of the same name is its own.
  expect((await keys.begin('acc_globex', 'key-1', 'inv_1', 'hash-1', clock.now())).kind).toBe('new')

  await keys.complete(await keys.markSent(record, sent, clock.now()), { kind: 'paid', result: paid }, clock.now())
  const replay = await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-1', clock.now())
  expect(replay).toMatchObject({ kind: 'done', record: { outcome: { kind: 'paid', result: paid } } })
})

test('a refusal before anything was sent leaves no record; once sent, a refusal or a lost answer leaves it unknown', async () => {
  const { clock, keys } = setup()
  await keys.forget(await fresh(keys, clock.now()), clock.now())
  const again = await fresh(keys, clock.now())
  const sentRecord = await keys.markSent(again, sent, clock.now())
  await keys.forget(sentRecord, clock.now())
  const unknown = await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-1', clock.now())
  expect(unknown).toMatchObject({ kind: 'unknown', record: { sent, state: 'in_flight' } })
  // The caller that took it over holds it: another one waits.
  expect(await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-1', clock.now())).toEqual({ kind: 'in_flight' })
  if (unknown.kind !== 'unknown') return
  await keys.markUnknown(unknown.record, clock.now())
  const next = await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-1', clock.now())
  expect(next.kind).toBe('unknown')
  if (next.kind !== 'unknown') return
  // The same Zuora key every time.
  expect(next.record.zuoraIdempotencyKey).toBe(again.zuoraIdempotencyKey)
})

test('a holder that went quiet: past its lease the key is taken over, as unknown once something may have been sent', async () => {
  const { clock, keys } = setup()
  await fresh(keys, clock.now())
  clock.advance(LEASE - 1)
  expect((await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-1', clock.now())).kind).toBe('in_flight')
  clock.advance(1)
  // Nothing had been sent: it starts over.
  const taken = await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-1', clock.now())
  expect(taken.kind).toBe('new')
  if (taken.kind !== 'new') return
  await keys.markSent(taken.record, sent, clock.now())
  clock.advance(LEASE)
  expect((await keys.begin('acc_acme', 'key-1', 'inv_1', 'hash-1', clock.now())).kind).toBe('unknown')
})

test('one payment of an invoice at a time, whatever the key, until it is released or its lease ends', async () => {
  const { clock, keys } = setup()
  expect(await keys.holdInvoice('acc_acme', 'inv_1', 'key-1')).toBe(true)
  expect(await keys.holdInvoice('acc_acme', 'inv_1', 'key-1')).toBe(true)
  expect(await keys.holdInvoice('acc_acme', 'inv_1', 'key-2')).toBe(false)
  expect(await keys.holdInvoice('acc_acme', 'inv_2', 'key-2')).toBe(true)
  await keys.releaseInvoice('acc_acme', 'inv_1', 'key-2') // not its holder: nothing happens
  expect(await keys.holdInvoice('acc_acme', 'inv_1', 'key-2')).toBe(false)
  await keys.releaseInvoice('acc_acme', 'inv_1', 'key-1')
  expect(await keys.holdInvoice('acc_acme', 'inv_1', 'key-2')).toBe(true)
  clock.advance(LEASE)
  expect(await keys.holdInvoice('acc_acme', 'inv_1', 'key-3')).toBe(true)
})
