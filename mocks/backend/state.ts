import { takeId, type DirectoryUser, type OwnState } from '../../gateway/own/own-state'
import type {
  BillingDetails,
  Invoice,
  Order,
  OrderInput,
  PaymentMethod,
  Quote,
  Subscription,
} from '../../src/lib/api/schemas'

/** Fixed reference data: never changes at run time, so it is not persisted. */
export type MockUser = DirectoryUser
export type MockAccount = { id: string; name: string; createdAt: string }

export type MockSession = { userId: string; accountId: string }

/** A priced change kept for 15 minutes; an order must name one that is still valid. */
export type StoredQuote = {
  quote: Quote
  accountId: string
  /** What was priced (items and promo code), to check the order asks for the same thing. */
  fingerprint: string
  /** The idempotency key of the order that used it: a quote buys once. */
  usedByKey: string | null
}

/**
 * An order as the provider holds it. It is `pending` from the moment the request is accepted until
 * `commitAt` (the scenario option orderCommitMs; at once by default), when the subscription changes
 * and the invoice is made, or it fails (the subscription changed under it).
 */
export type StoredOrder = {
  order: Order
  accountId: string
  /** The parsed request, applied at commit time. */
  input: OrderInput
  /** The quote's proration date: the order is priced again on it at commit time. */
  pricedOn: string
  /** When a pending order commits (ISO); null once it did. */
  commitAt: string | null
}

/**
 * What the provider remembers of an Idempotency-Key (Zuora: 24 hours): the first request's body,
 * as a stable hash, and the order it made. A repeat with the same body gets that order (409 while
 * it is still being processed); one with another body is refused (422). Once it expires the key
 * is forgotten: the same key makes a new order.
 */
export type IdempotencyRecord = {
  accountId: string
  key: string
  bodyHash: string
  orderId: string
  createdAt: string
  expiresAt: string
}

export type PaymentSessionRecord = { id: string; accountId: string; returnUrl: string; expiresAt: string }

/**
 * Everything that changes at run time. It is plain JSON so that the browser can keep it in
 * localStorage across reloads and share it between tabs. Generated seed invoices are not part of
 * it: they are derived from the date and a seed, and there are 10,000 of them.
 */
export type MutableState = OwnState & {
  session: MockSession | null
  subscriptions: Record<string, Subscription>
  quotes: StoredQuote[]
  orders: StoredOrder[]
  /** Oldest first; expired ones are dropped when the next order comes. */
  idempotency: IdempotencyRecord[]
  /** Invoices made by orders, per account, newest first; they come before the seed invoices. */
  extraInvoices: Record<string, Invoice[]>
  paymentMethods: Record<string, PaymentMethod>
  paymentSessions: PaymentSessionRecord[]
  billingDetails: Record<string, BillingDetails>
}

export { takeId }
export type { StatusChecks, StatusState, StoredChangeRequest } from '../../gateway/own/own-state'
