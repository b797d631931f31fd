// @vitest-environment node
/**
 * The fleet's store with this instance's memory behind it (gateway/stores/fallback-store.ts), on
 * a shared store that can be switched off and a clock the test moves: nothing fails because the
 * shared store does, what this instance saw stays readable, what it did alone reaches the shared
 * store when it is back (written keys, and deletions such as a sign-out), and another instance's
 * newer write wins over ours.
 */
import { expect, test } from 'vitest'
import type { KeyValueStore } from '../../gateway/ports'
import { createFallbackStore } from '../../gateway/stores/fallback-store'
import { createMemoryStore } from '../../gateway/stores/memory-store'
import type { SharedStore } from '../../gateway/stores/redis-store'

const fakeClock = (start = 1_000_000) => {
  let now = start
  return { now: () => now, advance: (ms: number) => void (now += ms) }
}

/** A memory store standing in for Redis, which fails every command while `down`. */
function switchableShared(clock: { now(): number }) {
  const backing = createMemoryStore({ clock })
  const state = { down: false, calls: 0 }
  const readyListeners = new Set<() => void>()
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      state.calls++
      return state.down ? Promise.reject(new Error('Connection is closed.')) : call(...args)
    }
  const shared: SharedStore = {
    get: guard(backing.get),
    getWithTtl: guard(async (key: string) => ({ value: await backing.get(key), ttlMs: null })),
    set: guard(backing.set),
    setIfAbsent: guard(backing.setIfAbsent),
    compareAndSet: guard(backing.compareAndSet),
    delete: guard(backing.delete),
    hashSet: guard(backing.hashSet),
    hashGetAll: guard(backing.hashGetAll),
    onReady: (listener) => {
      readyListeners.add(listener)
      return () => readyListeners.delete(listener)
    },
    get ready() {
      return !state.down
    },
    waitUntilReady: async () => !state.down,
    close: async () => undefined,
  }
  /** Redis restarted with nothing saved. */
  const wipe = async () => {
    for (const { key } of backing.entries()) await backing.delete(key)
  }
  return { shared, backing: backing as KeyValueStore, state, wipe, comeBack: () => readyListeners.forEach((l) => l()) }
}

function setUp() {
  const clock = fakeClock()
  const { shared, backing, state, comeBack } = switchableShared(clock)
  const local = createMemoryStore({ clock })
  const events: Record<string, unknown>[] = []
  const store = createFallbackStore({ shared, local, clock, log: (event) => events.push(event), retryAfterMs: 1_000 })
  return { clock, store, backing, state, local, events, comeBack }
}

