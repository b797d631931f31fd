import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'

export const getAlerts = (signal?: AbortSignal) => callApi(endpoints.getAlerts, { signal })

export const alertQueries = {
  all: () => ['alerts'] as const,
  list: () =>
    queryOptions({
      queryKey: [...alertQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getAlerts(signal),
    }),
}

/** Operators only: the endpoint refuses anyone else, so others never ask. */
export const useAlerts = ({ enabled }: { enabled: boolean }) => useQuery({ ...alertQueries.list(), enabled, refetchInterval: 30_000 })
