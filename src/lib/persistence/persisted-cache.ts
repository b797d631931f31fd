/**
 * The query cache saved in the browser, so that pages show their last data (with its "as of"
 * time) at once, even when the provider is down or the tab was reloaded during an outage.
 *
 * - Versioned: the buster holds the app version and the cache format; another version is dropped.
 * - Aged: older than maxAgeMs is dropped.
 * - Scoped: written with the user and account it belongs to, dropped on read for anyone else.
 * - Validated: every saved answer is checked again against the API contract on read; a query that
 *   fails is dropped, the rest kept.
 * - No secrets and no payment data: only the query roots marked saved in
 *   src/lib/api/query-roots.ts are saved at all.
 * - Bounded: paged roots keep their most recent entries, and a write the browser refuses (quota)
 *   drops the oldest entries until it fits (saved-cache-limits.ts).
 *
 * It lives in IndexedDB (saved-cache-store.ts). A query root's first answer is written at once, other
 * changes at most once a second, and what is waiting when the page is hidden or left is written then
 * (idb-persister.ts, docs/decisions/028).
 */
import type { PersistedClient, Persister } from '@tanstack/react-query-persist-client'
import type { IdbPersister } from './idb-persister'
import { hashKey, type Query } from '@tanstack/react-query'
import { z } from 'zod/mini'
import { savedSchemaOfQuery } from '@/lib/api/query-roots'
import { currentCacheScope, legacyCacheStorageKey } from './cache-scope'
import { safeLocalStorage } from './safe-storage'

export const cacheFormatVersion = 2
/** The build's own id: a new deployment never reads what an older one saved. */
export const cacheBuster = `${__BUILD_ID__}:${cacheFormatVersion}`
export const maxAgeMs = 24 * 60 * 60_000

/**
 * Any query that holds data, including one whose last refresh failed: during an outage that is
 * exactly the data the next reload must show (its status is 'error', its data still the last good).
 */
export function shouldPersistQuery(query: Query): boolean {
  return query.state.data !== undefined && savedSchemaOfQuery(query.queryKey) !== null
}

const persistedSchema = z.object({
  scope: z.string(),
  timestamp: z.number(),
  buster: z.string(),
  clientState: z.object({
    mutations: z.array(z.unknown()),
    queries: z.array(
      z.looseObject({
        queryKey: z.array(z.unknown()),
        queryHash: z.string(),
        state: z.looseObject({ data: z.unknown() }),
      }),
    ),
  }),
})

const empty = (): PersistedClient => ({ timestamp: 0, buster: 'dropped', clientState: { mutations: [], queries: [] } })

/**
 * Whose data this tab holds, as the server confirmed it in this visit (use-cache-scope.ts); null
 * until then, and after a sign-out. The cache is written only under this scope, and only while the
 * browser's saved scope is the same: a tab still showing user A never writes A's pages once user B
 * (or nobody) is signed in.
 */
let tabScope: string | null = null

export function setTabCacheScope(scope: string | null): void {
  tabScope = scope
}

/** The saved form: the client state and whose it is (this tab's scope unless told). */
export function serializeCache(client: PersistedClient, scope: string | null = tabScope): string {
  return JSON.stringify({ ...client, scope: scope ?? '' })
}

/** Reads back what was saved, keeping only what is this user's, this version's and still valid. */
export function deserializeCache(text: string): PersistedClient {
  let parsed: z.infer<typeof persistedSchema>
  try {
    parsed = persistedSchema.parse(JSON.parse(text))
  } catch {
    return empty()
  }
  if (parsed.scope !== currentCacheScope()) return empty()
  const queries = parsed.clientState.queries.filter((query) => {
    // The hash decides where the data lands: one that is not its key's would move it under another.
    if (query.queryHash !== hashKey(query.queryKey)) return false
    const schema = savedSchemaOfQuery(query.queryKey)
    return schema !== null && schema.safeParse(query.state.data).success
  })
  return {
    timestamp: parsed.timestamp,
    buster: parsed.buster,
    clientState: { mutations: [], queries: queries as unknown as PersistedClient['clientState']['queries'] },
  }
}

/**
 * The persister, plus `open()` and `close()` for the app that owns it. While open, a page being
 * hidden (another tab, the phone's home screen) or left (reload, navigation, close) writes the
 * waiting change at once: after that the page may never run again. Chromium completes an IndexedDB
 * write started in `pagehide`; a hidden page may be discarded without any further event. Closed
 * (sign-out handled, unmount), nothing is written: a late write must not bring the old cache back.
 */
export function createCachePersister() {
  // Earlier versions saved the cache in localStorage, perhaps another account's: never read, gone.
  safeLocalStorage.removeItem(legacyCacheStorageKey)
  let closed = false
  let loaded: Promise<IdbPersister> | null = null
  // Kept once loaded, so that a flush starts its write in the event's own task, never a later one.
  let ready: IdbPersister | null = null
  const idb = () =>
    (loaded ??= import('./idb-persister').then(
      ({ createIdbPersister }) =>
        (ready = createIdbPersister({
          writableScope: () => (closed ? null : tabScope),
          serialize: serializeCache,
          deserialize: deserializeCache,
        })),
      // Its chunk could not be loaded (offline on a first visit, a deployment replaced it): this
      // page works without a saved cache, as where IndexedDB is missing.
      (): IdbPersister => ({
        persistClient: async () => undefined,
        restoreClient: async () => undefined,
        removeClient: async () => undefined,
        flush: () => undefined,
        cancel: () => undefined,
      }),
    ))
  const persister: Persister = {
    persistClient: async (client) => (await idb()).persistClient(client),
    restoreClient: async () => (await idb()).restoreClient(),
    removeClient: async () => (await idb()).removeClient(),
  }
  const onPageLeft = () => ready?.flush()
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') ready?.flush()
  }
  return {
    persister,
    // Reopened on mount: React's strict mode unmounts and mounts again once in development.
    open: () => {
      closed = false
      if (typeof window === 'undefined') return
      window.addEventListener('pagehide', onPageLeft)
      document.addEventListener('visibilitychange', onVisibilityChange)
    },
    close: () => {
      closed = true
      ready?.cancel()
      if (typeof window === 'undefined') return
      window.removeEventListener('pagehide', onPageLeft)
      document.removeEventListener('visibilitychange', onVisibilityChange)
    },
  }
}
