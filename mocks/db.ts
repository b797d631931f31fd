/**
 * The simulated billing backend: one object holding the state the MSW handlers read and change.
 * Handlers check who may do what (HTTP concerns); this module applies the billing rules, through
 * the pure pieces in `backend/`. In a browser the mutable state lives in localStorage too, so it
 * survives reloads and is shared by tabs; in Node it lives in memory only.
 * This file keeps the state core and the session methods; the own-endpoint and provider-backed
 * methods are built over it in backend/db-own-endpoints.ts and backend/db-provider-endpoints.ts.
 */
import type { BillingDetails, Invoice, InvoiceSummary, Me, Order, Subscription } from '../src/lib/api/schemas'
import { commitOrder, dueOrders } from './backend/commerce'
import { addMonths, isoDate } from './backend/dates'
import { ownEndpointsOf } from './backend/db-own-endpoints'
import { providerEndpointsOf } from './backend/db-provider-endpoints'
import { forbidden, notFound, unauthenticated, validationFailed } from '../gateway/http/errors'
import { billedTo, orderInvoice, toSummary } from './backend/invoices'
import {
  clearStored,
  defaultStorage,
  parseStored,
  readRaw,
  writeStored,
  type KeyValueStorage,
} from './backend/persistence'
import { withNextInvoice } from './backend/pricing'
import { findAccount, seedInvoices, seedState, users } from './backend/seed'
import type { MockUser, MutableState, StoredOrder } from './backend/state'

export type DbOptions = {
  /** Where to keep the mutable state; defaults to localStorage when there is one. null: memory only. */
  storage?: KeyValueStorage | null
  /** The clock; tests may pin it. */
  now?: () => Date
}

export type SignedIn = { user: MockUser; accountId: string }

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

  /** What the endpoint methods built in backend/db-own-endpoints.ts and db-provider-endpoints.ts need. */
  const context = {
    read: () => state,
    sync,
    mutate,
    now,
    today,
    requireAccount,
    commit,
    getSubscription,
    getBillingDetails,
    seedInvoicesOf,
    orderCommitMs: { get: () => orderCommitMs, set: (ms: number) => (orderCommitMs = ms) },
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
    ...ownEndpointsOf(context),

    // ------------------------------------------------------------------ provider-backed
    ...providerEndpointsOf(context),
  }
}

export type Db = ReturnType<typeof createDb>

/** The backend the handlers answer from (one per page, per test file). */
export const db: Db = createDb()
