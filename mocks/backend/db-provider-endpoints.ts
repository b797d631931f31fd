/**
 * The db's provider-backed methods: what the billing provider answers (subscription, quotes,
 * orders, invoices, payment method, billing details), so what an outage of the provider takes
 * away. Kept apart from db.ts so the state core stays short; `createDb` builds these over its
 * state and spreads them into the db it returns.
 */
import type {
  BillingDetails,
  Invoice,
  InvoiceSummary,
  Order,
  OrderInput,
  PaymentMethod,
  PaymentSession,
  Quote,
  QuoteInput,
  Subscription,
} from '../../src/lib/api/schemas'
import type { HostedCardInput, HostedPaymentSession } from '../hosted-payment-contract'
import { acceptOrder, createQuote, findOrder } from './commerce'
import { seqFromId, toSummary } from './invoices'
import { completeHostedPayment, createPaymentSession, findPaymentSession } from './payments'
import type { findAccount } from './seed'
import type { MutableState, StoredOrder } from './state'

/** What the provider-backed methods need from the db: its state, clock, helpers and caches. */
export type ProviderEndpointsContext = {
  /** The current state (read it on every call: sync and reset replace it). */
  read: () => MutableState
  sync: () => void
  mutate: <T>(change: (draft: MutableState) => T) => T
  now: () => Date
  requireAccount: (accountId: string) => NonNullable<ReturnType<typeof findAccount>>
  /** Applies an accepted order against the account as it is now. */
  commit: (draft: MutableState, stored: StoredOrder) => Order
  getSubscription: (accountId: string) => Subscription
  getBillingDetails: (accountId: string) => BillingDetails
  /** The account's seed invoices for today (cached). */
  seedInvoicesOf: (accountId: string) => { today: string; invoices: Invoice[]; summaries: InvoiceSummary[] }
  /** The scenario option orderCommitMs, kept by the db (reset sets it back to 0). */
  orderCommitMs: { get: () => number; set: (ms: number) => void }
}

/** The db's provider-backed methods, bound to its state and clock. */
export function providerEndpointsOf({
  read,
  sync,
  mutate,
  now,
  requireAccount,
  commit,
  getSubscription,
  getBillingDetails,
  seedInvoicesOf,
  orderCommitMs,
}: ProviderEndpointsContext) {
  return {
    getSubscription,
    createQuote(accountId: string, input: QuoteInput): Quote {
      const subscription = getSubscription(accountId)
      const country = getBillingDetails(accountId).address.country
      return mutate((draft) => createQuote(draft, { accountId, input, subscription, country, now: now() }))
    },
    /** Not an endpoint: the scenario option orderCommitMs (ms, 0 for at once). */
    setOrderCommitMs(ms: number): void {
      orderCommitMs.set(Math.max(0, ms))
    },
    /**
     * Accepts the order under its key (see commerce.acceptOrder). `replayed`: the key was used
     * before with the same body, and nothing was applied again. `commitAt` (ms since the epoch):
     * when a new order commits, with orderCommitMs; until then it is `pending`, and it commits at
     * that moment whether or not anyone still waits for the answer. null: settled already.
     */
    placeOrder(
      accountId: string,
      key: string,
      input: OrderInput,
    ): { order: Order; replayed: boolean; commitAt: number | null } {
      requireAccount(accountId)
      const subscription = getSubscription(accountId)
      const country = getBillingDetails(accountId).address.country
      return mutate((draft) => {
        const at = now()
        const { stored, replayed } = acceptOrder(draft, {
          accountId,
          key,
          input,
          subscription,
          country,
          now: at,
          commitAt: new Date(at.getTime() + orderCommitMs.get()),
        })
        if (replayed || orderCommitMs.get() > 0)
          return {
            order: stored.order,
            replayed,
            commitAt: stored.commitAt === null ? null : Date.parse(stored.commitAt),
          }
        return { order: commit(draft, stored), replayed, commitAt: null }
      })
    },
    /** The newest order under the key, `pending` while the provider still processes it. */
    getOrderByKey(accountId: string, key: string): Order | undefined {
      sync()
      return findOrder(read(), accountId, key)
    },
    /** Newest first: invoices made by orders, then the generated history. */
    getInvoices(accountId: string): InvoiceSummary[] {
      requireAccount(accountId)
      const extra = (read().extraInvoices[accountId] ?? []).map(toSummary)
      return extra.concat(seedInvoicesOf(accountId).summaries)
    },
    getInvoice(accountId: string, invoiceId: string): Invoice | undefined {
      const account = requireAccount(accountId)
      const extra = read().extraInvoices[accountId]?.find((invoice) => invoice.id === invoiceId)
      if (extra) return extra
      const seq = seqFromId(account.series, invoiceId)
      if (seq === null || seq < 1 || seq > account.invoiceCount) return undefined
      return seedInvoicesOf(accountId).invoices[account.invoiceCount - seq]
    },
    getPaymentMethod: (accountId: string): PaymentMethod =>
      read().paymentMethods[accountId] ?? { card: null, updatedAt: null },
    createPaymentSession: (accountId: string, returnUrl: string): PaymentSession =>
      mutate((draft) => createPaymentSession(draft, accountId, returnUrl, now())),
    getHostedPaymentSession(sessionId: string): HostedPaymentSession {
      const session = findPaymentSession(read(), sessionId, now())
      return {
        sessionId: session.id,
        accountName: requireAccount(session.accountId).name,
        returnUrl: session.returnUrl,
        expiresAt: session.expiresAt,
      }
    },
    completeHostedPayment: (sessionId: string, input: HostedCardInput): PaymentMethod =>
      mutate((draft) => completeHostedPayment(draft, sessionId, input, now())),
    getBillingDetails,
    updateBillingDetails(accountId: string, details: BillingDetails): BillingDetails {
      requireAccount(accountId)
      mutate((draft) => (draft.billingDetails[accountId] = details))
      return details
    },
  }
}
