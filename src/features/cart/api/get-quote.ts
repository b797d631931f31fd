import { queryOptions, useQuery } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { quoteInputSchema, type OrderItem, type Quote, type QuoteInput } from '@/lib/api/schemas'
import { rootKey } from '@/lib/api/query-roots'

/** Prices a change; nothing is bought, so it is read as a query even though it is a POST. */
export function getQuote(input: QuoteInput, signal?: AbortSignal): Promise<Quote> {
  return callApi(endpoints.createQuote, { body: quoteInputSchema.parse(input), signal })
}

/** Refresh a little before the server lets the quote expire, so the one on screen can be ordered. */
const EXPIRY_MARGIN_MS = 60_000
/** A timer's longest delay: a longer one fires at once, in browsers as in Node, and would ask for quotes in a loop. */
const MAX_TIMER_MS = 2 ** 31 - 1

export const cartQueries = {
  all: () => rootKey('cart'),
  quotes: () => [...cartQueries.all(), 'quote'] as const,
  quote: (items: OrderItem[], promoCode: string | null) =>
    queryOptions({
      queryKey: [...cartQueries.quotes(), { items, promoCode }] as const,
      queryFn: ({ signal }) => getQuote({ items, promoCode }, signal),
      // A price is only good now: every visit asks again, and the cart root is never saved
      // (query-roots.ts), because a cached price must never be charged.
      staleTime: 0,
      refetchInterval: (query) => {
        const expiresAt = query.state.data?.expiresAt
        return expiresAt
          ? Math.min(MAX_TIMER_MS, Math.max(30_000, Date.parse(expiresAt) - Date.now() - EXPIRY_MARGIN_MS))
          : false
      },
    }),
}

export const useQuote = (items: OrderItem[], promoCode: string | null, { enabled }: { enabled: boolean }) =>
  useQuery({ ...cartQueries.quote(items, promoCode), enabled })
