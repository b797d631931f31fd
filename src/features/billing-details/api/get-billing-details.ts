import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'

export const getBillingDetails = (signal?: AbortSignal) => callApi(endpoints.getBillingDetails, { signal })

export const billingDetailsQueries = {
  all: () => ['billing-details'] as const,
  current: () =>
    queryOptions({
      queryKey: [...billingDetailsQueries.all(), 'current'] as const,
      queryFn: ({ signal }) => getBillingDetails(signal),
    }),
}

export const useBillingDetails = () => useQuery(billingDetailsQueries.current())
