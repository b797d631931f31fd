/**
 * The saved cache's IndexedDB store under the races a browser with several tabs produces: a
 * sign-out (or another account) in one tab while another tab is writing the old account's pages.
 * IndexedDB is asynchronous, so "is it still theirs?" is only trustworthy inside the write's own
 * transaction.
 */
import { afterEach, expect, test, vi } from 'vitest'
import {
  claimSavedCacheScope,
  forgetSavedCache,
  readSavedCache,
  writeSavedCache,
} from '@/lib/persistence/saved-cache-store'
import { ownerScope } from '../support/saved-cache'

const otherScope = 'usr_bruno:acc_acme'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.resetModules()
})

test('a write started after a sign-out elsewhere began (the tab still believed it was signed in) writes nothing', async () => {
  await claimSavedCacheScope(ownerScope)
  // Another tab's sign-out is already on its way to the database when this tab's write starts.
  const forgetting = forgetSavedCache()
  const writing = writeSavedCache(ownerScope, 'the owner’s pages')

  await Promise.all([forgetting, writing])
  expect(await writing).toBe(false)
  expect(await readSavedCache()).toBeUndefined()
})

test('a write that started before a sign-out elsewhere is deleted by it', async () => {
  await claimSavedCacheScope(ownerScope)
  const writing = writeSavedCache(ownerScope, 'the owner’s pages')
  const forgetting = forgetSavedCache()

  await Promise.all([forgetting, writing])
  expect(await writing).toBe(true)
  expect(await readSavedCache()).toBeUndefined()
  // And the next write of that tab finds no owner: nothing comes back.
  expect(await writeSavedCache(ownerScope, 'the owner’s pages, again')).toBe(false)
  expect(await readSavedCache()).toBeUndefined()
})

test('another user or account claiming the database deletes the previous one’s pages, and the old tab’s writes are refused', async () => {
  await claimSavedCacheScope(ownerScope)
  expect(await writeSavedCache(ownerScope, 'the owner’s pages')).toBe(true)
  expect(await readSavedCache()).toBe('the owner’s pages')

  await claimSavedCacheScope(otherScope)
  expect(await readSavedCache()).toBeUndefined()
  expect(await writeSavedCache(ownerScope, 'the owner’s pages')).toBe(false)
  expect(await writeSavedCache(otherScope, 'Bruno’s pages')).toBe(true)
  // Claimed again by the same scope: what is saved stays.
  await claimSavedCacheScope(otherScope)
  expect(await readSavedCache()).toBe('Bruno’s pages')
})

test.each([
  { browser: 'has no IndexedDB', indexedDB: undefined },
  {
    browser: 'refuses to open it (storage blocked)',
    indexedDB: {
      open: () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError')
      },
    },
  },
])('a browser that $browser reads nothing and skips writes, without an error', async ({ indexedDB }) => {
  vi.stubGlobal('indexedDB', indexedDB)
  vi.resetModules() // a page that starts with it so: nothing probed before
  const store = await import('@/lib/persistence/saved-cache-store')
  await store.claimSavedCacheScope(ownerScope)
  expect(await store.writeSavedCache(ownerScope, 'the owner’s pages')).toBe(false)
  expect(await store.readSavedCache()).toBeUndefined()
  await store.dropSavedCache()
  await store.forgetSavedCache()
})
