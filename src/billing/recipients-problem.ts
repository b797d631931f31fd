/**
 * Whether a request for invoice recipients still makes sense against the billing details as they
 * are now (a request may wait for days): not when the account already has them as asked, nor when
 * one of the asked addresses is now the billing contact's own (which receives invoices already:
 * the billing details form refuses it, so the approval would be refused too). Shared by the app
 * and the gateway, so both refuse the same requests for the same reasons.
 */
import type { InvoiceRecipientsItem } from '@/lib/api/change-request-schemas'
import { sameAddress, type BillingDetails } from '@/lib/api/schemas'
import type { ChangeProblem } from './change-problem'

export function recipientsProblem(
  asked: InvoiceRecipientsItem,
  details: Pick<BillingDetails, 'contact' | 'invoiceRecipients'>,
): ChangeProblem | null {
  if (asked.additional.some((address) => sameAddress(address, details.contact.email)))
    return { code: 'recipient_is_contact' }
  const now = details.invoiceRecipients
  if (!now) return null
  // The same addresses in any order and case: what Zuora would hold after the change already.
  const same =
    now.emailInvoices === asked.emailInvoices &&
    now.additional.length === asked.additional.length &&
    asked.additional.every((address) => now.additional.some((held) => sameAddress(held, address)))
  return same ? { code: 'recipients_as_asked' } : null
}
