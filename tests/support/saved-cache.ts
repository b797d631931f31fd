/**
 * The saved query cache as tests see it: written as a previous visit would have left it, and read
 * back as the app saved it. The one place that knows where and how it is stored (IndexedDB, through
 * fake-indexeddb in tests; the scope also in localStorage), so no test writes the format by hand.
 */
import { QueryClient, dehydrate, type QueryKey } from '@tanstack/react-query'
import { createStore, set, type UseStore } from 'idb-keyval'
import { cacheBuster } from '@/lib/persistence/persisted-cache'
import { readSavedCache, savedCacheLocation } from '@/lib/persistence/saved-cache-store'

export const cacheScopeKey = 'billing-cache-scope'
/** Where versions before IndexedDB saved the cache (localStorage). */
export const legacyCacheKey = 'billing-cache'
export const ownerScope = 'usr_ana:acc_acme'

export type SavedEntry = { queryKey: QueryKey; data: unknown; /** How old the answer was when saved. */ ageMs?: number }

let database: UseStore | null = null
/** The app's database, through a connection of the tests' own (as another tab would open it). */
const savedCacheDatabase = () => (database ??= createStore(savedCacheLocation.database, savedCacheLocation.store))

/**
 * Writes a saved query cache as a previous visit would have left it: dehydrated by TanStack Query,
 * with the envelope of src/lib/persistence/persisted-cache.ts (buster, timestamp, scope).
 */
export async function saveCache(
  entries: SavedEntry[],
  {
    scope = ownerScope,
    currentScope = scope,
    buster = cacheBuster,
    savedAt = Date.now(),
  }: {
    /** Whose cache this is (written in the saved envelope). */
    scope?: string
    /** Whose cache the browser believes it holds (the scope key, and the database's scope record). */
    currentScope?: string
    buster?: string
    savedAt?: number
  } = {},
): Promise<void> {
  const client = new QueryClient()
  for (const entry of entries)
    client.setQueryData(entry.queryKey, entry.data, { updatedAt: savedAt - (entry.ageMs ?? 0) })
  const clientState = dehydrate(client)
  client.clear()
  await saveCacheText(JSON.stringify({ buster, timestamp: savedAt, clientState, scope }), currentScope)
}

/** Writes the saved cache's raw text (a tampered or broken one), owned by `currentScope`. */
export async function saveCacheText(text: string, currentScope = ownerScope): Promise<void> {
  await set(savedCacheLocation.cache, text, savedCacheDatabase())
  await set(savedCacheLocation.scope, currentScope, savedCacheDatabase())
  localStorage.setItem(cacheScopeKey, currentScope)
}

/** What the app saved, as raw text (undefined when nothing). */
export const savedCacheText = () => readSavedCache()

/** What the app saved, parsed: the saved queries' keys, in the order saved. */
export async function savedQueryKeys(): Promise<unknown[][]> {
  const text = await savedCacheText()
  if (text === undefined) return []
  return (JSON.parse(text) as { clientState: { queries: { queryKey: unknown[] }[] } }).clientState.queries.map(
    (query) => query.queryKey,
  )
}
