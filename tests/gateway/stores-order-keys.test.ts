// @vitest-environment node
import { createHash } from 'node:crypto'
import { expect, test } from 'vitest'
import type { Order } from '../../src/lib/api/schemas'
import { createMemoryStore } from '../../gateway/stores/memory-store'
import {
  bodyHash,
  createOrderKeyStore,
  orderNumberFor,
  zuoraKeyFor,
  zuoraKeyOf,
  type OrderKeyRecord,
} from '../../gateway/stores/order-keys'

const LEASE = 150_000

function setup() {
  let now = 1_700_000_000_000
  const clock = { now: () => now, advance: (ms: number) => (now += ms) }
  const store = createMemoryStore({ clock })
  return { clock, store, keys: createOrderKeyStore({ store, leaseMs: LEASE }) }
}

const order = (status: Order['status']): Order => ({
  id: 'ord_1',
  idempotencyKey: 'key-1',
  status,
  items: [],
  total: { amountMinor: 1000, currency: 'USD' },
  invoiceId: status === 'completed' ? 'inv_1' : null,
  createdAt: '2024-05-01T00:00:00.000Z',
})

async function begun(keys: ReturnType<typeof setup>['keys'], hash: string, now: number): Promise<OrderKeyRecord> {
  const result = await keys.begin('acc_acme', 'key-1', hash, now)
  if (result.kind !== 'new') throw new Error(`expected new, got ${result.kind}`)
  return result.record
}

test('the body hash is SHA-256 of canonical JSON: key order does not matter, content does', async () => {
  const a = await bodyHash({ quoteId: 'q1', items: [{ kind: 'seats', quantity: 3 }] })
  expect(a).toMatch(/^[0-9a-f]{64}$/)
  expect(await bodyHash({ items: [{ quantity: 3, kind: 'seats' }], quoteId: 'q1' })).toBe(a)
  expect(await bodyHash({ quoteId: 'q1', items: [{ kind: 'seats', quantity: 4 }] })).not.toBe(a)
  const canonical = '{"a":1,"b":[{"c":3,"d":null}]}'
  expect(await bodyHash({ b: [{ d: null, c: 3 }], a: 1 })).toBe(createHash('sha256').update(canonical).digest('hex'))
})

test('the Zuora key and order number are deterministic, short enough for Zuora, and scoped', async () => {
  const zuoraKey = await zuoraKeyFor('acc_acme', 'key-1', 'h1')
  expect(zuoraKey).toBe(await zuoraKeyFor('acc_acme', 'key-1', 'h1'))
  expect(zuoraKey.length).toBeLessThan(255)
  expect(await zuoraKeyFor('acc_acme', 'key-1', 'h2')).not.toBe(zuoraKey)
  expect(await zuoraKeyFor('acc_globex', 'key-1', 'h1')).not.toBe(zuoraKey)
  const number = await orderNumberFor('acc_acme', 'key-1')
  expect(number).toMatch(/^O-[0-9A-F]{40}$/)
  expect(number.length).toBeLessThanOrEqual(100)
  expect(await orderNumberFor('acc_globex', 'key-1')).not.toBe(number)
})

test('a first begin is new and in flight; the same key again is 409 while it is', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  expect(record).toMatchObject({
    state: 'in_flight',
    bodyHash: 'h1',
    zuoraIdempotencyKey: await zuoraKeyFor('acc_acme', 'key-1', 'h1'),
    orderNumber: await orderNumberFor('acc_acme', 'key-1'),
    order: null,
  })
  clock.advance(LEASE - 1)
  expect(await keys.begin('acc_acme', 'key-1', 'h1', clock.now())).toEqual({ kind: 'in_flight' })
})

test('two concurrent begins of one key: exactly one is new, the other sees it in flight', async () => {
  const { clock, keys } = setup()
  const results = await Promise.all([
    keys.begin('acc_acme', 'key-1', 'h1', clock.now()),
    keys.begin('acc_acme', 'key-1', 'h1', clock.now()),
  ])
  expect(results.map((result) => result.kind).sort()).toEqual(['in_flight', 'new'])
})

