/**
 * The saved cache's persister on IndexedDB (saved-cache-store.ts), bounded by saved-cache-limits.ts
 * and written on the schedule of save-schedule.ts (docs/decisions/028):
 * - a query root's first answer (a root with nothing saved yet) is written at once, so that what a
 *   first visit showed is on disk before the admin can reload or leave;
 * - any other change waits for the write interval, since each write serialises the whole cache;
 * - `flush()` writes what is waiting at once: the page is being hidden or left (persisted-cache.ts).
 *
 * Loaded on first use (persisted-cache.ts), apart from the first page's JavaScript: IndexedDB
 * answers asynchronously anyway, so the restore waits for this small chunk at the same time as for
 * the database.
 */
import { removeOldestQuery, type PersistedClient, type Persister } from '@tanstack/react-query-persist-client'
import { currentCacheScope } from './cache-scope'
import { createSaveSchedule } from './save-schedule'
import { keepMostRecentEntries, savedCacheWriteIntervalMs } from './saved-cache-limits'
import { dropSavedCache, readSavedCache, writeSavedCache } from './saved-cache-store'

export type IdbPersisterOptions = {
  /** Whose data may be written now: the tab's confirmed scope, or null (not confirmed, closed). */
  writableScope: () => string | null
  /** The saved form of `client`, as `scope`'s. */
  serialize: (client: PersistedClient, scope: string) => string
  deserialize: (text: string) => PersistedClient
}

export type IdbPersister = Persister & {
  /** Writes the waiting change now (the page is being hidden or left). */
  flush: () => void
  /** Drops the waiting change: the app that owned it went away. */
  cancel: () => void
}

/** The cache as taken on a change, and whose it was then: written under that scope or not at all. */
type Taken = { client: PersistedClient; scope: string }

const rootsOf = (client: PersistedClient) =>
  new Set(client.clientState.queries.map((query) => String(query.queryKey[0])))

export function createIdbPersister({ writableScope, serialize, deserialize }: IdbPersisterOptions): IdbPersister {
  /**
   * The roots whose first answer is already saved, or on its way, for one scope (read back on
   * restore, or handed to a write since); null when unknown. A root missing from it is written at once.
   */
  let saved: { scope: string; roots: Set<string> } | null = null
  let writesStarted = 0

  async function write({ client, scope }: Taken): Promise<void> {
    const ownNumber = ++writesStarted
    let attempt: PersistedClient | undefined = client
    for (let errorCount = 1; attempt !== undefined; errorCount++) {
      // A change taken while the tab showed this scope is written only while it still does and the
      // browser's scope is the same (a sign-out or switch elsewhere changed it); the database's own
      // scope is checked again in the write's transaction (saved-cache-store.ts). So a change taken
      // before a switch can never land under the next account, however late it is flushed.
      if (writableScope() !== scope || currentCacheScope() !== scope) return
      try {
        await writeSavedCache(scope, serialize(attempt, scope))
        return
      } catch (error) {
        // Refused (quota, or any error): the oldest entry goes and the write is tried again, down to
        // nothing; never an error on screen, the app works from memory. A newer write, already
        // started (IndexedDB keeps their order), supersedes this one's smaller retry.
        if (ownNumber !== writesStarted) return
        attempt = removeOldestQuery({ persistedClient: attempt, error: error as Error, errorCount })
      }
    }
  }

  const schedule = createSaveSchedule<Taken>({ intervalMs: savedCacheWriteIntervalMs, write })

  return {
    async persistClient(client) {
      const scope = writableScope()
      // Signed out, not yet confirmed, or closed: nothing is written, and nothing waiting may be.
      // (What was saved is still known: a reload's restored roots are not written again on confirm.)
      if (scope === null) return schedule.cancel()
      const kept = keepMostRecentEntries(client)
      const known = saved?.scope === scope ? saved.roots : new Set<string>()
      const firstAnswer = [...rootsOf(kept)].some((root) => !known.has(root))
      // Counted as saved once handed to a write, landed or not: a browser refusing every write (quota)
      // is not asked again on every change.
      if (firstAnswer) saved = { scope, roots: new Set([...known, ...rootsOf(kept)]) }
      await schedule.save({ client: kept, scope }, { now: firstAnswer })
    },
    async restoreClient() {
      const text = await readSavedCache()
      if (text === undefined) return undefined
      const client = deserialize(text)
      const scope = currentCacheScope()
      saved = scope === null ? null : { scope, roots: rootsOf(client) }
      return client
    },
    removeClient() {
      saved = null
      return dropSavedCache()
    },
    flush: () => void schedule.flush(),
    cancel: schedule.cancel,
  }
}
