// @vitest-environment node
import { expect, test } from 'vitest'
import { createMemoryStore } from '../../gateway/stores/memory-store'

const fakeClock = (start = 1_000_000) => {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

test('a value with a TTL is there until the TTL has passed on the injected clock, then gone', async () => {
  const clock = fakeClock()
  const store = createMemoryStore({ clock })
  await store.set('k', 'v', { ttlMs: 1_000 })
  clock.advance(999)
  expect(await store.get('k')).toBe('v')
  clock.advance(1)
  expect(await store.get('k')).toBeNull()
  expect(store.stats().entries).toBe(0)
})

test('a value without a TTL lives until deleted', async () => {
  const clock = fakeClock()
  const store = createMemoryStore({ clock })
  await store.set('k', 'v')
  clock.advance(365 * 24 * 3_600_000)
  expect(await store.get('k')).toBe('v')
  await store.delete('k')
  expect(await store.get('k')).toBeNull()
})

test('setIfAbsent writes only the first time, and again once the first has expired', async () => {
  const clock = fakeClock()
  const store = createMemoryStore({ clock })
  expect(await store.setIfAbsent('lease', 'a', { ttlMs: 100 })).toBe(true)
  expect(await store.setIfAbsent('lease', 'b', { ttlMs: 100 })).toBe(false)
  expect(await store.get('lease')).toBe('a')
  clock.advance(100)
  expect(await store.setIfAbsent('lease', 'c', { ttlMs: 100 })).toBe(true)
  expect(await store.get('lease')).toBe('c')
})

test('of many concurrent setIfAbsent calls exactly one wins', async () => {
  const store = createMemoryStore({ clock: fakeClock() })
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent('once', String(i))))
  expect(results.filter(Boolean)).toHaveLength(1)
  expect(await store.get('once')).toBe(String(results.indexOf(true)))
})

test('past its byte budget the store drops the least recently used entries first', async () => {
  // Each entry: 2-byte key + 100-byte value + 64 bytes of overhead = 166 bytes; five fit in 900.
  const store = createMemoryStore({ clock: fakeClock(), maxBytes: 900 })
  const value = 'x'.repeat(100)
  for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) await store.set(key, value)
  expect(await store.get('k1')).toBe(value) // k1 is now the most recently used; k2 the least
  await store.set('k6', value)
  expect(await store.get('k2')).toBeNull()
  for (const key of ['k1', 'k3', 'k4', 'k5', 'k6']) expect(await store.get(key)).toBe(value)
  expect(store.stats()).toMatchObject({ entries: 5, evictions: 1 })
  expect(store.stats().bytes).toBeLessThanOrEqual(900)
})

test('bytes are counted as UTF-8, and an expired entry goes before a live one is evicted', async () => {
  const clock = fakeClock()
  const store = createMemoryStore({ clock, maxBytes: 400 })
  await store.set('ex', 'é'.repeat(50), { ttlMs: 10 }) // 2 + 100 + 64 = 166 bytes
  expect(store.stats().bytes).toBe(166)
  await store.set('l1', 'a'.repeat(100)) // 166 more
  clock.advance(10)
  await store.set('l2', 'b'.repeat(100)) // over 400: the expired one goes, l1 stays
  expect(await store.get('l1')).toBe('a'.repeat(100))
  expect(store.stats()).toMatchObject({ entries: 2, evictions: 0 })
})

test('overwriting a key replaces its bytes instead of adding to them', async () => {
  const store = createMemoryStore({ clock: fakeClock() })
  await store.set('k', 'a'.repeat(100))
  await store.set('k', 'b'.repeat(10))
  expect(store.stats().bytes).toBe(1 + 10 + 64)
})

test('a value larger than the whole store and a non-positive TTL are refused, as Redis would', async () => {
  const store = createMemoryStore({ clock: fakeClock(), maxBytes: 100 })
  await expect(store.set('big', 'x'.repeat(200))).rejects.toThrow(/larger than the store/)
  await expect(store.set('k', 'v', { ttlMs: 0 })).rejects.toThrow(/ttlMs/)
  await expect(store.setIfAbsent('k', 'v', { ttlMs: 1.5 })).rejects.toThrow(/ttlMs/)
})

test('a hash keeps one field per writer, is counted like any value, and goes with its TTL', async () => {
  const clock = fakeClock()
  const store = createMemoryStore({ clock })
  await store.hashSet('views', 'gw-a', '1', { ttlMs: 1_000 })
  await store.hashSet('views', 'gw-b', '2', { ttlMs: 1_000 })
  expect(await store.hashGetAll('views')).toEqual({ 'gw-a': '1', 'gw-b': '2' })
  expect(store.stats().entries).toBe(1)
  clock.advance(1_000)
  expect(await store.hashGetAll('views')).toEqual({})
  await store.set('not-a-hash', 'plain')
  expect(await store.hashGetAll('not-a-hash')).toEqual({})
})
