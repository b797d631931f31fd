/**
 * The gateway's own Idempotency-Key store for paying an invoice (POST /invoices/{id}/payments),
 * beside the order keys (order-keys.ts) and on their rules, smaller: per (account, our key) the
 * body's hash, a state, the key sent to Zuora (derived from the account, the invoice and ours, so
 * every retry of one intent reaches Zuora under one key) and, once known, the outcome to replay: the
 * payment, or the decline. The gateway answers 422 (another body) and 409 (in flight) itself.
 *
 * Zuora has no payment number of ours to look a lost payment up by (orders have `orderNumber`), but
 * it replays the first answer to a repeated Idempotency-Key for 24 hours (409 while the first still
 * runs). So after a time-out or a 5xx the record reads `unknown`, and the next request under the key
 * sends the same payment again under the same Zuora key: Zuora answers it with what it did the
 * first time, or does it now if it never got it, never twice. What was sent is kept (`sent`) before
 * it leaves, so a repeat sends the same.
 *
 * Besides the key, one payment of an invoice at a time (`holdInvoice`): a second tab that minted its
 * own key while the first tab's payment is on its way is told 409 rather than charged again; once
 * the first is done, the invoice's balance is 0 and the second is refused before anything is sent.
 *
 * Built on the KeyValueStore port: `setIfAbsent` makes the first `begin` win, `compareAndSet`
 * makes one caller take over a record whose holder went quiet. A store failure rejects: the
 * caller answers 503 rather than charge a card it cannot track.
 */
import { z } from 'zod'
import { invoicePaymentSchema, paymentDeclineReasons } from '../../src/lib/api/schemas'
import type { KeyValueStore } from '../ports'
import { sha256Hex } from './encoding'

/** Zuora remembers a key 24 hours; ours lives as long. */
export const PAYMENT_KEY_RETENTION_MS = 24 * 60 * 60 * 1000
/**
 * How long a payment on its way holds its key and its invoice: above the gateway's write time-out
 * and Zuora's longest request (120 s), as for orders.
 */
export const PAYMENT_KEY_LEASE_MS = 150_000

const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paid'), result: invoicePaymentSchema }),
  z.object({ kind: z.literal('declined'), reason: z.enum(paymentDeclineReasons) }),
])
export type PaymentOutcome = z.infer<typeof outcomeSchema>

const sentSchema = z.object({
  amountMinor: z.number().int().positive(),
  currency: z.string(),
  paymentMethodId: z.string(),
})
export type SentPayment = z.infer<typeof sentSchema>

const recordSchema = z.object({
  accountId: z.string(),
  key: z.string(),
  invoiceId: z.string(),
  bodyHash: z.string(),
  state: z.enum(['in_flight', 'done', 'unknown']),
  zuoraIdempotencyKey: z.string(),
  /** Sent as Zuora's `gatewayOrderId`: card gateways refuse a second charge with the same one. */
  gatewayOrderId: z.string(),
  /** What went to Zuora, written before it left; null while nothing may have reached Zuora. */
  sent: z.nullable(sentSchema),
  outcome: z.nullable(outcomeSchema),
  /** While `in_flight`: after this (ms) the holder is presumed gone and the record reads `unknown`. */
  leaseUntil: z.nullable(z.number()),
  createdAt: z.number(),
  updatedAt: z.number(),
})
export type PaymentKeyRecord = z.infer<typeof recordSchema>

export type PaymentBegin =
  /** Yours: check the invoice, then charge it under the record's Zuora key. */
  | { kind: 'new'; record: PaymentKeyRecord }
  /** Another request holds the key: 409 `idempotency_in_progress`. */
  | { kind: 'in_flight' }
  /** The key was used for another invoice or amount: 422 `idempotency_key_reused`. */
  | { kind: 'mismatch' }
  /** Replay the outcome. */
  | { kind: 'done'; record: PaymentKeyRecord & { outcome: PaymentOutcome } }
  /** Yours to settle: send `record.sent` again under the same Zuora key (Zuora answers what it did). */
  | { kind: 'unknown'; record: PaymentKeyRecord }

export type PaymentKeyStore = ReturnType<typeof createPaymentKeyStore>

/** The Idempotency-Key sent to Zuora (68 characters; Zuora allows < 255): the account, the invoice and ours. */
export const zuoraPaymentKeyFor = async (accountId: string, invoiceId: string, key: string): Promise<string> =>
  `bp1-${await sha256Hex(`zuora-payment-key\n${accountId}\n${invoiceId}\n${key}`)}`

/** Zuora's `gatewayOrderId` (43 characters; Zuora allows 50), from the same three. */
export const gatewayOrderIdFor = async (accountId: string, invoiceId: string, key: string): Promise<string> =>
  `IP-${(await sha256Hex(`gateway-order-id\n${accountId}\n${invoiceId}\n${key}`)).slice(0, 40).toUpperCase()}`

