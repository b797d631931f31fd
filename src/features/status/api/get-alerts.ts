import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { rootKey } from '@/lib/api/query-roots'

export const getAlerts = (signal?: AbortSignal) => callApi(endpoints.getAlerts, { signal })

export const alertQueries = {
  all: () => rootKey('alerts'),
  list: () =>
    queryOptions({
      queryKey: [...alertQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getAlerts(signal),
    }),
}

/** Operators only: the endpoint refuses anyone else, so others never ask. */
export const useAlerts = ({ enabled }: { enabled: boolean }) =>
  useQuery({ ...alertQueries.list(), enabled, refetchInterval: 30_000 })
