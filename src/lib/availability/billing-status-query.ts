import { queryOptions } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'

/** The vendor's own status endpoint: the operators' maintenance flag and component health. */
export const billingStatusQueries = {
  current: () =>
    queryOptions({
      queryKey: ['billing-status'] as const,
      queryFn: ({ signal }) => callApi(endpoints.getBillingStatus, { signal }),
      staleTime: 0,
    }),
}