test('the same key on another account is another order', async () => {
  const { clock, keys } = setup()
  await begun(keys, 'h1', clock.now())
  expect((await keys.begin('acc_globex', 'key-1', 'h1', clock.now())).kind).toBe('new')
})

test('the same key with another body is a mismatch, whatever the state', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  expect(await keys.begin('acc_acme', 'key-1', 'h2', clock.now())).toEqual({ kind: 'mismatch' })
  await keys.complete(record, order('completed'), clock.now())
  expect(await keys.begin('acc_acme', 'key-1', 'h2', clock.now())).toEqual({ kind: 'mismatch' })
})

test('a completed order is replayed, and a pending one is updated when its job ends', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  const pending = await keys.complete(record, order('pending'), clock.now())
  const replay = await keys.begin('acc_acme', 'key-1', 'h1', clock.now())
  expect(replay).toMatchObject({ kind: 'done', record: { state: 'done', order: { status: 'pending' } } })
  await keys.complete(pending, order('completed'), clock.now())
  expect((await keys.find('acc_acme', 'key-1', clock.now()))?.order?.status).toBe('completed')
})

test('an in-flight record whose holder went quiet reads unknown after its lease, and one caller takes it over', async () => {
  const { clock, keys } = setup()
  await begun(keys, 'h1', clock.now())
  clock.advance(LEASE)
  expect((await keys.find('acc_acme', 'key-1', clock.now()))?.state).toBe('unknown')
  const [first, second] = await Promise.all([
    keys.begin('acc_acme', 'key-1', 'h1', clock.now()),
    keys.begin('acc_acme', 'key-1', 'h1', clock.now()),
  ])
  expect([first?.kind, second?.kind].sort()).toEqual(['in_flight', 'unknown'])
  // The one that took it over holds a new lease; while it looks the order up, others wait.
  expect(await keys.begin('acc_acme', 'key-1', 'h1', clock.now())).toEqual({ kind: 'in_flight' })
})

test('a time-out marks it unknown: the next begin is told to look it up first, with the same order number', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  await keys.markUnknown(record, clock.now())
  const next = await keys.begin('acc_acme', 'key-1', 'h1', clock.now())
  expect(next).toMatchObject({ kind: 'unknown', record: { orderNumber: record.orderNumber, state: 'in_flight' } })
})

test('each send without an answer is remembered: the first for the record, the last for how long Zuora may still commit', async () => {
  const { clock, keys, store } = setup()
  const record = await begun(keys, 'h1', clock.now())
  const firstSent = clock.now()
  await keys.markUnknown(record, clock.advance(12_000), firstSent)
  const taken = await keys.begin('acc_acme', 'key-1', 'h1', clock.now())
  if (taken.kind !== 'unknown') throw new Error(`expected unknown, got ${taken.kind}`)
  const resent = clock.advance(500)
  await keys.markUnknown(taken.record, clock.advance(12_000), resent)
  // A lookup that fails is no send: it leaves the last send as it was.
  await keys.markUnknown(taken.record, clock.advance(1_000))
  expect(await keys.find('acc_acme', 'key-1', clock.now())).toMatchObject({
    state: 'unknown',
    outcomeUnknownSince: firstSent + 12_000,
    lastSentAt: resent,
  })
  // A record written before the field existed still reads, without a last send.
  const old = JSON.parse((await store.get('order-key:acc_acme:key-1')) ?? '{}') as Record<string, unknown>
  delete old.lastSentAt
  await store.set('order-key:acc_acme:key-1', JSON.stringify(old))
  expect(await keys.find('acc_acme', 'key-1', clock.now())).toMatchObject({ state: 'unknown', lastSentAt: null })
})

