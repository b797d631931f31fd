import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { Account } from '@/lib/api/schemas'
import { rootKey } from '@/lib/api/query-roots'

/** The vendor's own endpoint: it stays up when the provider fails. */
export function getAccount(signal?: AbortSignal): Promise<Account> {
  return callApi(endpoints.getAccount, { signal })
}

export const accountQueries = {
  all: () => rootKey('account'),
  detail: () =>
    queryOptions({
      queryKey: [...accountQueries.all(), 'detail'] as const,
      queryFn: ({ signal }) => getAccount(signal),
    }),
}

export const useAccount = () => useQuery(accountQueries.detail())
