import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { isApiError } from '@/lib/api/errors'
import { callApi } from '@/lib/api/request'
import type { Order } from '@/lib/api/schemas'
import { cartQueries } from './get-quote'

/** The order placed under a key, or null when there is none (404): the answer that settles an unknown outcome. */
export async function getOrderByKey(idempotencyKey: string, signal?: AbortSignal): Promise<Order | null> {
  try {
    return await callApi(endpoints.getOrderByKey, { params: { idempotencyKey }, signal })
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null
    throw error
  }
}

/** While an order is unconfirmed, check now and then; a refetch after recovery settles it too. */
const RECHECK_MS = 30_000

export const orderQueries = {
  all: () => [...cartQueries.all(), 'order'] as const,
  byKey: (idempotencyKey: string) =>
    queryOptions({
      queryKey: [...orderQueries.all(), 'by-key', idempotencyKey] as const,
      queryFn: ({ signal }) => getOrderByKey(idempotencyKey, signal),
      staleTime: 0,
      gcTime: 60_000,
      refetchInterval: RECHECK_MS,
      meta: { persist: false },
    }),
}

export const useOrderByKey = (idempotencyKey: string, { enabled }: { enabled: boolean }) =>
  useQuery({ ...orderQueries.byKey(idempotencyKey), enabled })
