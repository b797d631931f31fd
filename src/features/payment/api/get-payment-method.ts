import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { rootKey } from '@/lib/api/query-roots'

export const getPaymentMethod = (signal?: AbortSignal) => callApi(endpoints.getPaymentMethod, { signal })

export const paymentQueries = {
  all: () => rootKey('payment-method'),
  current: () =>
    queryOptions({
      queryKey: [...paymentQueries.all(), 'current'] as const,
      queryFn: ({ signal }) => getPaymentMethod(signal),
    }),
}

export const usePaymentMethod = () => useQuery(paymentQueries.current())
