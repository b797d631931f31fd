import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { rootKey } from '@/lib/api/query-roots'

/** The whole history, newest first (the API's order): filtering happens in the browser. */
export const getInvoices = (signal?: AbortSignal) => callApi(endpoints.getInvoices, { signal })

export const getInvoice = (invoiceId: string, signal?: AbortSignal) =>
  callApi(endpoints.getInvoice, { params: { invoiceId }, signal })

// Issued invoices do not change, and a big account's history is megabytes: refetch it rarely.
const invoiceStaleTime = 5 * 60_000

export const invoiceQueries = {
  all: () => rootKey('invoices'),
  list: () =>
    queryOptions({
      queryKey: [...invoiceQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getInvoices(signal),
      staleTime: invoiceStaleTime,
    }),
  detail: (invoiceId: string) =>
    queryOptions({
      queryKey: [...invoiceQueries.all(), 'detail', invoiceId] as const,
      queryFn: ({ signal }) => getInvoice(invoiceId, signal),
      staleTime: invoiceStaleTime,
    }),
}

export const useInvoices = () => useQuery(invoiceQueries.list())

export const useInvoice = (invoiceId: string) => useQuery(invoiceQueries.detail(invoiceId))
