/**
 * When the saved cache is written (docs/decisions/028): a query root's first answer at once, any
 * later change at most once per interval, what waits when the page is hidden or left at once, and a
 * change only ever under the scope it was taken in.
 */
import { QueryClient, dehydrate, type QueryKey } from '@tanstack/react-query'
import type { PersistedClient } from '@tanstack/react-query-persist-client'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { scopeOf } from '@/lib/persistence/cache-scope'
import { cacheBuster, createCachePersister, setTabCacheScope } from '@/lib/persistence/persisted-cache'
import { createSaveSchedule } from '@/lib/persistence/save-schedule'
import { savedCacheWriteIntervalMs } from '@/lib/persistence/saved-cache-limits'
import { claimSavedCacheScope } from '@/lib/persistence/saved-cache-store'
import { cacheScopeKey, ownerScope, savedCacheText } from '../support/saved-cache'

// ------------------------------------------------------------------ the schedule alone

function scheduleOnAFakeClock() {
  let now = 10_000
  const written: string[] = []
  const schedule = createSaveSchedule<string>({
    intervalMs: 1_000,
    write: async (value) => void written.push(value),
    clock: () => now,
  })
  const pass = async (ms: number) => {
    now += ms
    await vi.advanceTimersByTimeAsync(ms)
  }
  return { schedule, written, pass }
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }))
afterEach(() => vi.useRealTimers())

test('the first change is written at once; later ones within the interval wait, and only the newest is written', async () => {
  const { schedule, written, pass } = scheduleOnAFakeClock()
  await schedule.save('a')
  expect(written).toEqual(['a'])

  await schedule.save('b')
  await schedule.save('c')
  await pass(999)
  expect(written).toEqual(['a'])
  await pass(1)
  expect(written).toEqual(['a', 'c'])
  await pass(5_000)
  expect(written).toEqual(['a', 'c'])
})

test('a change that must not wait is written at once, with the other changes of its batch, and nothing stale after it', async () => {
  const { schedule, written, pass } = scheduleOnAFakeClock()
  await schedule.save('a')
  void schedule.save('b')
  void schedule.save('c', { now: true })
  await schedule.save('d', { now: true }) // the same tick: one write of the newest
  expect(written).toEqual(['a', 'd'])
  await pass(5_000)
  expect(written).toEqual(['a', 'd'])
})

test('flush writes what waits at once, and nothing when nothing waits; cancel forgets it', async () => {
  const { schedule, written, pass } = scheduleOnAFakeClock()
  await schedule.save('a')
  void schedule.save('b')
  await schedule.flush()
  expect(written).toEqual(['a', 'b'])
  await schedule.flush()
  void schedule.save('c')
  schedule.cancel()
  await pass(5_000)
  expect(written).toEqual(['a', 'b'])
})

// ------------------------------------------------------------------ the persister in its page

const globexScope = scopeOf('usr_ana', 'acc_globex')

function persisted(entries: { queryKey: QueryKey; data: unknown }[]): PersistedClient {
  const client = new QueryClient()
  for (const entry of entries) client.setQueryData(entry.queryKey, entry.data)
  return { timestamp: Date.now(), buster: cacheBuster, clientState: dehydrate(client) }
}
const savedData = async () =>
  (
    JSON.parse((await savedCacheText()) ?? '{"clientState":{"queries":[]}}') as {
      clientState: { queries: { queryKey: unknown[]; state: { data: unknown } }[] }
    }
  ).clientState.queries.map((query) => [query.queryKey, query.state.data])

async function enterScope(scope: string) {
  localStorage.setItem(cacheScopeKey, scope)
  await claimSavedCacheScope(scope)
  setTabCacheScope(scope)
}

function openPersister() {
  const persistence = createCachePersister()
  persistence.open()
  return persistence
}

afterEach(() => setTabCacheScope(null))

test('a root’s first answer is written at once; a later change of it waits for the interval, or for the page to be left', async () => {
  await enterScope(ownerScope)
  const { persister, close } = openPersister()
  await persister.persistClient(persisted([{ queryKey: ['subscription'], data: { seats: 25 } }]))
  expect(await savedData()).toEqual([[['subscription'], { seats: 25 }]])

  await persister.persistClient(persisted([{ queryKey: ['subscription'], data: { seats: 26 } }]))
  await vi.advanceTimersByTimeAsync(savedCacheWriteIntervalMs / 2)
  expect(await savedData()).toEqual([[['subscription'], { seats: 25 }]])

  window.dispatchEvent(new Event('pagehide'))
  await vi.waitFor(async () => expect(await savedData()).toEqual([[['subscription'], { seats: 26 }]]))
  close()
})

test('a change taken on one account is never written once the tab is on another, however late the page is left', async () => {
  await enterScope(ownerScope)
  const { persister, close } = openPersister()
  await persister.persistClient(persisted([{ queryKey: ['subscription'], data: { seats: 25 } }]))
  await persister.persistClient(persisted([{ queryKey: ['subscription'], data: { seats: 26 } }]))

  // The tab, the browser and the database all move to Globex before the page is left.
  await enterScope(globexScope)
  window.dispatchEvent(new Event('pagehide'))
  await vi.advanceTimersByTimeAsync(savedCacheWriteIntervalMs * 2)
  expect(await savedCacheText()).toBeUndefined()
  close()
})
