import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import type { InvoicePage, InvoiceSummary } from '@/lib/api/schemas'
import { invoiceQueries } from './api/get-invoices'

export type SavedInvoices = {
  /** Every invoice of every filter's loaded pages, each once, newest first. */
  invoices: InvoiceSummary[]
  /** When the oldest of those pages was fetched: the saved rows are at least this fresh. */
  asOf: number
}

const newestFirst = (a: InvoiceSummary, b: InvoiceSummary) =>
  a.issuedAt === b.issuedAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.issuedAt < b.issuedAt ? 1 : -1

/**
 * The invoice pages this browser holds, from the query cache (restored from the saved cache on a
 * reload, whatever the persister), for every filter the admin used: during an outage the list is
 * searched there instead of on the server.
 */
export function collectSavedInvoices(queryClient: QueryClient): SavedInvoices {
  const byId = new Map<string, InvoiceSummary>()
  let asOf = Infinity
  for (const [queryKey, data] of queryClient.getQueriesData<InfiniteData<InvoicePage>>({
    queryKey: invoiceQueries.pagesRoot(),
  })) {
    if (!data || data.pages.length === 0) continue
    asOf = Math.min(asOf, queryClient.getQueryState(queryKey)?.dataUpdatedAt ?? Infinity)
    for (const page of data.pages) for (const invoice of page.invoices) byId.set(invoice.id, invoice)
  }
  return { invoices: [...byId.values()].sort(newestFirst), asOf: Number.isFinite(asOf) ? asOf : 0 }
}

/**
 * The saved invoices while `wanted` (an outage), kept current as pages land in the cache (a
 * restore from the saved cache, a page that still came through); null otherwise, so that the
 * healthy list never pays for collecting 10,000 rows.
 */
export function useSavedInvoices(wanted: boolean): SavedInvoices | null {
  const queryClient = useQueryClient()
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!wanted) return
    const root = invoiceQueries.pagesRoot()
    return queryClient.getQueryCache().subscribe((event) => {
      const [first, kind] = event.query.queryKey
      if (first !== root[0] || kind !== root[1]) return
      // Only what changes the saved rows: a page that arrived, a restore, a query added or dropped.
      const changesData =
        event.type === 'updated'
          ? event.action.type === 'success' || event.action.type === 'setState'
          : event.type === 'added' || event.type === 'removed'
      if (changesData) setVersion((current) => current + 1)
    })
  }, [wanted, queryClient])
  // `version` is the cache's change count: the data itself lives outside React.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (wanted ? collectSavedInvoices(queryClient) : null), [wanted, queryClient, version])
}
