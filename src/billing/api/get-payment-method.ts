/** The card on file: read by the payment method page, and by an invoice's payment to say what it charges. */
import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { providerReadOptions } from '@/lib/api/provider-copy'
import { callApi, type ReadOptions } from '@/lib/api/request'
import { rootKey } from '@/lib/api/query-roots'

export const getPaymentMethod = (read: ReadOptions = {}) => callApi(endpoints.getPaymentMethod, read)

export const paymentQueries = {
  all: () => rootKey('payment-method'),
  current: () =>
    queryOptions({
      queryKey: [...paymentQueries.all(), 'current'] as const,
      queryFn: (context) => getPaymentMethod(providerReadOptions(context)),
    }),
}

export const usePaymentMethod = () => useQuery(paymentQueries.current())