/** Lets the rejoin started by a command run to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

test('while the shared store answers it is the truth, and this instance keeps a mirror of what it saw', async () => {
  const { store, backing, local } = setUp()
  await backing.set('session:other', 'made on another instance')
  expect(await store.get('session:other')).toBe('made on another instance')
  await store.set('session:mine', 'made here', { ttlMs: 60_000 })
  expect(await backing.get('session:mine')).toBe('made here')
  expect(await local.get('session:other')).toBe('made on another instance')
  // Another instance signs the session out: the next read here follows, and the mirror forgets it.
  await backing.delete('session:other')
  expect(await store.get('session:other')).toBeNull()
  expect(await local.get('session:other')).toBeNull()
  expect(store.mode).toBe('shared')
})

test('when the shared store fails nothing fails: this instance answers from what it saw, and says so once', async () => {
  const { store, backing, state, events } = setUp()
  await backing.set('session:a', 'alice')
  await store.get('session:a')
  state.down = true
  expect(await store.get('session:a')).toBe('alice')
  await store.set('quote:1', 'q')
  expect(await store.get('quote:1')).toBe('q')
  expect(await store.setIfAbsent('lease', 'me', { ttlMs: 5_000 })).toBe(true)
  expect(await store.setIfAbsent('lease', 'you', { ttlMs: 5_000 })).toBe(false)
  expect(store.mode).toBe('local')
  expect(events.filter((event) => event.event === 'shared_store_down')).toHaveLength(1)
  expect(store.counters()).toMatchObject({ fallbacks: 1 })
  expect(store.counters().localAnswers).toBeGreaterThanOrEqual(5)
})

test('while alone it tries the shared store once per retry interval, not on every command', async () => {
  const { store, state, clock } = setUp()
  state.down = true
  await store.get('x')
  const callsAfterFailure = state.calls
  for (let i = 0; i < 10; i++) await store.get('x')
  expect(state.calls).toBe(callsAfterFailure)
  clock.advance(1_000)
  await store.get('x')
  await settle()
  expect(state.calls).toBeGreaterThan(callsAfterFailure)
})

test('what was written and deleted while alone reaches the shared store before it is trusted again', async () => {
  const { store, backing, state, clock, events } = setUp()
  await store.set('session:old', 'signed in before', { ttlMs: 600_000 })
  state.down = true
  await store.set('session:new', 'signed in during the outage', { ttlMs: 600_000 })
  await store.delete('session:old') // a sign-out during the outage
  await store.compareAndSet('own-state', null, '{"alerts":[1]}')
  state.down = false
  clock.advance(1_000)
  expect(await store.get('session:new')).toBe('signed in during the outage') // still alone while it pushes
  await settle()
  expect(store.mode).toBe('shared')
  expect(await backing.get('session:new')).toBe('signed in during the outage')
  expect(await backing.get('session:old')).toBeNull()
  expect(await backing.get('own-state')).toBe('{"alerts":[1]}')
  expect(events.find((event) => event.event === 'shared_store_back')).toMatchObject({ pushed: 3 })
  expect(store.counters().rejoins).toBe(1)
})

test('a key another instance wrote while this one was alone keeps their value, and the conflict is logged', async () => {
  const { store, backing, state, clock, events } = setUp()
  state.down = true
  await store.set('order-key:acc:k1', 'ours')
  await backing.set('order-key:acc:k1', 'theirs')
  state.down = false
  clock.advance(1_000)
  await store.get('anything')
  await settle()
  expect(await store.get('order-key:acc:k1')).toBe('theirs')
  expect(store.counters().conflicts).toBe(1)
  expect(events.some((event) => event.event === 'shared_store_conflict')).toBe(true)
})

test('a key made and deleted while alone is not deleted from the shared store: another instance’s stays', async () => {
  const { store, backing, state, clock } = setUp()
  await store.set('session:known', 'seen before', { ttlMs: 600_000 })
  state.down = true
  // Another instance placed the order under this key; this one, alone, could not see it: it
  // tried the key as new (setIfAbsent won in its memory), was refused, and let the key go.
  await backing.set('order-key:acc:k1', 'the order, done')
  expect(await store.setIfAbsent('order-key:acc:k1', 'ours, in flight')).toBe(true)
  await store.delete('order-key:acc:k1')
  // A sign-out of a session this instance knew is still carried over.
  await store.delete('session:known')
  state.down = false
  clock.advance(1_000)
  await store.get('anything')
  await settle()
  expect(store.mode).toBe('shared')
  expect(await backing.get('order-key:acc:k1')).toBe('the order, done')
  expect(await store.get('order-key:acc:k1')).toBe('the order, done')
  expect(await backing.get('session:known')).toBeNull()
})

test('Redis ready again is tried at once, without waiting out the interval', async () => {
  const { store, state, comeBack } = setUp()
  state.down = true
  await store.get('x')
  state.down = false
  comeBack()
  await store.get('x')
  await settle()
  expect(store.mode).toBe('shared')
})

test('a bad argument is our bug, not the shared store failing: it is thrown, not hidden', async () => {
  const { store } = setUp()
  await expect(store.set('k', 'v', { ttlMs: 0 })).rejects.toThrow(RangeError)
  expect(store.mode).toBe('shared')
})

test('a Redis that comes back empty gets back what every instance holds, not just the first to reconnect', async () => {
  const clock = fakeClock()
  const { shared, backing, state, wipe, comeBack } = switchableShared(clock)
  const instances = [0, 1].map(() => createFallbackStore({ shared, local: createMemoryStore({ clock }), clock }))
  comeBack() // connected: each learns the fleet's epoch
  await settle()
  await instances[0]!.set('session:only-on-0', 'alice', { ttlMs: 600_000 })
  await instances[1]!.set('session:only-on-1', 'bob', { ttlMs: 600_000 })
  state.down = true
  await wipe()
  state.down = false
  comeBack()
  await settle()
  await settle()
  expect(await backing.get('session:only-on-0')).toBe('alice')
  expect(await backing.get('session:only-on-1')).toBe('bob')
})
