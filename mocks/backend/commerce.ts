/**
 * Quotes and orders. An order must name a quote that is still valid and asks for the same thing;
 * it is priced again and refused if the price moved, so a stale price is never charged. The
 * Idempotency-Key makes a retried order return the first one instead of buying twice.
 */
import type { Invoice, Order, OrderInput, Quote, QuoteInput, Subscription } from '../../src/lib/api/schemas'
import { isoDate, minutesFrom } from './dates'
import { MockApiError } from './errors'
import { priceChange, type PricedChange } from './pricing'
import { takeId, type MutableState } from './state'

export const QUOTE_TTL_MINUTES = 15
const MAX_ORDERS = 200

type Country = Parameters<typeof priceChange>[2]

/** JSON with object keys sorted, so two bodies that mean the same compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

const whatIsBought = (input: QuoteInput) => stableJson({ items: input.items, promoCode: input.promoCode?.toUpperCase() ?? null })

export function createQuote(
  state: MutableState,
  args: { accountId: string; input: QuoteInput; subscription: Subscription; country: Country; now: Date },
): Quote {
  const nowIso = args.now.toISOString()
  state.quotes = state.quotes.filter((stored) => stored.quote.expiresAt > nowIso)
  const { next: _next, ...priced } = priceChange(args.subscription, args.input, args.country, isoDate(args.now))
  const quote: Quote = { id: takeId(state, 'quo'), ...priced, expiresAt: minutesFrom(args.now, QUOTE_TTL_MINUTES) }
  state.quotes.push({ quote, accountId: args.accountId, fingerprint: whatIsBought(args.input), usedByKey: null })
  return quote
}

export function findOrder(state: MutableState, accountId: string, key: string): Order | undefined {
  return state.orders.find((stored) => stored.accountId === accountId && stored.order.idempotencyKey === key)?.order
}

/**
 * Places the order once per key. `replayed` is true when the key was seen before with the same
 * body: the first order is returned and nothing is applied again.
 */
export function placeOrder(
  state: MutableState,
  args: {
    accountId: string
    key: string
    input: OrderInput
    subscription: Subscription
    country: Country
    now: Date
    invoiceFor: (priced: PricedChange) => Invoice
  },
): { order: Order; replayed: boolean } {
  const { accountId, key, input, now } = args
  const fingerprint = stableJson(input)
  const previous = state.orders.find((stored) => stored.accountId === accountId && stored.order.idempotencyKey === key)
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      throw new MockApiError(422, 'idempotency_mismatch', 'This Idempotency-Key was already used for a different order.')
    }
    return { order: previous.order, replayed: true }
  }

  const stored = state.quotes.find((q) => q.quote.id === input.quoteId && q.accountId === accountId)
  if (!stored || stored.usedByKey !== null || stored.quote.expiresAt <= now.toISOString()) {
    throw new MockApiError(409, 'quote_expired', 'This quote has expired or was already used. Get a new quote.')
  }
  if (stored.fingerprint !== whatIsBought(input)) {
    throw new MockApiError(409, 'quote_mismatch', 'The order does not match its quote. Get a new quote.')
  }
  // Priced again on the quote's date: if the subscription changed since, the price has too.
  const priced = priceChange(args.subscription, input, args.country, stored.quote.prorationDate)
  if (priced.total.amountMinor !== stored.quote.total.amountMinor) {
    throw new MockApiError(409, 'quote_expired', 'Prices changed since this quote. Get a new quote.')
  }

  const invoice = args.invoiceFor(priced)
  state.subscriptions[accountId] = priced.next
  state.extraInvoices[accountId] = [invoice, ...(state.extraInvoices[accountId] ?? [])]
  stored.usedByKey = key
  const order: Order = {
    id: takeId(state, 'ord'),
    idempotencyKey: key,
    status: 'completed',
    items: input.items,
    total: priced.total,
    invoiceId: invoice.id,
    createdAt: now.toISOString(),
  }
  state.orders = [...state.orders, { order, accountId, fingerprint }].slice(-MAX_ORDERS)
  return { order, replayed: false }
}
