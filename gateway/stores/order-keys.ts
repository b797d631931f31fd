/**
 * The gateway's own Idempotency-Key store for POST /orders (issue 16, item 6). Zuora keeps a key
 * 24 hours and says nothing of the body; the contract promises 409 while the first order is in
 * flight, 422 for the same key with another body, and a replay of the first order. So the gateway
 * keeps, per (account, our key): the body's hash, the state, the key it sends to Zuora (derived
 * from ours, the body and the account) and a deterministic `orderNumber`, under which the order
 * can be found with `GET /v1/orders/{orderNumber}` after a time-out, a 5xx, or Zuora forgetting
 * the key. Zuora refuses a second order with the same number, so a retry can never buy twice.
 *
 * Built on the KeyValueStore port alone (memory or Redis): `setIfAbsent` makes the first `begin`
 * win; every later write bumps the record's `generation`, and taking over a record whose holder
 * went quiet (its lease ran out, or its outcome is unknown) is won by one caller through a
 * `setIfAbsent` on a claim key for that generation. Without a compare-and-set in the port a stale
 * holder can still overwrite a newer record; the deterministic Zuora key and order number are what
 * keep that harmless (the worst case is one more lookup at Zuora, never a second order).
 *
 * The invariant: once a request may have reached Zuora (`markUnknown`), only `complete` or the
 * 24 h retention ends the record; `forget` and `markFailedBeforeZuora` keep it `unknown`.
 * A store failure rejects: the caller answers 503 rather than send an order it cannot track.
 */
import { z } from 'zod'
import { orderSchema, type Order } from '../../src/lib/api/schemas'
import type { KeyValueStore } from '../ports'
import { canonicalJson, sha256Hex } from './encoding'

/** Zuora remembers a key 24 hours; ours lives as long. */
export const ORDER_KEY_RETENTION_MS = 24 * 60 * 60 * 1000
/**
 * How long an in-flight order holds its key before another caller may take over (and look it up):
 * longer than the gateway's own write time-out, which stays below Zuora's 120 s gateway time-out.
 */
export const ORDER_KEY_LEASE_MS = 150_000

export type OrderKeyState = 'in_flight' | 'done' | 'unknown' | 'failed_before_zuora'

const recordSchema = z.object({
  accountId: z.string(),
  key: z.string(),
  bodyHash: z.string(),
  state: z.enum(['in_flight', 'done', 'unknown', 'failed_before_zuora']),
  zuoraIdempotencyKey: z.string(),
  /**
   * Sends Zuora answered with a failure and holds no order for (zuoraKeyOf): Zuora replays the
   * first answer to a key "regardless of whether it succeeded or failed", so after a lock contention
   * (`success: false`, category 50) the same key would fail forever. Absent in older records.
   */
  zuoraAttempt: z.number().int().nonnegative().default(0),
  orderNumber: z.string(),
  /** The order as last answered (pending while Zuora's async job runs), once known. */
  order: z.nullable(orderSchema),
  /** Bumped by every write: a takeover is claimed per generation. */
  generation: z.number().int().nonnegative(),
  /** While `in_flight`: after this (ms) the holder is presumed gone and the record reads `unknown`. */
  leaseUntil: z.nullable(z.number()),
  /** When a request under this key first may have reached Zuora without an answer (ms), or null. */
  outcomeUnknownSince: z.nullable(z.number()),
  /**
   * When a request under this key last left for Zuora without an answer (ms): a resend under the
   * same Zuora key may commit up to Zuora's longest request after it. Absent in older records.
   */
  lastSentAt: z.nullable(z.number()).default(null),
  createdAt: z.number(),
  updatedAt: z.number(),
})
export type OrderKeyRecord = z.infer<typeof recordSchema>

export type BeginResult =
  /** Yours: send it to Zuora with the record's zuoraIdempotencyKey and orderNumber. */
  | { kind: 'new'; record: OrderKeyRecord }
  /** Another request holds the key: answer 409 `idempotency_in_progress`. */
  | { kind: 'in_flight' }
  /** The key was used with another body: answer 422 `idempotency_key_reused`. */
  | { kind: 'mismatch' }
  /** Replay record.order. */
  | { kind: 'done'; record: OrderKeyRecord }
  /** Yours to settle: look the order up at Zuora by record.orderNumber before anything is sent again. */
  | { kind: 'unknown'; record: OrderKeyRecord }

