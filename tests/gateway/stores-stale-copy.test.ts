// @vitest-environment node
import { expect, test } from 'vitest'
import type { KeyValueStore } from '../../gateway/ports'
import { createMemoryStore } from '../../gateway/stores/memory-store'
import { createStaleCopyStore, staleResources } from '../../gateway/stores/stale-copy'

const HOUR = 3_600_000

const fakeClock = (start = 1_700_000_000_000) => {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

/** A store whose calls fail (reject) or hang while told to. */
function unreliable(store: KeyValueStore) {
  const mode = { value: 'ok' as 'ok' | 'reject' | 'hang' }
  const wrap =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      mode.value === 'reject'
        ? Promise.reject(new Error('store down'))
        : mode.value === 'hang'
          ? new Promise<R>(() => {})
          : call(...args)
  const wrapped: KeyValueStore = {
    get: wrap(store.get),
    set: wrap(store.set),
    setIfAbsent: wrap(store.setIfAbsent),
    compareAndSet: wrap(store.compareAndSet),
    delete: wrap(store.delete),
    hashSet: wrap(store.hashSet),
    hashGetAll: wrap(store.hashGetAll),
  }
  return { store: wrapped, mode }
}

test('the last good answer comes back with its time and age, per account and resource', async () => {
  const clock = fakeClock()
  const copies = createStaleCopyStore({ store: createMemoryStore({ clock }), clock })
  const at = clock.now()
  await copies.put('acc_acme', 'subscription', '{"plan":"pro"}', at)
  await copies.put('acc_acme', 'subscription', '{"plan":"team"}', at)
  clock.advance(90_000)
  expect(await copies.get('acc_acme', 'subscription', clock.now())).toEqual({
    body: '{"plan":"team"}',
    storedAt: at,
    ageMs: 90_000,
  })
  expect(await copies.get('acc_globex', 'subscription', clock.now())).toBeNull()
  expect(await copies.get('acc_acme', 'billing-details', clock.now())).toBeNull()
  expect(copies.counters()).toMatchObject({ stored: 2, hits: 1, misses: 2 })
})

test('a copy is never answered once 24 hours old, on the caller’s clock or the store’s', async () => {
  const clock = fakeClock()
  const copies = createStaleCopyStore({ store: createMemoryStore({ clock }), clock })
  await copies.put('acc_acme', 'subscription', 'body', clock.now())
  clock.advance(24 * HOUR - 1)
  expect(await copies.get('acc_acme', 'subscription', clock.now())).not.toBeNull()
  // The caller's clock ahead of the store's: the copy is still stored but too old to answer with.
  expect(await copies.get('acc_acme', 'subscription', clock.now() + 1)).toBeNull()
  clock.advance(1)
  expect(await copies.get('acc_acme', 'subscription', clock.now())).toBeNull()
})

test('an answer put late keeps only what is left of its 24 hours, and one already too old is not kept', async () => {
  const clock = fakeClock()
  const copies = createStaleCopyStore({ store: createMemoryStore({ clock }), clock, maxAgeMs: 10 * HOUR })
  await copies.put('acc_acme', 'subscription', 'old', clock.now() - 11 * HOUR)
  await copies.put('acc_acme', 'billing-details', 'older', clock.now() - 9 * HOUR)
  expect(copies.counters().tooOld).toBe(1)
  expect((await copies.get('acc_acme', 'billing-details', clock.now()))?.ageMs).toBe(9 * HOUR)
  clock.advance(HOUR)
  expect(await copies.get('acc_acme', 'billing-details', clock.now())).toBeNull()
})

test('an answer bigger than one entry’s limit is not stored', async () => {
  const clock = fakeClock()
  const copies = createStaleCopyStore({ store: createMemoryStore({ clock }), clock, maxEntryBytes: 10 })
  await copies.put('acc_acme', 'subscription', 'ééééé!', clock.now()) // 11 bytes in UTF-8
  expect(await copies.get('acc_acme', 'subscription', clock.now())).toBeNull()
  expect(copies.counters()).toMatchObject({ stored: 0, tooLarge: 1 })
})

test('the total is bounded by the store: the least recently used copies go', async () => {
  const clock = fakeClock()
  const store = createMemoryStore({ clock, maxBytes: 4_000 })
  const copies = createStaleCopyStore({ store, clock })
  for (let i = 0; i < 10; i++) await copies.put(`acc_${i}`, 'subscription', 'x'.repeat(900), clock.now())
  expect(store.stats().bytes).toBeLessThanOrEqual(4_000)
  expect(await copies.get('acc_0', 'subscription', clock.now())).toBeNull()
  expect(await copies.get('acc_9', 'subscription', clock.now())).not.toBeNull()
})

test('a store that rejects never fails the caller: put swallows, get answers null, both are counted', async () => {
  const clock = fakeClock()
  const { store, mode } = unreliable(createMemoryStore({ clock }))
  const copies = createStaleCopyStore({ store, clock })
  await copies.put('acc_acme', 'subscription', 'kept', clock.now())
  mode.value = 'reject'
  await expect(copies.put('acc_acme', 'subscription', 'lost', clock.now())).resolves.toBeUndefined()
  await expect(copies.get('acc_acme', 'subscription', clock.now())).resolves.toBeNull()
  mode.value = 'ok'
  expect((await copies.get('acc_acme', 'subscription', clock.now()))?.body).toBe('kept')
  expect(copies.counters()).toMatchObject({ stored: 1, putFailures: 1, getFailures: 1, hits: 1 })
})

test('a store that hangs is given up on after the time-out', async () => {
  const clock = fakeClock()
  const { store, mode } = unreliable(createMemoryStore({ clock }))
  const copies = createStaleCopyStore({ store, clock, timeoutMs: 20 })
  mode.value = 'hang'
  await expect(copies.get('acc_acme', 'subscription', clock.now())).resolves.toBeNull()
  await expect(copies.put('acc_acme', 'subscription', 'x', clock.now())).resolves.toBeUndefined()
  expect(copies.counters()).toMatchObject({ getFailures: 1, putFailures: 1 })
})

test('an unreadable stored value is discarded, not answered', async () => {
  const clock = fakeClock()
  const store = createMemoryStore({ clock })
  const copies = createStaleCopyStore({ store, clock })
  await store.set('stale:acc_acme:subscription', '{"body":42}')
  expect(await copies.get('acc_acme', 'subscription', clock.now())).toBeNull()
  expect(copies.counters().discarded).toBe(1)
})

test('an account id cannot reach into another account’s copies', async () => {
  const clock = fakeClock()
  const copies = createStaleCopyStore({ store: createMemoryStore({ clock }), clock })
  await copies.put('acc_a', 'x:subscription', 'a’s', clock.now())
  expect(await copies.get('acc_a:x', 'subscription', clock.now())).toBeNull()
})

test('invoice queries that mean the same share one copy', () => {
  const a = staleResources.invoices(new URLSearchParams('status=paid&limit=50&q='))
  const b = staleResources.invoices(new URLSearchParams('limit=50&status=paid'))
  expect(a).toBe(b)
  expect(a).toBe('invoices?limit=50&status=paid')
  expect(staleResources.invoices(new URLSearchParams('limit=20&status=paid'))).not.toBe(a)
  expect(staleResources.invoice('inv_1')).toBe('invoice:inv_1')
})
