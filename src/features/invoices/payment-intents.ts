/**
 * One idempotency key per payment intent, kept in localStorage per account and invoice and written
 * BEFORE the payment leaves (docs/decisions/015): a double click, a retry after a time-out, a reload
 * or another tab of this browser send the same key, and the server pays once. A definitive answer
 * (paid, declined, refused) ends the intent; paying again is a new intent with a new key.
 */
import { z } from 'zod/mini'
import { moneySchema, type Money } from '@/lib/api/schemas'
import { safeLocalStorage } from '@/lib/persistence/safe-storage'

const intentSchema = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(200)),
  amount: moneySchema,
  startedAt: z.iso.datetime({ offset: true }),
})
export type PaymentIntent = z.infer<typeof intentSchema>

const storageKey = (account: string, invoiceId: string) => `billing-invoice-payment:${account}:${invoiceId}`

/** The intent stored for this invoice (this tab's or another's), or null; what does not check out is dropped. */
export function storedIntent(account: string, invoiceId: string): PaymentIntent | null {
  const raw = safeLocalStorage.getItem(storageKey(account, invoiceId))
  if (raw === null) return null
  try {
    const parsed = intentSchema.safeParse(JSON.parse(raw))
    if (parsed.success) return parsed.data
  } catch {
    // not JSON: dropped below
  }
  safeLocalStorage.removeItem(storageKey(account, invoiceId))
  return null
}

/** The stored intent for this amount, or a new one, stored before it is returned. */
export function beginIntent(account: string, invoiceId: string, amount: Money): PaymentIntent {
  const stored = storedIntent(account, invoiceId)
  if (stored && stored.amount.amountMinor === amount.amountMinor && stored.amount.currency === amount.currency)
    return stored
  const intent: PaymentIntent = { key: crypto.randomUUID(), amount, startedAt: new Date().toISOString() }
  safeLocalStorage.setItem(storageKey(account, invoiceId), JSON.stringify(intent))
  return intent
}

/** The intent is settled: the next payment of this invoice takes a new key. */
export function endIntent(account: string, invoiceId: string, key: string): void {
  if (storedIntent(account, invoiceId)?.key === key) safeLocalStorage.removeItem(storageKey(account, invoiceId))
}
