/**
 * The server's copy (docs/decisions/026): when the provider fails, or the gateway's breaker is open,
 * the gateway answers a provider-backed read from the last good answer it kept, with status 200 and
 * `X-Billing-Copy-As-Of` saying when that answer was fetched from the provider. A browser that never
 * visited then sees data during an outage. The app treats it as its own saved copy: shown with its
 * "as of" time, never as fresh, and as a failure of the provider (request.ts throws it as an
 * ApiError of kind `copy`, which the provider policy counts and retries like the 503 it replaces;
 * `answerFromCopy` turns the last one into the call's answer, and the query cache then records it
 * as its time and its failure).
 */
import { QueryCache, hashKey, type QueryFunctionContext, type QueryKey } from '@tanstack/react-query'
import { boundedDateTime } from './contract-bounds'
import { isApiError, type ApiError } from './errors'
import type { ReadOptions } from './request'

export const copyAsOfHeader = 'X-Billing-Copy-As-Of'

/**
 * How far ahead of this browser's clock the server's may be: a copy fetched a moment ago by a
 * server whose clock runs ahead is still a copy (shown as of now), not fresh data.
 */
const clockSkewMs = 5 * 60_000

const dateTime = boundedDateTime()

/**
 * When the copy was fetched (ms since the epoch), or null: no header, or one that is not an ISO 8601
 * date-time within the contract's bounds, or one further ahead than clock skew explains. A header
 * that does not check out is ignored: the answer is then taken as the provider's own.
 */
export function parseCopyAsOf(value: string | null, now: number): number | null {
  if (value === null || !dateTime.safeParse(value.trim()).success) return null
  const asOf = Date.parse(value.trim())
  if (Number.isNaN(asOf) || asOf > now + clockSkewMs) return null
  return Math.min(asOf, now)
}

/** Answers kept from the server's copy, to the failure that brought them (its time included). */
const copies = new WeakMap<object, ApiError>()

/** A call that ended on the server's copy answers with that copy, marked as one; any other failure stays one. */
export function answerFromCopy(error: unknown): unknown {
  if (!isApiError(error) || error.kind !== 'copy') throw error
  const data = error.copyData
  if (typeof data === 'object' && data !== null) copies.set(data, error)
  return data
}

/** The copy among a query's data (its pages, for a paged list), the oldest if several; undefined for the provider's own. */
function copyIn(data: unknown): ApiError | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const pages: unknown = (data as { pages?: unknown }).pages
  const parts: unknown[] = Array.isArray(pages) ? [data, ...pages] : [data]
  let oldest: ApiError | undefined
  for (const part of parts) {
    const copy = typeof part === 'object' && part !== null ? copies.get(part) : undefined
    if (copy && (oldest === undefined || (copy.copyAsOf ?? 0) < (oldest.copyAsOf ?? 0))) oldest = copy
  }
  return oldest
}

/**
 * What a provider-backed read's query function passes to `callApi`: React Query's cancellation and,
 * while the page has nothing to show for it (nothing fetched, nothing restored from the saved cache,
 * under `shownFrom`: the query's own key, or the root of the queries a page shows in its place), the
 * query's key as `firstRead`. Such a read goes out once even while its capability is reported down or
 * its breaker is open, and the gateway answers it from its copy (docs/decisions/026).
 */
export function providerReadOptions(
  { client, queryKey, signal }: Pick<QueryFunctionContext, 'client' | 'queryKey' | 'signal'>,
  shownFrom: QueryKey = queryKey,
): ReadOptions {
  const nothingShown = client.getQueriesData({ queryKey: shownFrom }).every(([, data]) => data === undefined)
  return { signal, firstRead: nothingShown ? hashKey(queryKey) : undefined }
}

type Held = { data: unknown; dataUpdatedAt: number }

/**
 * The app's query cache. A query answered from the server's copy is made to look as this browser's
 * own saved copy does during an outage: its data dated when the copy was fetched (every reader of
 * `dataUpdatedAt` then tells the truth, and the data is stale at once), and its last fetch failed.
 * Data this browser already held that is newer than the copy is kept instead. Both updates happen
 * in one task, so nothing renders the copy as fresh in between.
 */
export function createProviderCopyAwareCache(now: () => number = Date.now): QueryCache {
  const heldBeforeFetch = new WeakMap<object, Held>()
  const queryCache = new QueryCache({
    onSuccess: (data, query) => {
      const copy = copyIn(data)
      if (copy === undefined) return
      const held = heldBeforeFetch.get(query)
      const asOf = copy.copyAsOf ?? 0
      const keep = held !== undefined && held.dataUpdatedAt > asOf ? held : { data, dataUpdatedAt: asOf }
      query.setState({
        ...keep,
        status: 'error',
        error: copy,
        errorUpdatedAt: now(),
        errorUpdateCount: query.state.errorUpdateCount + 1,
        fetchFailureCount: 1,
        fetchFailureReason: copy,
        isInvalidated: true,
      })
    },
  })
  queryCache.subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'fetch') return
    const { data, dataUpdatedAt } = event.query.state
    if (data === undefined) heldBeforeFetch.delete(event.query)
    else heldBeforeFetch.set(event.query, { data, dataUpdatedAt })
  })
  return queryCache
}
