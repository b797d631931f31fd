import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { isApiError } from '@/lib/api/errors'
import { callApi } from '@/lib/api/request'
import type { Order } from '@/lib/api/schemas'
import { cartQueries } from './get-quote'

/**
 * The order placed under a key, in whatever state the provider holds it (`pending` while it is
 * still processing it), or null when there is none (404): what settles an unknown outcome.
 */
export async function getOrderByKey(
  idempotencyKey: string,
  account: string | undefined,
  signal?: AbortSignal,
): Promise<Order | null> {
  try {
    return await callApi(endpoints.getOrderByKey, { params: { idempotencyKey }, account, signal })
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null
    throw error
  }
}

/**
 * One answer of the lookup, with when it was asked: a "none" asked too soon after the order was
 * sent says nothing yet (the provider may not have recorded it), so the time matters.
 */
export type OrderLookup = { order: Order | null; askedAt: number }

/**
 * While an order is unconfirmed it is checked again soon, then less and less often (2, 4, 8, 15 s:
 * the write time-out's scale), then every 30 s; "Check again" and a recovery of billing check at once.
 */
const RECHECK_BACKOFF_MS = [2_000, 4_000, 8_000, 15_000] as const
const RECHECK_SLOW_MS = 30_000

export const recheckDelayMs = (checksSoFar: number): number => RECHECK_BACKOFF_MS[checksSoFar - 1] ?? RECHECK_SLOW_MS

export const orderQueries = {
  all: () => [...cartQueries.all(), 'order'] as const,
  /** `account`: the cart's; another account's "none" must never settle this cart's order as not placed. */
  byKey: (idempotencyKey: string, account?: string) =>
    queryOptions({
      queryKey: [...orderQueries.all(), 'by-key', idempotencyKey] as const,
      queryFn: async ({ signal }): Promise<OrderLookup> => {
        const askedAt = Date.now()
        return { order: await getOrderByKey(idempotencyKey, account, signal), askedAt }
      },
      staleTime: 0,
      gcTime: 60_000,
      refetchInterval: (query) => recheckDelayMs(query.state.dataUpdateCount + query.state.errorUpdateCount),
    }),
}

/**
 * The lookup of an unconfirmed order. `definitiveFrom`: from when a "none" is the final answer; one
 * asked before that is followed by another lookup right then (or sooner, on the backoff).
 */
export const useOrderByKey = (
  idempotencyKey: string,
  { account, enabled, definitiveFrom }: { account: string; enabled: boolean; definitiveFrom: number },
) =>
  useQuery({
    ...orderQueries.byKey(idempotencyKey, account),
    enabled,
    refetchInterval: (query) => {
      const delay = recheckDelayMs(query.state.dataUpdateCount + query.state.errorUpdateCount)
      const lookup = query.state.data
      if (!lookup || lookup.order !== null || lookup.askedAt >= definitiveFrom) return delay
      return Math.min(delay, Math.max(500, definitiveFrom - Date.now()))
    },
  })
