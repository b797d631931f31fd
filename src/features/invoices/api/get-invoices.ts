import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
  keepPreviousData,
  type QueryClient,
} from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { invoiceSearchParams, type InvoiceSearch } from '@/lib/api/invoice-search'
import { providerReadOptions } from '@/lib/api/provider-copy'
import { rootKey } from '@/lib/api/query-roots'
import { callApi, type ReadOptions } from '@/lib/api/request'
import { fetchInvoicePageOnce } from './refetch-first-page'

/**
 * Rows per page the list asks for: a screenful several times over (the table is virtualized), about
 * 22 kB for a big account, so the first page arrives quickly even on a slow link.
 */
export const invoicePageSize = 100

/** One page of the history, newest first, filtered by the server; `cursor` from the previous page. */
export const getInvoicePage = (search: InvoiceSearch, cursor: string | null, read: ReadOptions = {}) =>
  callApi(endpoints.getInvoices, {
    query: { ...invoiceSearchParams(search), limit: String(invoicePageSize), ...(cursor ? { cursor } : {}) },
    ...read,
  })

export const getInvoice = (invoiceId: string, read: ReadOptions = {}) =>
  callApi(endpoints.getInvoice, { params: { invoiceId }, ...read })

// Issued invoices rarely change: refetch rarely (and then the first page only: refetch-first-page.ts).
const invoiceStaleTime = 5 * 60_000

export const invoiceQueries = {
  all: () => rootKey('invoices'),
  /** Every filter's pages: the saved pages searched during an outage (use-saved-invoices.ts). */
  pagesRoot: () => [...invoiceQueries.all(), 'pages'] as const,
  pages: (search: InvoiceSearch) =>
    infiniteQueryOptions({
      // The filters as the server gets them, so that equal searches share their pages.
      queryKey: [...invoiceQueries.pagesRoot(), invoiceSearchParams(search)] as const,
      // A refetch asks for the first page only and keeps the pages after it (refetch-first-page.ts).
      // During an outage the list shows every filter's pages (use-saved-invoices.ts): it has nothing
      // to show, and a filter's first read goes out while down, only when no filter holds any.
      queryFn: (context) =>
        fetchInvoicePageOnce(context, () =>
          getInvoicePage(search, context.pageParam, providerReadOptions(context, invoiceQueries.pagesRoot())),
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (lastPage) => lastPage.nextCursor,
      staleTime: invoiceStaleTime,
      // Other filters' rows stay on screen (marked busy) until the new first page arrives.
      placeholderData: keepPreviousData,
    }),
  /** Every invoice opened: their lines are searched too during an outage (use-saved-invoices.ts). */
  detailsRoot: () => [...invoiceQueries.all(), 'detail'] as const,
  detail: (invoiceId: string) =>
    queryOptions({
      queryKey: [...invoiceQueries.detailsRoot(), invoiceId] as const,
      queryFn: (context) => getInvoice(invoiceId, providerReadOptions(context)),
      staleTime: invoiceStaleTime,
    }),
}

/**
 * Drops the pages after the first, so that the list's next refetch starts it again from the server's
 * first page (a refetch keeps the pages after it, and so the cursor the server refused).
 */
export function keepFirstInvoicePage(queryClient: QueryClient, search: InvoiceSearch): void {
  queryClient.setQueryData(
    invoiceQueries.pages(search).queryKey,
    (data) => data && { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) },
  )
}

export const useInvoicePages = (search: InvoiceSearch) => useInfiniteQuery(invoiceQueries.pages(search))

export const useInvoice = (invoiceId: string) => useQuery(invoiceQueries.detail(invoiceId))
