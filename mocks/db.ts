/**
 * The simulated billing backend: one object holding the state the MSW handlers read and change.
 * Handlers check who may do what (HTTP concerns); this module applies the billing rules, through
 * the pure pieces in `backend/`. In a browser the mutable state lives in localStorage too, so it
 * survives reloads and is shared by tabs; in Node it lives in memory only.
 */
import type {
  Account,
  Alert,
  AlertInput,
  BillingDetails,
  BillingStatus,
  Catalog,
  ComponentHealth,
  Invoice,
  InvoiceSummary,
  Me,
  Order,
  OrderInput,
  PaymentMethod,
  PaymentSession,
  Quote,
  QuoteInput,
  Subscription,
} from '../src/lib/api/schemas'
import { catalog } from './backend/catalog'
import { changeRequestsOf } from './backend/change-requests'
import { acceptOrder, commitOrder, createQuote, dueOrders, findOrder } from './backend/commerce'
import { addMonths, isoDate } from './backend/dates'
import { forbidden, notFound, unauthenticated, validationFailed } from './backend/errors'
import { billedTo, orderInvoice, seqFromId, toSummary } from './backend/invoices'
import { completeHostedPayment, createPaymentSession, findPaymentSession } from './backend/payments'
import {
  clearStored,
  defaultStorage,
  parseStored,
  readRaw,
  writeStored,
  type KeyValueStorage,
} from './backend/persistence'
import { withNextInvoice } from './backend/pricing'
import { accountCreatedAt, findAccount, seedInvoices, seedState, users } from './backend/seed'
import type { MockUser, MutableState, StoredOrder } from './backend/state'
import {
  changeStatus,
  recordAlert,
  scheduleHealth,
  setComponentHealth,
  setMaintenance,
  statusReport,
  type HealthReport,
} from './backend/status'
import type { HostedCardInput, HostedPaymentSession } from './hosted-payment-contract'

export type DbOptions = {
  /** Where to keep the mutable state; defaults to localStorage when there is one. null: memory only. */
  storage?: KeyValueStorage | null
  /** The clock; tests may pin it. */
  now?: () => Date
}

export type SignedIn = { user: MockUser; accountId: string }
type MaintenanceChange = Parameters<typeof setMaintenance>[1]