export function createPaymentKeyStore(options: { store: KeyValueStore; retentionMs?: number; leaseMs?: number }) {
  const { store } = options
  const retentionMs = options.retentionMs ?? PAYMENT_KEY_RETENTION_MS
  const leaseMs = options.leaseMs ?? PAYMENT_KEY_LEASE_MS

  const storeKey = (accountId: string, key: string) =>
    `payment-key:${encodeURIComponent(accountId)}:${encodeURIComponent(key)}`
  const invoiceKey = (accountId: string, invoiceId: string) =>
    `invoice-payment:${encodeURIComponent(accountId)}:${encodeURIComponent(invoiceId)}`

  const parse = (key: string, text: string): PaymentKeyRecord => {
    const parsed = recordSchema.safeParse(JSON.parse(text))
    if (!parsed.success) throw new Error(`payment key record ${key} is unreadable: ${parsed.error.message}`)
    return parsed.data
  }

  // What is left of the record's 24 hours, and never less than a lease: a late write still lands.
  const ttlFor = (record: PaymentKeyRecord, now: number) =>
    Math.max(leaseMs, Math.ceil(record.createdAt + retentionMs - now))

  const write = (record: PaymentKeyRecord, now: number) =>
    store.set(storeKey(record.accountId, record.key), JSON.stringify(record), { ttlMs: ttlFor(record, now) })

  const current = async (record: PaymentKeyRecord): Promise<PaymentKeyRecord> => {
    const key = storeKey(record.accountId, record.key)
    const text = await store.get(key)
    return text === null ? record : parse(key, text)
  }

  const readsUnknown = (record: PaymentKeyRecord, now: number) =>
    record.state === 'unknown' ||
    (record.state === 'in_flight' && record.leaseUntil !== null && now >= record.leaseUntil)

  return {
    async begin(
      accountId: string,
      key: string,
      invoiceId: string,
      bodyHash: string,
      now: number,
    ): Promise<PaymentBegin> {
      const at = storeKey(accountId, key)
      const text = await store.get(at)
      if (text === null) {
        const record: PaymentKeyRecord = {
          accountId,
          key,
          invoiceId,
          bodyHash,
          state: 'in_flight',
          zuoraIdempotencyKey: await zuoraPaymentKeyFor(accountId, invoiceId, key),
          gatewayOrderId: await gatewayOrderIdFor(accountId, invoiceId, key),
          sent: null,
          outcome: null,
          leaseUntil: now + leaseMs,
          createdAt: now,
          updatedAt: now,
        }
        const won = await store.setIfAbsent(at, JSON.stringify(record), { ttlMs: retentionMs })
        return won ? { kind: 'new', record } : { kind: 'in_flight' }
      }
      const record = parse(at, text)
      if (record.bodyHash !== bodyHash || record.invoiceId !== invoiceId) return { kind: 'mismatch' }
      if (record.state === 'done' && record.outcome)
        return { kind: 'done', record: { ...record, outcome: record.outcome } }
      if (!readsUnknown(record, now)) return { kind: 'in_flight' }
      // Its holder gave up or went quiet: one caller takes it over (the others see it in flight).
      const taken: PaymentKeyRecord = { ...record, state: 'in_flight', leaseUntil: now + leaseMs, updatedAt: now }
      const won = await store.compareAndSet(at, text, JSON.stringify(taken), { ttlMs: ttlFor(record, now) })
      if (!won) return { kind: 'in_flight' }
      return taken.sent === null ? { kind: 'new', record: taken } : { kind: 'unknown', record: taken }
    },

    /** Written before the charge leaves: from now on the record is never dropped, only settled. */
    async markSent(record: PaymentKeyRecord, sent: SentPayment, now: number): Promise<PaymentKeyRecord> {
      const next = { ...record, sent, updatedAt: now }
      await write(next, now)
      return next
    },

    /** Zuora's answer (a payment or a decline): replayed from now on, whoever holds the key. */
    async complete(record: PaymentKeyRecord, outcome: PaymentOutcome, now: number): Promise<void> {
      await write({ ...(await current(record)), state: 'done', outcome, leaseUntil: null, updatedAt: now }, now)
    },

    /** No answer (time-out, network, 5xx): the next request under the key sends it again, under the same Zuora key. */
    async markUnknown(record: PaymentKeyRecord, now: number): Promise<void> {
      const latest = await current(record)
      if (latest.state === 'done') return
      await write({ ...latest, state: 'unknown', leaseUntil: null, updatedAt: now }, now)
    },

    /**
     * Refused before any charge could leave (the invoice is paid, the breaker is open, 4xx): no
     * record stays under the key. Once something may have reached Zuora it stays, to be settled.
     */
    async forget(record: PaymentKeyRecord, now: number): Promise<void> {
      const latest = await current(record)
      if (latest.state === 'done') return
      if (latest.sent === null) await store.delete(storeKey(record.accountId, record.key))
      else await write({ ...latest, state: 'unknown', leaseUntil: null, updatedAt: now }, now)
    },

    /** One payment of an invoice at a time: true when this key holds it (now, or already). */
    async holdInvoice(accountId: string, invoiceId: string, key: string): Promise<boolean> {
      const at = invoiceKey(accountId, invoiceId)
      if (await store.setIfAbsent(at, key, { ttlMs: leaseMs })) return true
      return (await store.get(at)) === key
    },

    /** Lets the invoice go once this key's payment is settled (a lost answer keeps it until its lease ends). */
    async releaseInvoice(accountId: string, invoiceId: string, key: string): Promise<void> {
      const at = invoiceKey(accountId, invoiceId)
      if ((await store.get(at)) === key) await store.delete(at)
    },
  }
}