export type OrderKeyStore = {
  begin(accountId: string, key: string, bodyHash: string, now: number): Promise<BeginResult>
  /** The order is known (also a pending one, and again when its job ends): replayed from now on. */
  complete(record: OrderKeyRecord, order: Order, now: number): Promise<OrderKeyRecord>
  /** No answer (time-out, network, 5xx): the order may exist at Zuora. `sentAt`: when it left. */
  markUnknown(record: OrderKeyRecord, now: number, sentAt?: number): Promise<void>
  /**
   * The request never left (breaker open, no token, connection refused), or Zuora answered it with a
   * failure and holds no order of its number (`answered`: the next send goes under a new Zuora key):
   * the same body may start again.
   */
  markFailedBeforeZuora(record: OrderKeyRecord, now: number, options?: { answered?: boolean }): Promise<void>
  /** A definitive refusal (4xx): no record is left under the key, as the contract says. */
  forget(record: OrderKeyRecord, now: number): Promise<void>
  /** The record under the key, its state as of `now` (an expired lease reads `unknown`), or null. */
  find(accountId: string, key: string, now: number): Promise<OrderKeyRecord | null>
  /** How each `begin` was answered since start (metrics: `done` is a replay, a key store hit). */
  counters(): Record<BeginResult['kind'], number>
}

/** SHA-256 of the body's canonical JSON (keys sorted), hex: equal bodies, equal hashes. */
export const bodyHash = (value: unknown): Promise<string> => sha256Hex(canonicalJson(value))

/** The Idempotency-Key sent to Zuora (68 characters; Zuora allows < 255): ours, the body and the account. */
export const zuoraKeyFor = async (accountId: string, key: string, hash: string): Promise<string> =>
  `bg1-${await sha256Hex(`zuora-idempotency-key\n${accountId}\n${key}\n${hash}`)}`

/**
 * The Idempotency-Key of the record's next send to Zuora: the derived key, then a new one after each
 * failure Zuora answered without creating the order. The order number stays, so however many keys
 * it went under, Zuora holds at most one order for it.
 */
export const zuoraKeyOf = (record: OrderKeyRecord): string =>
  record.zuoraAttempt === 0 ? record.zuoraIdempotencyKey : `${record.zuoraIdempotencyKey}-${record.zuoraAttempt}`

/**
 * The Zuora `orderNumber` (42 characters; Zuora allows 100): the same for every retry of one key on
 * one account, whatever the body, so a second body under a forgotten key cannot make a second order.
 */
export const orderNumberFor = async (accountId: string, key: string): Promise<string> =>
  `O-${(await sha256Hex(`order-number\n${accountId}\n${key}`)).slice(0, 40).toUpperCase()}`

/** `in_flight` past its lease reads `unknown`: its instance may have died mid-call. */
export const stateAt = (record: OrderKeyRecord, now: number): OrderKeyState =>
  record.state === 'in_flight' && record.leaseUntil !== null && now >= record.leaseUntil ? 'unknown' : record.state

/** How many times `begin` reads again after losing a race before it answers "in flight". */
const MAX_RACES = 3