export function createDb(options: DbOptions = {}) {
  const storage = options.storage === undefined ? defaultStorage() : options.storage
  const now = options.now ?? (() => new Date())
  let lastRaw = readRaw(storage)
  let state: MutableState = parseStored(lastRaw) ?? seedState(now())
  /**
   * How long the provider takes to commit an order after accepting it (the scenario option
   * orderCommitMs): 0 commits at once. Set by the scenario runner of this page (or process).
   */
  let orderCommitMs = 0
  /** Seed invoices per account, generated on first use for the day they were made on. */
  const invoiceCache = new Map<string, { today: string; invoices: Invoice[]; summaries: InvoiceSummary[] }>()

  const today = () => isoDate(now())

  /**
   * Another tab (or the hosted payment page) may have changed the stored copy: adopt it. A copy
   * that disappeared (the app or a test cleared localStorage) changes nothing: clearing a
   * client's storage does not wipe the server.
   */
  function sync(): void {
    const raw = readRaw(storage)
    if (raw !== lastRaw) {
      lastRaw = raw
      state = parseStored(raw) ?? state
    }
    // Orders the provider finished processing meanwhile commit now, whoever asks first.
    const due = dueOrders(state, now())
    if (due.length === 0) return
    for (const stored of due) commit(state, stored)
    lastRaw = writeStored(storage, state) ?? lastRaw
  }

  /** Applies an accepted order (see commerce.commitOrder) against the account as it is now. */
  function commit(draft: MutableState, stored: StoredOrder): Order {
    const { accountId } = stored
    const account = requireAccount(accountId)
    const details = getBillingDetails(accountId)
    return commitOrder(draft, stored, {
      subscription: getSubscription(accountId),
      country: details.address.country,
      invoiceFor: (priced) =>
        orderInvoice({
          series: account.series,
          seq: account.invoiceCount + (draft.extraInvoices[accountId]?.length ?? 0) + 1,
          today: today(),
          quote: priced,
          billedTo: billedTo(account.name, details),
        }),
    })
  }

  function mutate<T>(change: (draft: MutableState) => T): T {
    sync()
    const result = change(state)
    lastRaw = writeStored(storage, state) ?? lastRaw
    return result
  }

  function requireAccount(accountId: string) {
    const account = findAccount(accountId)
    if (!account) throw notFound(`Unknown account ${accountId}.`)
    return account
  }

  function currentSession(): SignedIn | null {
    const session = state.session
    const user = session && users.find((u) => u.id === session.userId)
    return session && user ? { user, accountId: session.accountId } : null
  }

  function getBillingDetails(accountId: string): BillingDetails {
    const details = state.billingDetails[accountId]
    if (!details) throw notFound(`No billing details for ${accountId}.`)
    return details
  }

  /** A stored subscription whose period has ended renews (the browser may keep state for weeks). */
  function getSubscription(accountId: string): Subscription {
    let subscription = state.subscriptions[accountId]
    if (!subscription) throw notFound(`No subscription for ${accountId}.`)
    if (subscription.renewsAt <= today()) {
      let { currentPeriodStart, renewsAt } = subscription
      while (renewsAt <= today()) [currentPeriodStart, renewsAt] = [renewsAt, addMonths(renewsAt, 1)]
      subscription = withNextInvoice(
        { ...subscription, currentPeriodStart, renewsAt },
        getBillingDetails(accountId).address.country,
      )
      state.subscriptions[accountId] = subscription
    }
    return subscription
  }

  function seedInvoicesOf(accountId: string) {
    const day = today()
    const cached = invoiceCache.get(accountId)
    if (cached?.today === day) return cached
    const invoices = seedInvoices(accountId, day)
    const fresh = { today: day, invoices, summaries: invoices.map(toSummary) }
    invoiceCache.set(accountId, fresh)
    return fresh
  }

  function me(): Me {
    const signedIn = currentSession()
    if (!signedIn) throw unauthenticated()
    const { user, accountId } = signedIn
    const ref = (id: string) => ({ id, name: requireAccount(id).name })
    return {
      user: { id: user.id, name: user.name, email: user.email, role: user.role },
      account: ref(accountId),
      accounts: user.accountIds.map(ref),
      locale: 'en',
    }
  }

  return {
    /** Back to the seed: signed in as the owner on Acme, stored copy removed. For tests. */
    reset(): void {
      clearStored(storage)
      lastRaw = null
      state = seedState(now())
      invoiceCache.clear()
      orderCommitMs = 0
    },
    sync,
    now,
    /** A deep copy of the mutable state, for tests and debugging. */
    snapshot: (): MutableState => structuredClone(state),

    // ------------------------------------------------------------------ session
    currentSession,
    me,
    /** Signs in by email (no password: a simulated identity provider) on the user's first account. */
    signInAs(email: string): Me {
      const user = users.find((u) => u.email === email.trim().toLowerCase())
      if (!user)
        throw validationFailed(
          { email: 'No user has this email address.' },
          'validation_failed',
          'No user has this email address.',
        )
      const accountId = user.accountIds[0]
      if (!accountId) throw forbidden('This user has no account.')
      mutate((draft) => (draft.session = { userId: user.id, accountId }))
      return me()
    },
    signOut(): void {
      mutate((draft) => (draft.session = null))
    },
    switchAccount(accountId: string): Me {
      const signedIn = currentSession()
      if (!signedIn) throw unauthenticated()
      if (!signedIn.user.accountIds.includes(accountId)) throw forbidden('You do not have access to this account.')
      mutate((draft) => (draft.session = { userId: signedIn.user.id, accountId }))
      return me()
    },

    // ------------------------------------------------------------------ own endpoints
    getAccount(accountId: string): Account {
      const account = requireAccount(accountId)
      return {
        id: account.id,
        name: account.name,
        agentsInUse: getSubscription(accountId).seats.inUse,
        createdAt: accountCreatedAt(account.id, today()),
      }
    },
    getCatalog: (): Catalog => catalog,
    /**
     * The status report: the same for everyone, and the same body between changes, since
     * `checkedAt` is when the simulated health check last ran (see backend/status-cache.ts).
     */
    getBillingStatus: (): BillingStatus => statusReport(state, now()),
    setMaintenance(input: MaintenanceChange): BillingStatus {
      mutate((draft) => changeStatus(draft, now(), (d) => setMaintenance(d, input, now())))
      return statusReport(state, now())
    },
    /** Not an endpoint: for outage scenarios that want the status page to show a sick component. */
    setComponentHealth(idOrCapability: string, health: ComponentHealth): void {
      mutate((draft) => changeStatus(draft, now(), (d) => setComponentHealth(d, idOrCapability, health, now())))
    },
    /**
     * Not an endpoint: component health as a sequence in time (ms since the epoch), for scenarios
     * whose report changes later (statusDelayMs). Replaces any report still pending; a later one is
     * kept with the rest of the state, so reloads and other tabs see it change at the same moment.
     */
    reportHealth(reports: readonly HealthReport[]): void {
      mutate((draft) => scheduleHealth(draft, reports, now()))
    },
    recordAlert: (input: AlertInput, who: { accountId: string; userId: string }): Alert =>
      mutate((draft) => recordAlert(draft, input, who, now())),
    getAlerts: (): Alert[] => state.alerts,
    /** The vendor's own: they answer while the provider is down (see backend/change-requests.ts). */
    changeRequests: changeRequestsOf({ read: () => state, mutate, now, getSubscription, catalog }),

    // ------------------------------------------------------------------ provider-backed
    getSubscription,
    createQuote(accountId: string, input: QuoteInput): Quote {
      const subscription = getSubscription(accountId)
      const country = getBillingDetails(accountId).address.country
      return mutate((draft) => createQuote(draft, { accountId, input, subscription, country, now: now() }))
    },
    /** Not an endpoint: the scenario option orderCommitMs (ms, 0 for at once). */
    setOrderCommitMs(ms: number): void {
      orderCommitMs = Math.max(0, ms)
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
          commitAt: new Date(at.getTime() + orderCommitMs),
        })
        if (replayed || orderCommitMs > 0)
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
      return findOrder(state, accountId, key)
    },
    /** Newest first: invoices made by orders, then the generated history. */
    getInvoices(accountId: string): InvoiceSummary[] {
      requireAccount(accountId)
      const extra = (state.extraInvoices[accountId] ?? []).map(toSummary)
      return extra.concat(seedInvoicesOf(accountId).summaries)
    },
    getInvoice(accountId: string, invoiceId: string): Invoice | undefined {
      const account = requireAccount(accountId)
      const extra = state.extraInvoices[accountId]?.find((invoice) => invoice.id === invoiceId)
      if (extra) return extra
      const seq = seqFromId(account.series, invoiceId)
      if (seq === null || seq < 1 || seq > account.invoiceCount) return undefined
      return seedInvoicesOf(accountId).invoices[account.invoiceCount - seq]
    },
    getPaymentMethod: (accountId: string): PaymentMethod =>
      state.paymentMethods[accountId] ?? { card: null, updatedAt: null },
    createPaymentSession: (accountId: string, returnUrl: string): PaymentSession =>
      mutate((draft) => createPaymentSession(draft, accountId, returnUrl, now())),
    getHostedPaymentSession(sessionId: string): HostedPaymentSession {
      const session = findPaymentSession(state, sessionId, now())
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

export type Db = ReturnType<typeof createDb>

/** The backend the handlers answer from (one per page, per test file). */
export const db: Db = createDb()
