/**
 * Where the saved query cache lives: one IndexedDB database of the app's own, with two records, the
 * saved cache and whose it is (the scope). localStorage was too small for a big account's pages and
 * blocks the page while it writes; IndexedDB is neither, but it is asynchronous, so "is this still
 * the user's?" and the write must happen in one transaction: a sign-out in another tab (which deletes
 * both records in one transaction) then lands either wholly before a write, which finds no scope and
 * writes nothing, or wholly after it, and deletes what was written. IndexedDB runs read-write
 * transactions on one store in the order they were started, across tabs.
 *
 * Where IndexedDB is missing or cannot be opened (some private modes, blocked storage), every read
 * finds nothing and every write is skipped, silently: the app works from memory as before.
 */
import { clear, createStore, del, get, promisifyRequest, type UseStore } from 'idb-keyval'

/** The database, its one object store, and the keys of its two records (tests and tools read them). */
export const savedCacheLocation = {
  database: 'billing-admin',
  store: 'saved-cache',
  cache: 'cache',
  scope: 'scope',
} as const
const { database: databaseName, store: storeName, cache: cacheRecord, scope: scopeRecord } = savedCacheLocation

let store: UseStore | null = null
let opened: Promise<boolean> | null = null

/** The store, once it is known to open; null where IndexedDB is missing, blocked or broken. */
async function usableStore(): Promise<UseStore | null> {
  let factory: IDBFactory | undefined
  try {
    factory = globalThis.indexedDB
  } catch {
    return null // some browsers throw on merely reading it when storage is blocked
  }
  if (!factory) return null
  const created = (store ??= createStore(databaseName, storeName))
  // Probed once: a database that cannot be opened is not asked again on every write of this page.
  opened ??= (async () => {
    try {
      return await created('readonly', () => true)
    } catch {
      return false // open() threw or failed: blocked, or a private mode without IndexedDB
    }
  })()
  return (await opened) ? created : null
}

/** The saved text, or undefined when there is none or IndexedDB cannot be read. */
export async function readSavedCache(): Promise<string | undefined> {
  try {
    const usable = await usableStore()
    const value = usable ? await get<unknown>(cacheRecord, usable) : undefined
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * Writes the saved text if the database still says it belongs to `scope`; false when it does not (a
 * sign-out or another account since). Rejects when the write itself fails (quota): the caller
 * decides what to drop and tries again.
 */
export async function writeSavedCache(scope: string, text: string): Promise<boolean> {
  const usable = await usableStore()
  if (!usable) return false
  return usable('readwrite', async (objects) => {
    const owner = await promisifyRequest(objects.get(scopeRecord))
    if (owner !== scope) return false
    objects.put(text, cacheRecord)
    await promisifyRequest(objects.transaction)
    return true
  })
}

/**
 * Makes the database `scope`'s (the server has just confirmed who is signed in, on which account):
 * another scope's saved cache is deleted in the same transaction.
 */
export async function claimSavedCacheScope(scope: string): Promise<void> {
  try {
    const usable = await usableStore()
    await usable?.('readwrite', async (objects) => {
      const owner = await promisifyRequest(objects.get(scopeRecord))
      if (owner === scope) return
      objects.delete(cacheRecord)
      objects.put(scope, scopeRecord)
      await promisifyRequest(objects.transaction)
    })
  } catch {
    // Not written: with no scope in the database, nothing is saved either.
  }
}

/** Deletes the saved cache only (an expired, busted or unreadable one); the scope stays. */
export async function dropSavedCache(): Promise<void> {
  try {
    const usable = await usableStore()
    if (usable) await del(cacheRecord, usable)
  } catch {
    // Unreadable storage: what it holds is unreadable to the app too.
  }
}

/** Forgets the saved cache and whose it was, in one transaction (sign-out, account switch). */
export async function forgetSavedCache(): Promise<void> {
  try {
    const usable = await usableStore()
    if (usable) await clear(usable)
  } catch {
    // As above.
  }
}
