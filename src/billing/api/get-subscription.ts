import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { Subscription } from '@/lib/api/schemas'
import { rootKey } from '@/lib/api/query-roots'

/** Provider-backed: fails with the provider, so its sections fall back to saved data. */
export function getSubscription(signal?: AbortSignal): Promise<Subscription> {
  return callApi(endpoints.getSubscription, { signal })
}

export const subscriptionQueries = {
  /** Everything an order can change: invalidate this after one. */
  all: () => rootKey('subscription'),
  detail: () =>
    queryOptions({
      queryKey: [...subscriptionQueries.all(), 'detail'] as const,
      queryFn: ({ signal }) => getSubscription(signal),
    }),
}

export const useSubscription = () => useQuery(subscriptionQueries.detail())
