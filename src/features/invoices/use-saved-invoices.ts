import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import type { Invoice, InvoicePage, InvoiceSummary } from '@/lib/api/schemas'
import { invoiceQueries } from './api/get-invoices'
import { listFetchedAt, pageFetchedAt } from './api/refetch-first-page'

export type SavedInvoices = {
  /** Every invoice of every filter's loaded pages and every invoice opened, each once, newest first. */
  invoices: InvoiceSummary[]
  /** The opened invoices, by id: their lines and billing address are searched too. */
  details: ReadonlyMap<string, Invoice>
  /** When the oldest of those rows was fetched: the saved rows are at least this fresh. */
  asOf: number
}

const newestFirst = (a: InvoiceSummary, b: InvoiceSummary) =>
  a.issuedAt === b.issuedAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.issuedAt < b.issuedAt ? 1 : -1

/**
 * The invoices this browser holds, from the query cache (restored from the saved cache on a reload,
 * whatever the persister): the pages of every filter the admin used, and the invoices they opened,
 * whose lines the list rows do not have. During an outage the list is searched there instead of on
 * the server. An invoice held both ways shows as it was fetched last.
 */
export function collectSavedInvoices(queryClient: QueryClient): SavedInvoices {
  const rows = new Map<string, { invoice: InvoiceSummary; at: number }>()
  const keep = (invoice: InvoiceSummary, at: number) => {
    const held = rows.get(invoice.id)
    if (!held || held.at < at) rows.set(invoice.id, { invoice, at })
  }
  let asOf = Infinity
  for (const [queryKey, data] of queryClient.getQueriesData<InfiniteData<InvoicePage>>({
    queryKey: invoiceQueries.pagesRoot(),
  })) {
    if (!data || data.pages.length === 0) continue
    const updatedAt = queryClient.getQueryState(queryKey)?.dataUpdatedAt ?? 0
    // A refetch renews the first page only: the list is as old as its oldest page.
    asOf = Math.min(asOf, listFetchedAt(data, updatedAt))
    for (const page of data.pages) {
      const at = pageFetchedAt(page, updatedAt)
      for (const invoice of page.invoices) keep(invoice, at)
    }
  }

  const details = new Map<string, Invoice>()
  for (const [queryKey, invoice] of queryClient.getQueriesData<Invoice>({ queryKey: invoiceQueries.detailsRoot() })) {
    if (!invoice) continue
    const at = queryClient.getQueryState(queryKey)?.dataUpdatedAt ?? 0
    details.set(invoice.id, invoice)
    // One the list never loaded (opened from a link, or far down) is a saved invoice as well.
    if (!rows.has(invoice.id)) asOf = Math.min(asOf, at)
    keep(invoice, at)
  }

  const invoices = [...rows.values()].map((row) => row.invoice).sort(newestFirst)
  return { invoices, details, asOf: Number.isFinite(asOf) ? asOf : 0 }
}

/** Query kinds under the invoices root whose data the saved invoices are made of. */
const savedKinds: readonly unknown[] = [invoiceQueries.pagesRoot()[1], invoiceQueries.detailsRoot()[1]]

/**
 * The saved invoices while `wanted` (an outage), kept current as pages and invoices land in the
 * cache (a restore from the saved cache, a page that still came through); null otherwise, so that
 * the healthy list never pays for collecting 10,000 rows.
 */
export function useSavedInvoices(wanted: boolean): SavedInvoices | null {
  const queryClient = useQueryClient()
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!wanted) return
    const [root] = invoiceQueries.all()
    return queryClient.getQueryCache().subscribe((event) => {
      const [first, kind] = event.query.queryKey
      if (first !== root || !savedKinds.includes(kind)) return
      // Only what changes the saved rows: data that arrived, a restore, a query added or dropped.
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
