/**
 * What the saved cache may cost: how often it is written, and how big it may grow.
 *
 * Each write serialises the whole cache (4 to 14 kB for an admin's usual pages): changes are written
 * at most once per interval, except a query root's first answer and a page being hidden or left,
 * which are written at once (idb-persister.ts, docs/decisions/028).
 *
 * Some query roots hold one entry per page or per item (invoice
 * pages, invoice details): an admin paging through a 10,000-invoice history would otherwise save
 * every page visited for a day. Those roots keep only their most recently loaded entries; and when
 * the browser refuses a write anyway (quota), the oldest entries go first until it fits.
 */
import type { PersistedClient } from '@tanstack/react-query-persist-client'
import type { QueryRootName } from '@/lib/api/query-roots'

/**
 * The most entries kept per query root (src/lib/api/query-roots.ts), most recent first
 * (dataUpdatedAt). Roots not listed hold one entry each or a handful (session, account, catalog...).
 */
export const entriesKeptPerRoot: Readonly<Partial<Record<QueryRootName, number>>> = {
  // Whatever the invoice keys look like below the root (a list, cursor pages, details).
  invoices: 20,
}

/** The shortest time between two writes of ordinary changes (cache events come in bursts). */
export const savedCacheWriteIntervalMs = 1_000

type PersistedQuery = PersistedClient['clientState']['queries'][number]

const capOf = (caps: typeof entriesKeptPerRoot, root: string): number | undefined =>
  Object.hasOwn(caps, root) ? caps[root as QueryRootName] : undefined

/** The client with each capped root cut down to its most recent entries; the others untouched. */
export function keepMostRecentEntries(client: PersistedClient, caps = entriesKeptPerRoot): PersistedClient {
  const byRoot = new Map<string, PersistedQuery[]>()
  for (const query of client.clientState.queries) {
    const root = String(query.queryKey[0])
    if (capOf(caps, root) === undefined) continue
    byRoot.set(root, [...(byRoot.get(root) ?? []), query])
  }
  const dropped = new Set<PersistedQuery>()
  for (const [root, queries] of byRoot) {
    const newestFirst = [...queries].sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
    for (const query of newestFirst.slice(capOf(caps, root))) dropped.add(query)
  }
  if (dropped.size === 0) return client
  return {
    ...client,
    clientState: { ...client.clientState, queries: client.clientState.queries.filter((query) => !dropped.has(query)) },
  }
}
