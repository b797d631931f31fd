import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { providerReadOptions } from '@/lib/api/provider-copy'
import { callApi, type ReadOptions } from '@/lib/api/request'
import { rootKey } from '@/lib/api/query-roots'

/**
 * Provider-backed: fails with the provider, so its sections fall back to saved data. Shared by the
 * billing details page and the Requests page, which says what a request for invoice recipients
 * changes from.
 */
export const getBillingDetails = (read: ReadOptions = {}) => callApi(endpoints.getBillingDetails, read)

export const billingDetailsQueries = {
  all: () => rootKey('billing-details'),
  current: () =>
    queryOptions({
      queryKey: [...billingDetailsQueries.all(), 'current'] as const,
      queryFn: (context) => getBillingDetails(providerReadOptions(context)),
    }),
}

export const useBillingDetails = () => useQuery(billingDetailsQueries.current())