export function createOrderKeyStore(options: {
  store: KeyValueStore
  retentionMs?: number
  leaseMs?: number
}): OrderKeyStore {
  const { store } = options
  const retentionMs = options.retentionMs ?? ORDER_KEY_RETENTION_MS
  const leaseMs = options.leaseMs ?? ORDER_KEY_LEASE_MS

  const storeKey = (accountId: string, key: string) =>
    `order-key:${encodeURIComponent(accountId)}:${encodeURIComponent(key)}`
  const keyOf = (record: OrderKeyRecord) => storeKey(record.accountId, record.key)

  const read = async (key: string): Promise<OrderKeyRecord | null> => {
    const text = await store.get(key)
    if (text === null) return null
    const parsed = recordSchema.safeParse(JSON.parse(text))
    if (!parsed.success) throw new Error(`order key record ${key} is unreadable: ${parsed.error.message}`)
    return parsed.data
  }

  // What is left of the record's 24 hours, and never less than a lease: a late write still lands.
  const ttlFor = (record: OrderKeyRecord, now: number) =>
    Math.max(leaseMs, Math.ceil(record.createdAt + retentionMs - now))

  const write = async (record: OrderKeyRecord, now: number) =>
    store.set(keyOf(record), JSON.stringify(record), { ttlMs: ttlFor(record, now) })

  /** The next generation of `current`, written; the caller has settled that it may write. */
  const advance = async (current: OrderKeyRecord, change: Partial<OrderKeyRecord>, now: number) => {
    const next = { ...current, ...change, generation: current.generation + 1, updatedAt: now }
    await write(next, now)
    return next
  }

  /** One caller wins the record of this generation and holds it for a lease; the others get null. */
  const takeOver = async (current: OrderKeyRecord, now: number): Promise<OrderKeyRecord | null> => {
    const claim = `${keyOf(current)}#claim:${current.generation}`
    if (!(await store.setIfAbsent(claim, String(now), { ttlMs: leaseMs }))) return null
    return advance(current, { state: 'in_flight', leaseUntil: now + leaseMs }, now)
  }

  const fresh = async (accountId: string, key: string, hash: string, now: number): Promise<OrderKeyRecord> => ({
    accountId,
    key,
    bodyHash: hash,
    state: 'in_flight',
    zuoraIdempotencyKey: await zuoraKeyFor(accountId, key, hash),
    zuoraAttempt: 0,
    orderNumber: await orderNumberFor(accountId, key),
    order: null,
    generation: 0,
    leaseUntil: now + leaseMs,
    outcomeUnknownSince: null,
    lastSentAt: null,
    createdAt: now,
    updatedAt: now,
  })

  /** The record as stored now if the holder of `held` may still write over it, else null. */
  const stillHeld = async (held: OrderKeyRecord): Promise<OrderKeyRecord | null> => {
    const current = await read(keyOf(held))
    return current && current.generation === held.generation ? current : null
  }

  const keys: Omit<OrderKeyStore, 'counters'> = {
    async begin(accountId, key, hash, now) {
      for (let race = 0; race < MAX_RACES; race++) {
        const current = await read(storeKey(accountId, key))
        if (!current) {
          const record = await fresh(accountId, key, hash, now)
          const won = await store.setIfAbsent(storeKey(accountId, key), JSON.stringify(record), {
            ttlMs: retentionMs,
          })
          if (won) return { kind: 'new', record }
          continue // another request created it first: judge theirs
        }
        if (current.bodyHash !== hash) return { kind: 'mismatch' }
        const state = stateAt(current, now)
        if (state === 'done') return { kind: 'done', record: current }
        if (state === 'in_flight') return { kind: 'in_flight' }
        const taken = await takeOver(current, now)
        if (!taken) return { kind: 'in_flight' }
        return state === 'unknown' ? { kind: 'unknown', record: taken } : { kind: 'new', record: taken }
      }
      return { kind: 'in_flight' }
    },

    async complete(record, order, now) {
      // Zuora's answer is the truth whoever holds the key now: it is always written.
      const current = (await read(keyOf(record))) ?? record
      return advance(current, { state: 'done', order, leaseUntil: null }, now)
    },

    async markUnknown(record, now, sentAt) {
      const current = (await read(keyOf(record))) ?? record
      if (current.state === 'done') return
      const lastSentAt = sentAt === undefined ? current.lastSentAt : Math.max(current.lastSentAt ?? 0, sentAt)
      await advance(
        current,
        { state: 'unknown', leaseUntil: null, outcomeUnknownSince: current.outcomeUnknownSince ?? now, lastSentAt },
        now,
      )
    },

    async markFailedBeforeZuora(record, now, options) {
      const current = await stillHeld(record)
      if (!current || current.state === 'done') return
      const state = current.outcomeUnknownSince === null ? 'failed_before_zuora' : 'unknown'
      const zuoraAttempt = current.zuoraAttempt + (options?.answered ? 1 : 0)
      await advance(current, { state, leaseUntil: null, zuoraAttempt }, now)
    },

    async forget(record, now) {
      const current = await stillHeld(record)
      if (!current || current.state === 'done') return
      if (current.outcomeUnknownSince === null) {
        await store.delete(keyOf(current))
        return
      }
      // An earlier request may still commit at Zuora: the record stays, to be looked up.
      await advance(current, { state: 'unknown', leaseUntil: null }, now)
    },

    async find(accountId, key, now) {
      const current = await read(storeKey(accountId, key))
      return current && { ...current, state: stateAt(current, now) }
    },
  }

  const answered: Record<BeginResult['kind'], number> = { new: 0, in_flight: 0, mismatch: 0, done: 0, unknown: 0 }
  return {
    ...keys,
    async begin(accountId, key, hash, now) {
      const result = await keys.begin(accountId, key, hash, now)
      answered[result.kind]++
      return result
    },
    counters: () => ({ ...answered }),
  }
}
