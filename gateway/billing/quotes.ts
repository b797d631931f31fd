/**
 * Quotes: Zuora's order preview is stateless, so the quote's id, its expiry and what it priced are
 * the gateway's (kept 15 minutes in the store). An order must name a live quote that priced the same
 * change on the same subscription: a cached price is never charged.
 */
import { z } from 'zod'
import type { OrderInput, Quote, QuoteInput } from '../../src/lib/api/schemas'
import { GatewayError } from '../http/errors'
import type { KeyValueStore } from '../ports'
import { base64url, canonicalJson, sha256Hex } from '../stores/encoding'

export const QUOTE_TTL_MS = 15 * 60_000

const storedQuoteSchema = z.object({
  accountId: z.string(),
  fingerprint: z.string(),
  subscriptionVersion: z.string(),
  quote: z.looseObject({ id: z.string(), expiresAt: z.string(), prorationDate: z.string() }),
  usedByKey: z.string().nullable(),
})
export type StoredQuote = Omit<z.infer<typeof storedQuoteSchema>, 'quote'> & { quote: Quote }

const quoteKey = (accountId: string, quoteId: string) => `quote:${accountId}:${quoteId}`

/** What is bought, whatever the order of keys or the case of the promo code. */
export const whatIsBought = (input: QuoteInput) =>
  sha256Hex(canonicalJson({ items: input.items, promoCode: input.promoCode?.toUpperCase() ?? null }))

export function newQuoteId(): string {
  return `quo_${base64url(crypto.getRandomValues(new Uint8Array(12)))}`
}

export async function saveQuote(store: KeyValueStore, stored: StoredQuote): Promise<void> {
  await store.set(quoteKey(stored.accountId, stored.quote.id), JSON.stringify(stored), { ttlMs: QUOTE_TTL_MS + 60_000 })
}

/** The quote an order names, or 409 `quote_expired` / `quote_mismatch` as the contract says. */
export async function quoteForOrder(
  store: KeyValueStore,
  args: { accountId: string; input: OrderInput; key: string; now: number },
): Promise<StoredQuote> {
  const raw = await store.get(quoteKey(args.accountId, args.input.quoteId))
  const parsed = raw === null ? null : storedQuoteSchema.safeParse(JSON.parse(raw))
  const stored = parsed?.success ? (parsed.data as StoredQuote) : null
  const expired = () =>
    new GatewayError(409, 'quote_expired', 'This quote has expired or was already used. Get a new quote.')
  if (!stored || Date.parse(stored.quote.expiresAt) <= args.now) throw expired()
  if (stored.usedByKey !== null && stored.usedByKey !== args.key) throw expired()
  if (stored.fingerprint !== (await whatIsBought(args.input)))
    throw new GatewayError(409, 'quote_mismatch', 'The order does not match its quote. Get a new quote.')
  return stored
}

export async function markQuoteUsed(store: KeyValueStore, stored: StoredQuote, key: string): Promise<void> {
  await saveQuote(store, { ...stored, usedByKey: key })
}
