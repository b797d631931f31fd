import type {
  Alert,
  BillingDetails,
  BillingStatus,
  Invoice,
  Order,
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

export type StoredOrder = { order: Order; accountId: string; fingerprint: string }

export type PaymentSessionRecord = { id: string; accountId: string; returnUrl: string; expiresAt: string }

export type StatusState = Omit<BillingStatus, 'checkedAt'>

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
  /** Invoices made by orders, per account, newest first; they come before the seed invoices. */
  extraInvoices: Record<string, Invoice[]>
  paymentMethods: Record<string, PaymentMethod>
  paymentSessions: PaymentSessionRecord[]
  billingDetails: Record<string, BillingDetails>
  status: StatusState
  /** Newest first. */
  alerts: Alert[]
  /** Source of ids made at run time, so that ids are predictable in tests. */
  nextId: number
}

export function takeId(state: MutableState, prefix: string): string {
  const id = `${prefix}_${String(state.nextId).padStart(4, '0')}`
  state.nextId += 1
  return id
}
