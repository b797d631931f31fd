import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { rootKey } from '@/lib/api/query-roots'

export const getBillingDetails = (signal?: AbortSignal) => callApi(endpoints.getBillingDetails, { signal })

export const billingDetailsQueries = {
  all: () => rootKey('billing-details'),
  current: () =>
    queryOptions({
      queryKey: [...billingDetailsQueries.all(), 'current'] as const,
      queryFn: ({ signal }) => getBillingDetails(signal),
    }),
}

export const useBillingDetails = () => useQuery(billingDetailsQueries.current())
