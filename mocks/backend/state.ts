import type { ChangeRequest } from '../../src/lib/api/change-request-schemas'
import type {
  Alert,
  BillingDetails,
  BillingStatus,
  ComponentHealth,
  Invoice,
  Order,
  OrderInput,
  PaymentMethod,
  Quote,
  Role,
  Subscription,
} from '../../src/lib/api/schemas'

/** Fixed reference data: never changes at run time, so it is not persisted. */
export type MockUser = { id: string; email: string; name: string; role: Role; accountIds: string[] }
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

/** A change request and the key of the approval that took it (kept on the server only). */
export type StoredChangeRequest = { request: ChangeRequest; approvalKey: string | null }

export type PaymentSessionRecord = { id: string; accountId: string; returnUrl: string; expiresAt: string }

export type StatusState = Omit<BillingStatus, 'checkedAt'>

/** A component's health that takes effect at a later time: a scenario's report, withheld for a while. */
export type PendingHealth = { component: string; status: ComponentHealth; at: string }

/**
 * The simulated server-side health check behind the status report. It runs every
 * STATUS_CACHE.checkIntervalMs after the last change, and at once on a change; `checkedAt` is when
 * it last ran (see status-cache.ts).
 */
export type StatusChecks = {
  /** When the status last changed (ISO): the check ran then. */
  changedAt: string
  /** Oldest first; applied when read once due, so the report changes at that exact time. */
  pending: PendingHealth[]
}

/**
 * Everything that changes at run time. It is plain JSON so that the browser can keep it in
 * localStorage across reloads and share it between tabs. Generated seed invoices are not part of
 * it: they are derived from the date and a seed, and there are 10,000 of them.
 */
export type MutableState = {
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
  status: StatusState
  statusChecks: StatusChecks
  /** Newest first. */
  alerts: Alert[]
  /** When the alert intake accepted each user's recent reports (ms since the epoch), for its rate limit. */
  alertReceipts: Record<string, number[]>
  /** Oldest first. Absent in a copy stored before requests existed: read as none. */
  changeRequests?: StoredChangeRequest[]
  /** Source of ids made at run time, so that ids are predictable in tests. */
  nextId: number
}

export function takeId(state: MutableState, prefix: string): string {
  const id = `${prefix}_${String(state.nextId).padStart(4, '0')}`
  state.nextId += 1
  return id
}
