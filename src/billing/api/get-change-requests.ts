import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import type { ChangeRequest, ChangeRequestList } from '@/lib/api/change-request-schemas'
import { rootKey } from '@/lib/api/query-roots'
import { callApi } from '@/lib/api/request'
import { useCurrentUser } from '@/lib/session/current-user'

/** The vendor's own API: answers during a provider outage. A billing admin gets the account's, anyone else their own. */
export function getChangeRequests(signal?: AbortSignal): Promise<ChangeRequestList> {
  return callApi(endpoints.listChangeRequests, { signal })
}

export const changeRequestQueries = {
  /** Invalidate after any change to a request. */
  all: () => rootKey('change-requests'),
  list: () =>
    queryOptions({
      queryKey: [...changeRequestQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getChangeRequests(signal),
      // Requests come in a few a week: the navigation's count need not be fresher than this.
      staleTime: 30_000,
    }),
}

export const useChangeRequests = () => useQuery(changeRequestQueries.list())

export const isOpen = (request: ChangeRequest) => request.status === 'waiting' || request.status === 'approving'

/**
 * How many requests wait for a billing admin's decision, for the navigation; null for anyone who
 * does not decide (nothing is fetched for them).
 */
export function useOpenRequestCount(): number | null {
  const decides = useCurrentUser().user.role === 'billing_admin'
  const { data } = useQuery({ ...changeRequestQueries.list(), enabled: decides })
  if (!decides) return null
  return data ? data.requests.filter((request) => request.status === 'waiting').length : 0
}
