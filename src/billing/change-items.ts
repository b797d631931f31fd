/**
 * A change request's items by kind: a renewal change or who receives invoices (each alone in its
 * request), or the cart's changes (seats, plan, add-ons). Beside the contract's schemas rather
 * than in them, so that the first page, which carries the contract, does not carry these too.
 */
import type { ChangeItem, InvoiceRecipientsItem, RenewalItem } from '@/lib/api/change-request-schemas'
import type { OrderItem } from '@/lib/api/schemas'

/** The renewal change a request asks for; null for any other request. */
export const renewalAskedIn = (items: readonly ChangeItem[]): RenewalItem | null =>
  items.find((item): item is RenewalItem => item.type === 'renewal') ?? null

/** The invoice recipients a request asks for; null for any other request. */
export const recipientsAskedIn = (items: readonly ChangeItem[]): InvoiceRecipientsItem | null =>
  items.find((item): item is InvoiceRecipientsItem => item.type === 'invoiceRecipients') ?? null

/** The cart's changes a request asks for: all of its items, or none in a renewal or recipients request. */
export const orderItemsIn = (items: readonly ChangeItem[]): OrderItem[] =>
  items.filter((item): item is OrderItem => item.type === 'seats' || item.type === 'plan' || item.type === 'addon')
