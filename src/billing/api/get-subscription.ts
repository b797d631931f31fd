import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { providerReadOptions } from '@/lib/api/provider-copy'
import { callApi, type ReadOptions } from '@/lib/api/request'
import type { Subscription } from '@/lib/api/schemas'
import { rootKey } from '@/lib/api/query-roots'

/** Provider-backed: fails with the provider, so its sections fall back to saved data. */
export function getSubscription(read: ReadOptions = {}): Promise<Subscription> {
  return callApi(endpoints.getSubscription, read)
}

export const subscriptionQueries = {
  /** Everything an order can change: invalidate this after one. */
  all: () => rootKey('subscription'),
  detail: () =>
    queryOptions({
      queryKey: [...subscriptionQueries.all(), 'detail'] as const,
      queryFn: (context) => getSubscription(providerReadOptions(context)),
    }),
}

export const useSubscription = () => useQuery(subscriptionQueries.detail())
