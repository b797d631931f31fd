import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { rootKey } from '@/lib/api/query-roots'

export const sessionQueries = {
  all: () => rootKey('session'),
  me: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'me'] as const,
      queryFn: ({ signal }) => callApi(endpoints.getMe, { signal }),
      staleTime: 5 * 60_000,
    }),
}

export const useMe = () => useQuery(sessionQueries.me())

export { useCurrentUser } from './current-user'
