/**
 * What the card on file was when the admin left for the provider's page, kept in this tab
 * (sessionStorage survives the trip there and back). On return, `?payment=returned&result=success`
 * is only the provider's word, and anyone can type it: the update counts as done only when the
 * payment method read from the API afterwards differs from this.
 */
import { z } from 'zod/mini'
import { paymentMethodSchema, type PaymentMethod } from '@/lib/api/schemas'

const storageKey = 'billing-payment-update'

/** A provider session lasts 30 minutes; a return after an hour is not from this start. */
const maxAgeMs = 60 * 60_000

const startSchema = z.object({
  /** ms since the epoch, in this browser's clock. */
  startedAt: z.number(),
  /** The account whose card was being updated: a return that shows another account proves nothing. */
  accountId: z.string(),
  /** null: the card on file was not known when the admin left. */
  before: z.nullable(paymentMethodSchema),
})
export type PaymentUpdateStart = z.infer<typeof startSchema>

export function rememberPaymentUpdateStart(before: PaymentMethod | null, accountId: string, now = Date.now()): void {
  try {
    sessionStorage.setItem(
      storageKey,
      JSON.stringify({ startedAt: now, accountId, before } satisfies PaymentUpdateStart),
    )
  } catch {
    // Storage blocked: the return will say it could not confirm the update.
  }
}

/** The start of an update of `accountId`'s card; null when there is none, it is stale, or it was another account's. */
export function readPaymentUpdateStart(accountId: string, now = Date.now()): PaymentUpdateStart | null {
  try {
    const raw = sessionStorage.getItem(storageKey)
    const parsed = raw === null ? null : startSchema.safeParse(JSON.parse(raw))
    if (!parsed?.success) return null
    const age = now - parsed.data.startedAt
    return age >= 0 && age <= maxAgeMs && parsed.data.accountId === accountId ? parsed.data : null
  } catch {
    return null
  }
}

export function forgetPaymentUpdateStart(): void {
  try {
    sessionStorage.removeItem(storageKey)
  } catch {
    // Nothing to forget.
  }
}

const cardKey = (card: NonNullable<PaymentMethod['card']>) =>
  [card.brand, card.last4, card.expMonth, card.expYear, card.holderName].join('|')

/** Whether `after`, read from the API after the return, shows a card saved since `start`. */
export function showsUpdate(
  start: Pick<PaymentUpdateStart, 'startedAt' | 'before'> | null,
  after: PaymentMethod,
): boolean {
  if (!start || !after.card) return false
  const savedAt = after.updatedAt === null ? Number.NaN : Date.parse(after.updatedAt)
  const { before } = start
  if (!before) return savedAt >= start.startedAt
  if (!before.card) return true
  const beforeAt = before.updatedAt === null ? Number.NaN : Date.parse(before.updatedAt)
  return (
    savedAt > beforeAt ||
    (Number.isNaN(beforeAt) && !Number.isNaN(savedAt)) ||
    cardKey(before.card) !== cardKey(after.card)
  )
}
