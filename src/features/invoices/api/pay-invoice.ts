import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { invoicePaymentInputSchema, type InvoicePayment, type InvoicePaymentInput } from '@/lib/api/schemas'

/**
 * Pays the invoice under an idempotency key made once per payment intent (payment-intents.ts): the
 * server answers a repeated key with the first payment (or decline) instead of charging again.
 * `account` is the one the confirmation was shown for: a tab switched meanwhile is refused.
 */
export function payInvoice(
  invoiceId: string,
  input: InvoicePaymentInput,
  idempotencyKey: string,
  account: string,
): Promise<InvoicePayment> {
  return callApi(endpoints.payInvoice, {
    params: { invoiceId },
    body: invoicePaymentInputSchema.parse(input),
    idempotencyKey,
    account,
  })
}
