/**
 * How big the saved cache may grow: paged roots (invoices) keep their newest entries, and a write
 * the browser refuses (quota) drops the oldest entries until it fits, or gives up without an error.
 */
import { QueryClient, dehydrate, type QueryKey } from '@tanstack/react-query'
import type { PersistedClient } from '@tanstack/react-query-persist-client'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { cacheBuster, createCachePersister, setTabCacheScope } from '@/lib/persistence/persisted-cache'
import { keepMostRecentEntries } from '@/lib/persistence/saved-cache-limits'
import { claimSavedCacheScope } from '@/lib/persistence/saved-cache-store'
import { cacheScopeKey, ownerScope, savedCacheText, savedQueryKeys } from '../support/saved-cache'

/** A client holding these answers, each updated at its own time (ms since the epoch). */
function persisted(entries: { queryKey: QueryKey; data: unknown; updatedAt: number }[]): PersistedClient {
  const client = new QueryClient()
  for (const entry of entries) client.setQueryData(entry.queryKey, entry.data, { updatedAt: entry.updatedAt })
  return { timestamp: Date.now(), buster: cacheBuster, clientState: dehydrate(client) }
}

const keysOf = (client: PersistedClient) => client.clientState.queries.map((query) => query.queryKey)

test('of the invoices root only the 20 most recently loaded entries are kept, whatever their keys; other roots are untouched', () => {
  const pages = Array.from({ length: 25 }, (_, index) => ({
    queryKey: ['invoices', 'page', `cursor-${index}`],
    data: [],
    updatedAt: 1_000 + index,
  }))
  const client = persisted([
    { queryKey: ['session', 'me'], data: {}, updatedAt: 1 },
    { queryKey: ['invoices', 'detail', 'inv_old'], data: {}, updatedAt: 2 },
    ...pages,
    { queryKey: ['subscription'], data: {}, updatedAt: 3 },
  ])

  const kept = keysOf(keepMostRecentEntries(client))
  expect(kept.filter((key) => key[0] === 'invoices')).toEqual(pages.slice(5).map((page) => page.queryKey))
  expect(kept).toContainEqual(['session', 'me'])
  expect(kept).toContainEqual(['subscription'])
  // Under the cap, nothing changes.
  const small = persisted(pages.slice(0, 3))
  expect(keepMostRecentEntries(small)).toBe(small)
})

// ------------------------------------------------------------------ a browser that runs out of room

/** A store whose writes over `budget` characters fail as a full browser's do. */
function storageFullAbove(budget: number): void {
  const put = IDBObjectStore.prototype.put
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    if (typeof value === 'string' && value.length > budget)
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    return put.call(this, value, key)
  })
}

beforeEach(async () => {
  localStorage.setItem(cacheScopeKey, ownerScope)
  await claimSavedCacheScope(ownerScope)
  setTabCacheScope(ownerScope)
})
afterEach(() => setTabCacheScope(null))

/** Answers of about 2,000 characters each, the first loaded first. */
const bigAnswers = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    queryKey: ['invoices', 'detail', `inv_${index}`],
    data: { memo: 'x'.repeat(2_000) },
    updatedAt: 1_000 + index,
  }))

test('a write refused for lack of room drops the oldest entries until it fits, and keeps the newest', async () => {
  storageFullAbove(8_000) // room for three such answers (with their state), not four
  const { persister } = createCachePersister()
  await persister.persistClient(persisted(bigAnswers(5)))

  expect(await savedQueryKeys()).toEqual([
    ['invoices', 'detail', 'inv_2'],
    ['invoices', 'detail', 'inv_3'],
    ['invoices', 'detail', 'inv_4'],
  ])
})

test('a write that cannot fit even empty is given up without an error, and leaves nothing half-written', async () => {
  storageFullAbove(10) // not even the envelope fits
  const { persister } = createCachePersister()
  await expect(persister.persistClient(persisted(bigAnswers(3)))).resolves.toBeUndefined()
  expect(await savedCacheText()).toBeUndefined()
})
