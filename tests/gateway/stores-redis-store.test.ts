// @vitest-environment node
/**
 * The fleet's store on a real Redis (Debian's redis-server on a free loopback port): the same
 * contract as the memory store, atomic first-write and compare-and-set under concurrency, keys
 * kept apart by prefix, and, with Redis stopped, commands that fail at once instead of waiting.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createRedisStore, type SharedStore } from '../../gateway/stores/redis-store'
import { startRedisServer, type RedisServer } from '../../scripts/redis-server'

let redis: RedisServer
let store: SharedStore
const events: Record<string, unknown>[] = []

beforeAll(async () => {
  redis = await startRedisServer()
  store = createRedisStore({
    url: redis.url,
    keyPrefix: `test-${Date.now()}:`,
    // Generous: the suite runs beside this on two cores; the time-out's own effect is tested elsewhere.
    commandTimeoutMs: 2_000,
    log: (event) => void (event.event !== 'redis_error' && events.push(event)),
  })
  expect(await store.waitUntilReady(10_000)).toBe(true)
}, 20_000)
afterAll(async () => {
  await store.close()
  await redis.stop()
})

async function until(check: () => boolean, timeoutMs = 10_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;)
    if (check()) return
    else await new Promise((resolve) => setTimeout(resolve, 25))
  throw new Error('condition not met in time')
}

test('keeps values with their time to live, and forgets deleted ones', async () => {
  await store.set('a', 'one')
  await store.set('b', 'two', { ttlMs: 60_000 })
  expect(await store.get('a')).toBe('one')
  expect(await store.getWithTtl('a')).toEqual({ value: 'one', ttlMs: null })
  const withTtl = await store.getWithTtl('b')
  expect(withTtl.value).toBe('two')
  expect(withTtl.ttlMs).toBeGreaterThan(50_000)
  expect(withTtl.ttlMs).toBeLessThanOrEqual(60_000)
  await store.delete('a')
  expect(await store.getWithTtl('a')).toEqual({ value: null, ttlMs: null })
  await store.set('short', 'x', { ttlMs: 30 })
  await new Promise((resolve) => setTimeout(resolve, 80))
  expect(await store.get('short')).toBeNull()
})

test('of many concurrent setIfAbsent calls exactly one wins', async () => {
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent('once', String(i))))
  expect(results.filter(Boolean)).toHaveLength(1)
})

test('compareAndSet writes only over the value it expects; of racing writers one wins', async () => {
  expect(await store.compareAndSet('doc', null, 'v1')).toBe(true)
  expect(await store.compareAndSet('doc', null, 'v1b')).toBe(false)
  expect(await store.compareAndSet('doc', 'v0', 'v2')).toBe(false)
  expect(await store.compareAndSet('doc', 'v1', 'v2', { ttlMs: 60_000 })).toBe(true)
  expect((await store.getWithTtl('doc')).ttlMs).toBeGreaterThan(0)
  const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => store.compareAndSet('doc', 'v2', `w${i}`)))
  expect(racing.filter(Boolean)).toHaveLength(1)
})

test('each instance writes its own field of a hash, and the hash goes when nobody writes it', async () => {
  await store.hashSet('views', 'gw-a', '{"calls":3}', { ttlMs: 60_000 })
  await store.hashSet('views', 'gw-b', '{"calls":5}', { ttlMs: 60_000 })
  await store.hashSet('views', 'gw-a', '{"calls":4}', { ttlMs: 60_000 })
  expect(await store.hashGetAll('views')).toEqual({ 'gw-a': '{"calls":4}', 'gw-b': '{"calls":5}' })
  expect(await store.hashGetAll('no-such-hash')).toEqual({})
  await store.hashSet('brief', 'gw-a', 'x', { ttlMs: 30 })
  await new Promise((resolve) => setTimeout(resolve, 80))
  expect(await store.hashGetAll('brief')).toEqual({})
})

test('two prefixes on one Redis never see each other’s keys', async () => {
  const other = createRedisStore({ url: redis.url, keyPrefix: `other-${Date.now()}:` })
  try {
    await until(() => other.ready)
    await store.set('shared-name', 'ours')
    expect(await other.get('shared-name')).toBeNull()
  } finally {
    await other.close()
  }
})

test('a bad time to live is refused here, as the memory store refuses it', async () => {
  await expect(store.set('k', 'v', { ttlMs: 0 })).rejects.toThrow(RangeError)
  await expect(store.setIfAbsent('k', 'v', { ttlMs: 1.5 })).rejects.toThrow(RangeError)
})

test('with Redis stopped a command fails at once (no offline queue), and the store is ready again when Redis is', async () => {
  await redis.stop()
  await until(() => !store.ready)
  const outcome = await Promise.race([
    store.get('a').then(
      () => 'answered',
      () => 'rejected',
    ),
    new Promise((resolve) => setTimeout(() => resolve('waited'), 3_000)),
  ])
  expect(outcome).toBe('rejected')
  let readyAgain = 0
  store.onReady(() => readyAgain++)
  await redis.start()
  await until(() => store.ready && readyAgain > 0, 15_000)
  await store.set('after', 'yes')
  expect(await store.get('after')).toBe('yes')
  expect(events.map((event) => event.event)).toEqual(['redis_ready', 'redis_down', 'redis_ready'])
}, 30_000)
