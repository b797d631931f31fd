/**
 * The last good answer per (account, resource), so a browser that never visited still sees its
 * data while Zuora fails or the breaker is open (issue 16, item 5).
 *
 * What goes in is the caller's choice, and the rule is: only what the contract already shows an
 * admin of that account, never a payment secret. The masked card of `GET /payment-method` is fine;
 * a Payment Pages signature, token or key, a session, an OAuth token or an idempotency key is never
 * put here (this store is shared by the fleet and outlives the request that made it).
 *
 * A copy is at most `maxAgeMs` old (24 h by default) and at most `maxEntryBytes` big; the total is
 * bounded by the key-value store's own budget (LRU). The store failing must never fail the answer
 * it backs up: `put` swallows and counts, `get` answers null and counts, and a store that hangs is
 * given up on after `timeoutMs`. The counters are for the gateway's metrics.
 */
import { z } from 'zod'
import type { Clock, KeyValueStore } from '../ports'
import { utf8Length } from './encoding'

export const STALE_COPY_MAX_AGE_MS = 24 * 60 * 60 * 1000
/** 256 kB: the contract keeps one answer far below it (an invoice page is at most 500 rows). */
export const STALE_COPY_MAX_ENTRY_BYTES = 256 * 1024
const DEFAULT_TIMEOUT_MS = 500

/** The resources the gateway keeps copies of, named once so the keys cannot drift apart. */
export const staleResources = {
  subscription: 'subscription',
  billingDetails: 'billing-details',
  paymentMethod: 'payment-method',
  /** One page of invoices: the query's parameters sorted, empty ones dropped, so equal queries share a copy. */
  invoices(query: URLSearchParams): string {
    const kept = [...query]
      .filter(([, value]) => value !== '')
      .sort(([a, va], [b, vb]) => compare(a, b) || compare(va, vb))
    return `invoices?${new URLSearchParams(kept).toString()}`
  },
  invoice: (invoiceId: string) => `invoice:${invoiceId}`,
} as const

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export type StaleCopy = { body: string; storedAt: number; ageMs: number }

export type StaleCopyCounters = {
  stored: number
  /** Not stored: bigger than maxEntryBytes. */
  tooLarge: number
  /** Not stored: older than maxAgeMs already. */
  tooOld: number
  putFailures: number
  hits: number
  misses: number
  /** A copy found but past maxAgeMs (the store's clock lags ours), or unreadable. */
  discarded: number
  getFailures: number
}

export type StaleCopyStore = {
  put(accountId: string, resource: string, body: string, at: number): Promise<void>
  get(accountId: string, resource: string, now: number): Promise<StaleCopy | null>
  counters(): StaleCopyCounters
}

const storedCopySchema = z.object({ body: z.string(), storedAt: z.number() })

export function createStaleCopyStore(options: {
  store: KeyValueStore
  /** Only for the store's TTL: what is left of a copy's 24 hours when it is put. */
  clock: Clock
  maxAgeMs?: number
  maxEntryBytes?: number
  /** How long a store call may take before the copy is given up on (ms). */
  timeoutMs?: number
}): StaleCopyStore {
  const { store, clock } = options
  const maxAgeMs = options.maxAgeMs ?? STALE_COPY_MAX_AGE_MS
  const maxEntryBytes = options.maxEntryBytes ?? STALE_COPY_MAX_ENTRY_BYTES
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const counters: StaleCopyCounters = {
    stored: 0,
    tooLarge: 0,
    tooOld: 0,
    putFailures: 0,
    hits: 0,
    misses: 0,
    discarded: 0,
    getFailures: 0,
  }
  // Account ids are encoded so that one with a colon cannot reach into another account's keys.
  const keyOf = (accountId: string, resource: string) => `stale:${encodeURIComponent(accountId)}:${resource}`

  return {
    async put(accountId, resource, body, at) {
      if (utf8Length(body) > maxEntryBytes) {
        counters.tooLarge++
        return
      }
      // The copy lives out what is left of its 24 hours: an answer already old is kept no longer.
      const ttlMs = Math.floor(at + maxAgeMs - clock.now())
      if (ttlMs <= 0) {
        counters.tooOld++
        return
      }
      try {
        const value = JSON.stringify({ body, storedAt: at })
        await withTimeout(store.set(keyOf(accountId, resource), value, { ttlMs }), timeoutMs)
        counters.stored++
      } catch {
        counters.putFailures++
      }
    },

    async get(accountId, resource, now) {
      let text: string | null
      try {
        text = await withTimeout(store.get(keyOf(accountId, resource)), timeoutMs)
      } catch {
        counters.getFailures++
        return null
      }
      if (text === null) {
        counters.misses++
        return null
      }
      const copy = parseCopy(text)
      // The store's TTL runs on its own clock; the age promised to the client is checked on ours.
      if (!copy || now - copy.storedAt >= maxAgeMs) {
        counters.discarded++
        return null
      }
      counters.hits++
      return { body: copy.body, storedAt: copy.storedAt, ageMs: Math.max(0, now - copy.storedAt) }
    },

    counters: () => ({ ...counters }),
  }
}

function parseCopy(text: string): z.infer<typeof storedCopySchema> | null {
  try {
    const parsed = storedCopySchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The call's answer, or a rejection once it took longer than `ms`: a slow store is a failed one here. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`store did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
