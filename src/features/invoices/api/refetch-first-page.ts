/**
 * A refetch of the invoice list asks the billing API for its first page only.
 *
 * TanStack Query refetches an infinite query by walking its loaded pages again from the first, one
 * request after another: an admin 20 pages deep would cost 20 requests on every window focus,
 * reconnect, status-poll recovery or invalidation, and during an outage 20 failures. Here the
 * walk's first step goes to the server and the steps after it hand back the pages already loaded:
 * one request refreshes the top of the list (where new invoices and status changes show first),
 * and what the admin scrolled through stays on screen as it was, without a request.
 *
 * Each page therefore keeps when it was fetched: a list is as old as its oldest page, and that is
 * the time its saved copy shows ("as of") during an outage.
 */
import type { InfiniteData, QueryFunctionContext, QueryKey, QueryState } from '@tanstack/react-query'
import { isApiError } from '@/lib/api/errors'
import type { InvoicePage } from '@/lib/api/schemas'

type PageContext = Pick<QueryFunctionContext<QueryKey, string | null>, 'client' | 'queryKey' | 'signal' | 'pageParam'>
type ListData = InfiniteData<InvoicePage, string | null>
type ListState = QueryState<ListData>

/** The loaded pages a refetch hands back after its first one, by the refetch's own signal. */
const laterPagesOf = new WeakMap<AbortSignal, InvoicePage[]>()

/** Pages that the server's copy answered (provider-copy.ts), noted while their query still says so. */
const copyPages = new WeakSet<object>()

/** The query function of the list: `fetchPage` asks the server for the page of `context.pageParam`. */
export async function fetchInvoicePageOnce(
  context: PageContext,
  fetchPage: () => Promise<InvoicePage>,
): Promise<InvoicePage> {
  const { client, queryKey, signal, pageParam } = context
  const state = client.getQueryState<ListData>(queryKey)
  noteCopy(state)
  // A later page of a refetch is the one loaded before; a next page (or one past those kept) is asked for.
  if (pageParam !== null) return laterPagesOf.get(signal)?.shift() ?? stamp(await fetchPage())

  const page = stamp(await fetchPage())
  // A refetch (the query holds pages): TanStack asks for each page after this one next, in turn.
  if (state?.data && state.data.pages.length > 1)
    laterPagesOf.set(signal, laterPagesToKeep(state.data, state.dataUpdatedAt, page))
  return page
}

function laterPagesToKeep(loaded: ListData, updatedAt: number, first: InvoicePage): InvoicePage[] {
  const [oldFirst, ...later] = loaded.pages
  // A page from the server's copy is asked for again, and so are the ones after it (they follow from
  // its cursor): kept, it would make every later refresh of the list count as that copy.
  const fromCopy = later.findIndex((page) => copyPages.has(page))
  const kept = fromCopy < 0 ? later : later.slice(0, fromCopy)
  const [next, ...rest] = kept
  if (!oldFirst || !next) return kept

  // Invoices added at the top push the first page's last rows past its end: they stay, ahead of the
  // next page, instead of falling between the two.
  const onFirst = new Set(first.invoices.map((invoice) => invoice.id))
  const pushed = oldFirst.invoices.slice(oldFirst.invoices.findLastIndex((invoice) => onFirst.has(invoice.id)) + 1)
  if (pushed.length === 0) return kept
  const fetchedAt = Math.min(pageFetchedAt(oldFirst, updatedAt), pageFetchedAt(next, updatedAt))
  return [{ ...next, invoices: [...pushed, ...next.invoices], fetchedAt } as InvoicePage, ...rest]
}

/**
 * The query's last fetch ended on the server's copy: that page (its very object, as the copy is
 * told apart by it) came from the copy.
 */
function noteCopy(state: ListState | undefined): void {
  const copy = isApiError(state?.error) && state.error.kind === 'copy' ? state.error.copyData : undefined
  if (typeof copy === 'object' && copy !== null) copyPages.add(copy)
}

/**
 * Marks the page with the time it arrived. In place: the answer of the server's copy is recognised
 * by its object (provider-copy.ts), which a new one would lose. The mark is saved with the page.
 */
const stamp = (page: InvoicePage): InvoicePage => Object.assign(page, { fetchedAt: Date.now() })

/** The page's arrival time, if it carries a valid one (it may come back from the browser's storage). */
function stampOf(page: InvoicePage): number | undefined {
  const at: unknown = (page as { fetchedAt?: unknown }).fetchedAt
  return typeof at === 'number' && Number.isFinite(at) && at > 0 ? at : undefined
}

/**
 * When a page of a list was fetched, at the latest when its query was. The query's time covers the
 * pages that carry none (saved before pages did) and an answer from the server's copy, which the
 * query is dated to.
 */
export const pageFetchedAt = (page: InvoicePage, queryUpdatedAt: number): number =>
  Math.min(stampOf(page) ?? queryUpdatedAt, queryUpdatedAt)

/** When the oldest of a list's pages was fetched. */
export const listFetchedAt = (data: InfiniteData<InvoicePage, unknown>, queryUpdatedAt: number): number =>
  data.pages.reduce((oldest, page) => Math.min(oldest, pageFetchedAt(page, queryUpdatedAt)), queryUpdatedAt)
