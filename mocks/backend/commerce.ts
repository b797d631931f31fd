/**
 * Quotes and orders. An order must name a quote that is still valid and asks for the same thing;
 * it is priced again and refused if the price moved, so a stale price is never charged. The
 * Idempotency-Key makes a retried order return the first one instead of buying twice, as Zuora
 * documents it: the key lives 24 hours, a repeat while the first is processed answers 409, a
 * repeat with another body 422, and an order the client stopped waiting for may still commit.
 */
import type { Invoice, Order, OrderInput, Quote, QuoteInput, Subscription } from '../../src/lib/api/schemas'
import { hoursFrom, isoDate, minutesFrom } from './dates'
import { GatewayError } from '../../gateway/http/errors'
import { priceChange, type PricedChange } from './pricing'
import { takeId, type IdempotencyRecord, type MutableState, type StoredOrder } from './state'

export const QUOTE_TTL_MINUTES = 15
const MAX_ORDERS = 200
const MAX_KEYS = 500
/** How long the provider remembers an Idempotency-Key (Zuora: 24 hours). */
export const IDEMPOTENCY_TTL_HOURS = 24

type Country = Parameters<typeof priceChange>[2]

/** JSON with object keys sorted, so two bodies that mean the same compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

const whatIsBought = (input: QuoteInput) =>
  stableJson({ items: input.items, promoCode: input.promoCode?.toUpperCase() ?? null })

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

/**
 * The order placed under a key: the newest one (a key reused after its 24 hours made a new one),
 * in whatever state it is (`pending` while the provider still processes it).
 */
export function findOrder(state: MutableState, accountId: string, key: string): Order | undefined {
  return state.orders.findLast((stored) => stored.accountId === accountId && stored.order.idempotencyKey === key)?.order
}

/** A stable hash of a request body (cyrb53 of its canonical JSON): equal bodies, equal hashes. */
export function bodyHash(value: unknown): string {
  const text = stableJson(value)
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}

/** The live record of a key (not expired at `now`). */
function liveRecord(state: MutableState, accountId: string, key: string, now: Date): IdempotencyRecord | undefined {
  const nowIso = now.toISOString()
  return state.idempotency.find(
    (record) => record.accountId === accountId && record.key === key && record.expiresAt > nowIso,
  )
}

/**
 * Accepts an order under its key, or answers a repeat of the key (Zuora's documented
 * idempotency): the same body returns the first order (`replayed`), or 409
 * `idempotency_in_progress` while that one is still being processed; another body is refused with
 * 422 `idempotency_key_reused`. A key lives IDEMPOTENCY_TTL_HOURS. A refused order (quote expired,
 * price moved) leaves no record: nothing was done under the key.
 *
 * A new order is `pending` until `commitAt`; `commitOrder` then applies it.
 */
export function acceptOrder(
  state: MutableState,
  args: {
    accountId: string
    key: string
    input: OrderInput
    subscription: Subscription
    country: Country
    now: Date
    commitAt: Date
  },
): { stored: StoredOrder; replayed: boolean } {
  const { accountId, key, input, now } = args
  const nowIso = now.toISOString()
  state.idempotency = state.idempotency.filter((record) => record.expiresAt > nowIso)
  const hash = bodyHash(input)
  const record = liveRecord(state, accountId, key, now)
  const previous = record && state.orders.find((stored) => stored.order.id === record.orderId)
  if (record && previous) {
    if (record.bodyHash !== hash) {
      throw new GatewayError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different order.',
      )
    }
    if (previous.commitAt !== null) {
      throw new GatewayError(
        409,
        'idempotency_in_progress',
        'An order with this Idempotency-Key is still being processed. Ask again later.',
        {
          headers: { 'Retry-After': '1' },
        },
      )
    }
    return { stored: previous, replayed: true }
  }

  const quote = state.quotes.find((q) => q.quote.id === input.quoteId && q.accountId === accountId)
  if (!quote || quote.usedByKey !== null || quote.quote.expiresAt <= nowIso) {
    throw new GatewayError(409, 'quote_expired', 'This quote has expired or was already used. Get a new quote.')
  }
  if (quote.fingerprint !== whatIsBought(input)) {
    throw new GatewayError(409, 'quote_mismatch', 'The order does not match its quote. Get a new quote.')
  }
  // Priced again on the quote's date: if the subscription changed since, the price has too.
  const priced = priceChange(args.subscription, input, args.country, quote.quote.prorationDate)
  if (priced.total.amountMinor !== quote.quote.total.amountMinor) {
    throw new GatewayError(409, 'quote_expired', 'Prices changed since this quote. Get a new quote.')
  }

  quote.usedByKey = key
  const order: Order = {
    id: takeId(state, 'ord'),
    idempotencyKey: key,
    status: 'pending',
    items: input.items,
    total: priced.total,
    invoiceId: null,
    createdAt: nowIso,
  }
  const stored: StoredOrder = {
    order,
    accountId,
    input,
    pricedOn: quote.quote.prorationDate,
    commitAt: args.commitAt.toISOString(),
  }
  // The oldest go when there are too many, but never one still being processed: it has yet to commit.
  const all = [...state.orders, stored]
  const overflow = all.length - MAX_ORDERS
  state.orders = overflow > 0 ? all.filter((o, index) => index >= overflow || o.commitAt !== null) : all
  state.idempotency = [
    ...state.idempotency,
    {
      accountId,
      key,
      bodyHash: hash,
      orderId: order.id,
      createdAt: nowIso,
      expiresAt: hoursFrom(now, IDEMPOTENCY_TTL_HOURS),
    },
  ].slice(-MAX_KEYS)
  return { stored, replayed: false }
}

/** Orders whose processing is over at `now`. */
export const dueOrders = (state: MutableState, now: Date): StoredOrder[] =>
  state.orders.filter((stored) => stored.commitAt !== null && stored.commitAt <= now.toISOString())

/**
 * The provider finishes an accepted order: priced again on the quote's date against the
 * subscription as it is now; when that moved (another order changed it meanwhile) the order
 * fails and nothing is charged, otherwise the subscription changes and the invoice is made.
 */
export function commitOrder(
  state: MutableState,
  stored: StoredOrder,
  args: { subscription: Subscription; country: Country; invoiceFor: (priced: PricedChange) => Invoice },
): Order {
  const { accountId } = stored
  stored.commitAt = null
  const priced = priceChange(args.subscription, stored.input, args.country, stored.pricedOn)
  if (priced.total.amountMinor !== stored.order.total.amountMinor) {
    stored.order = { ...stored.order, status: 'failed' }
    return stored.order
  }
  const invoice = args.invoiceFor(priced)
  state.subscriptions[accountId] = priced.next
  state.extraInvoices[accountId] = [invoice, ...(state.extraInvoices[accountId] ?? [])]
  stored.order = { ...stored.order, status: 'completed', invoiceId: invoice.id }
  return stored.order
}
