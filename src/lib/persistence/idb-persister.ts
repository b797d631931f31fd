/**
 * The saved cache's persister on IndexedDB: TanStack's async storage persister over
 * saved-cache-store.ts, bounded by saved-cache-limits.ts. Loaded on first use (persisted-cache.ts),
 * apart from the first page's JavaScript: IndexedDB answers asynchronously anyway, so the restore
 * waits for this small chunk at the same time as for the database.
 */
import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister'
import { removeOldestQuery, type PersistedClient, type Persister } from '@tanstack/react-query-persist-client'
import { currentCacheScope } from './cache-scope'
import { keepMostRecentEntries } from './saved-cache-limits'
import { dropSavedCache, readSavedCache, writeSavedCache } from './saved-cache-store'

export type IdbPersisterOptions = {
  /** Whose data may be written now: the tab's confirmed scope, or null (not confirmed, closed). */
  writableScope: () => string | null
  serialize: (client: PersistedClient) => string
  deserialize: (text: string) => PersistedClient
}

export function createIdbPersister({ writableScope, serialize, deserialize }: IdbPersisterOptions): Persister {
  const persister = createAsyncStoragePersister({
    storage: {
      getItem: () => readSavedCache(),
      setItem: async (_key, value) => {
        const scope = writableScope()
        // The browser's scope is checked here (a sign-out elsewhere cleared it), and the database's
        // again in the write's own transaction (a sign-out elsewhere since: saved-cache-store.ts).
        if (scope === null || currentCacheScope() !== scope) return
        await writeSavedCache(scope, value)
      },
      removeItem: () => dropSavedCache(),
    },
    throttleTime: 1_000,
    serialize,
    deserialize,
    // A refused write (quota, or any error): the oldest entry goes and the write is tried again,
    // down to nothing; never an error on screen, the app works from memory.
    retry: removeOldestQuery,
  })
  return { ...persister, persistClient: (client) => persister.persistClient(keepMostRecentEntries(client)) }
}
