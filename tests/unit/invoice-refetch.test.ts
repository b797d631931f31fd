/**
 * The invoice list's query function on a refetch (refetch-first-page.ts), through a real query
 * client with the app's copy-aware cache, against a billing API of three pages.
 */
import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query'
import { expect, onTestFinished, test, vi } from 'vitest'
import { fetchInvoicePageOnce, listFetchedAt } from '@/features/invoices/api/refetch-first-page'
import { ApiError } from '@/lib/api/errors'
import { answerFromCopy, createProviderCopyAwareCache } from '@/lib/api/provider-copy'
import type { InvoicePage, InvoiceSummary } from '@/lib/api/schemas'

/** Thirty invoices, newest first: what they hold does not matter here, only which page has which. */
const history: InvoiceSummary[] = Array.from({ length: 30 }, (_, index) => {
  const month = String(12 - (index % 12)).padStart(2, '0')
  const year = 2026 - Math.floor(index / 12)
  return {
    id: `inv_${index}`,
    number: `ACME-${String(36 - index).padStart(6, '0')}`,
    issuedAt: `${year}-${month}-01`,
    dueAt: `${year}-${month}-15`,
    status: 'paid',
    total: { amountMinor: 49_000, currency: 'USD' },
    description: 'Professional plan, 25 seats',
  }
})
const cursors = [null, 'page-2', 'page-3'] as const

/** The API: ten invoices a page; `fromCopy` pages are answered from the gateway's copy. */
function billingApi(fromCopy: ReadonlySet<string> = new Set()) {
  const asked: Array<string | null> = []
  const page = (cursor: string | null): Promise<InvoicePage> => {
    asked.push(cursor)
    const at = cursors.indexOf(cursor as (typeof cursors)[number])
    const answer = {
      invoices: history.slice(at * 10, at * 10 + 10),
      nextCursor: cursors[at + 1] ?? null,
      total: history.length,
    }
    if (cursor === null || !fromCopy.has(cursor)) return Promise.resolve(answer)
    const copy = new ApiError('copy', 'from the copy', { copy: { asOf: Date.now(), data: answer } })
    return Promise.reject(copy).catch(answerFromCopy) as Promise<InvoicePage>
  }
  return { asked, page }
}

function invoiceList(api: ReturnType<typeof billingApi>) {
  const client = new QueryClient({
    queryCache: createProviderCopyAwareCache(),
    defaultOptions: { queries: { retry: false, staleTime: Infinity } },
  })
  const observer = new InfiniteQueryObserver(client, {
    queryKey: ['invoices', 'pages', {}],
    queryFn: (context) => fetchInvoicePageOnce(context, () => api.page(context.pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last: InvoicePage) => last.nextCursor,
  })
  const unsubscribe = observer.subscribe(() => undefined)
  return { client, observer, unsubscribe }
}

const numbers = (pages: InvoicePage[] | undefined) => pages?.flatMap((page) => page.invoices.map((i) => i.number))

test('a refetch asks for the first page alone and keeps the later pages as they were', async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  onTestFinished(() => void vi.useRealTimers())
  const loadedAt = Date.now()
  const api = billingApi()
  const { observer, unsubscribe } = invoiceList(api)
  await observer.refetch()
  await observer.fetchNextPage()
  const { data: before } = await observer.fetchNextPage()
  api.asked.length = 0

  vi.setSystemTime(loadedAt + 60_000)
  const { data: after } = await observer.refetch()

  expect(api.asked).toEqual([null])
  expect(numbers(after?.pages)).toEqual(numbers(before?.pages))
  expect(after?.pages[1]).toBe(before?.pages[1])
  expect(after?.pages[2]).toBe(before?.pages[2])
  // The list is as old as its oldest page, not as its refreshed first one.
  expect(listFetchedAt(after!, Date.now())).toBe(loadedAt)
  unsubscribe()
})

test('a later page that the server’s copy answered is asked for again on a refetch, with the pages after it', async () => {
  const api = billingApi(new Set(['page-2']))
  const { observer, unsubscribe } = invoiceList(api)
  await observer.refetch()
  await observer.fetchNextPage()
  expect(observer.getCurrentResult().error).toMatchObject({ kind: 'copy' })
  await observer.fetchNextPage()
  api.asked.length = 0

  const healthy = billingApi()
  api.page = healthy.page
  const result = await observer.refetch()

  expect(healthy.asked).toEqual([null, 'page-2', 'page-3'])
  expect(result.status).toBe('success')
  expect(numbers(result.data?.pages)).toEqual(history.map((invoice) => invoice.number))
  unsubscribe()
})
