/**
 * The query cache saved in the browser, so that pages show their last data (with its "as of"
 * time) at once, even when the provider is down or the tab was reloaded during an outage.
 *
 * - Versioned: the buster holds the app version and the cache format; another version is dropped.
 * - Aged: older than maxAgeMs is dropped.
 * - Scoped: written with the user and account it belongs to, dropped on read for anyone else.
 * - Validated: every saved answer is checked again against the API contract on read; a query that
 *   fails is dropped, the rest kept.
 * - No secrets and no payment data: only the queries listed below are saved at all.
 */
import { createSyncStoragePersister } from '@tanstack/query-sync-storage-persister'
import type { PersistedClient } from '@tanstack/query-persist-client-core'
import type { Query, QueryKey } from '@tanstack/react-query'
import { z } from 'zod/mini'
import * as s from '@/lib/api/schemas'
import { cacheStorageKey, currentCacheScope } from './cache-scope'

export const cacheFormatVersion = 1
export const cacheBuster = `${__APP_VERSION__}:${cacheFormatVersion}`
export const maxAgeMs = 24 * 60 * 60_000

/** The queries worth saving, by key, with the schema their data must still match on read. */
export function persistedSchemaFor(queryKey: QueryKey): z.ZodMiniType | null {
  const [root, kind] = queryKey
  switch (root) {
    case 'session':
      return kind === 'me' ? s.meSchema : null
    case 'account':
      return s.accountSchema
    case 'billing-status':
      return s.billingStatusSchema
    case 'catalog':
      return s.catalogSchema
    case 'subscription':
      return s.subscriptionSchema
    case 'invoices':
      return kind === 'list' ? s.invoiceListSchema : kind === 'detail' ? s.invoiceSchema : null
    case 'billing-details':
      return s.billingDetailsSchema
    default:
      // Payment method (payment data), quotes (a cached price must never be charged), orders.
      return null
  }
}

/**
 * Any query that holds data, including one whose last refresh failed: during an outage that is
 * exactly the data the next reload must show (its status is 'error', its data still the last good).
 */
export function shouldPersistQuery(query: Query): boolean {
  return query.state.data !== undefined && query.meta?.persist !== false && persistedSchemaFor(query.queryKey) !== null
}

const persistedSchema = z.object({
  scope: z.string(),
  timestamp: z.number(),
  buster: z.string(),
  clientState: z.object({
    mutations: z.array(z.unknown()),
    queries: z.array(
      z.looseObject({ queryKey: z.array(z.unknown()), queryHash: z.string(), state: z.looseObject({ data: z.unknown() }) }),
    ),
  }),
})

const empty = (): PersistedClient => ({ timestamp: 0, buster: 'dropped', clientState: { mutations: [], queries: [] } })

export function serializeCache(client: PersistedClient): string {
  return JSON.stringify({ ...client, scope: currentCacheScope() ?? '' })
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
    const schema = persistedSchemaFor(query.queryKey)
    return schema !== null && schema.safeParse(query.state.data).success
  })
  return {
    timestamp: parsed.timestamp,
    buster: parsed.buster,
    clientState: { mutations: [], queries: queries as unknown as PersistedClient['clientState']['queries'] },
  }
}

/**
 * The persister, plus `close()` for when the app that owns it goes away: the persister writes
 * behind a one-second throttle, and a write landing after sign-out or unmount must not bring the
 * old cache back.
 */
export function createCachePersister() {
  let closed = false
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage
  const persister = createSyncStoragePersister({
    storage: storage && {
      getItem: (key) => storage.getItem(key),
      setItem: (key, value) => {
        if (!closed) storage.setItem(key, value)
      },
      removeItem: (key) => storage.removeItem(key),
    },
    key: cacheStorageKey,
    throttleTime: 1_000,
    serialize: serializeCache,
    deserialize: deserializeCache,
  })
  return {
    persister,
    // Reopened on mount: React's strict mode unmounts and mounts again once in development.
    open: () => void (closed = false),
    close: () => void (closed = true),
  }
}
