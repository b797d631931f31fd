import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { Catalog } from '@/lib/api/schemas'
import { rootKey } from '@/lib/api/query-roots'

/** The vendor's copy of the catalog: stays up in a provider outage, so the admin can still browse. */
export function getCatalog(signal?: AbortSignal): Promise<Catalog> {
  return callApi(endpoints.getCatalog, { signal })
}

export const catalogQueries = {
  all: () => rootKey('catalog'),
  detail: () =>
    queryOptions({
      queryKey: [...catalogQueries.all(), 'detail'] as const,
      queryFn: ({ signal }) => getCatalog(signal),
      // Prices and products change with a release, not minute to minute.
      staleTime: 10 * 60_000,
    }),
}

export const useCatalog = () => useQuery(catalogQueries.detail())
