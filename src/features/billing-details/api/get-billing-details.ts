import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { providerReadOptions } from '@/lib/api/provider-copy'
import { callApi, type ReadOptions } from '@/lib/api/request'
import { rootKey } from '@/lib/api/query-roots'

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