test('a failure Zuora answered moves the next send to a new Zuora key; one that never left keeps it', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  expect(zuoraKeyOf(record)).toBe(record.zuoraIdempotencyKey)
  await keys.markFailedBeforeZuora(record, clock.now())
  const again = await begun(keys, 'h1', clock.now())
  expect(zuoraKeyOf(again)).toBe(record.zuoraIdempotencyKey)
  await keys.markFailedBeforeZuora(again, clock.now(), { answered: true })
  const third = await begun(keys, 'h1', clock.now())
  expect(zuoraKeyOf(third)).not.toBe(record.zuoraIdempotencyKey)
  expect(zuoraKeyOf(third).length).toBeLessThan(255)
  expect(third.orderNumber).toBe(record.orderNumber)
})

test('a holder that took over and died leaves it unknown again once its claim has run out', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  await keys.markUnknown(record, clock.now())
  expect((await keys.begin('acc_acme', 'key-1', 'h1', clock.now())).kind).toBe('unknown')
  clock.advance(LEASE)
  expect((await keys.begin('acc_acme', 'key-1', 'h1', clock.now())).kind).toBe('unknown')
})

test('a refusal before Zuora leaves no record: the key is free, for any body', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  await keys.forget(record, clock.now())
  expect(await keys.find('acc_acme', 'key-1', clock.now())).toBeNull()
  expect((await keys.begin('acc_acme', 'key-1', 'h2', clock.now())).kind).toBe('new')
})

test('a request that never left may start again with the same body; another body is still refused', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  await keys.markFailedBeforeZuora(record, clock.now())
  expect((await keys.find('acc_acme', 'key-1', clock.now()))?.state).toBe('failed_before_zuora')
  expect(await keys.begin('acc_acme', 'key-1', 'h2', clock.now())).toEqual({ kind: 'mismatch' })
  expect(await keys.begin('acc_acme', 'key-1', 'h1', clock.now())).toMatchObject({
    kind: 'new',
    record: { state: 'in_flight' },
  })
})

test('once a request may have reached Zuora, neither forget nor a later failure erases that', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  await keys.markUnknown(record, clock.now())
  const retry = await keys.begin('acc_acme', 'key-1', 'h1', clock.now())
  if (retry.kind !== 'unknown') throw new Error(retry.kind)
  await keys.forget(retry.record, clock.now())
  expect((await keys.find('acc_acme', 'key-1', clock.now()))?.state).toBe('unknown')
  const again = await keys.begin('acc_acme', 'key-1', 'h1', clock.now())
  if (again.kind !== 'unknown') throw new Error(again.kind)
  await keys.markFailedBeforeZuora(again.record, clock.now())
  expect((await keys.find('acc_acme', 'key-1', clock.now()))?.state).toBe('unknown')
})

test('a stale holder cannot forget a record another caller has taken over', async () => {
  const { clock, keys } = setup()
  const stale = await begun(keys, 'h1', clock.now())
  clock.advance(LEASE)
  expect((await keys.begin('acc_acme', 'key-1', 'h1', clock.now())).kind).toBe('unknown')
  await keys.forget(stale, clock.now())
  expect(await keys.find('acc_acme', 'key-1', clock.now())).not.toBeNull()
})

test('a done order is never downgraded by a late time-out', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  await keys.complete(record, order('completed'), clock.now())
  await keys.markUnknown(record, clock.now())
  expect((await keys.begin('acc_acme', 'key-1', 'h1', clock.now())).kind).toBe('done')
})

test('a key is kept 24 hours', async () => {
  const { clock, keys } = setup()
  const record = await begun(keys, 'h1', clock.now())
  await keys.complete(record, order('completed'), clock.now())
  clock.advance(24 * 3_600_000 - 1)
  expect((await keys.begin('acc_acme', 'key-1', 'h1', clock.now())).kind).toBe('done')
  clock.advance(1)
  expect(await keys.find('acc_acme', 'key-1', clock.now())).toBeNull()
})

test('a store that fails makes begin reject: no order is sent that cannot be tracked', async () => {
  const { clock, store } = setup()
  const keys = createOrderKeyStore({ store: { ...store, get: () => Promise.reject(new Error('down')) } })
  await expect(keys.begin('acc_acme', 'key-1', 'h1', clock.now())).rejects.toThrow('down')
})
