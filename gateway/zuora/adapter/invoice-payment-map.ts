/**
 * Paying an invoice at Zuora (POST /v1/payments), both ways: the electronic payment the gateway asks
 * for, the payment Zuora made as the contract shows it, and a declined card's words as one of the
 * contract's decline reasons.
 *
 * Zuora relays the card gateway's answer to a decline in `reasons[].message` (a 200 with
 * `success: false`): `Transaction declined.` then the gateway's code and text; Stripe's reads
 * `402 - [card_error/<code>/<decline code>] <text>` (the messages guardian/support-frontend matches
 * verbatim: support-workers/.../exceptions/CardDeclinedMessages.scala). A payment Zuora keeps with
 * status `Error` is the same decline, its words in `gatewayResponse`.
 */
import type { InvoicePayment, Money, PaymentDeclineReason } from '../../../src/lib/api/schemas'
import { fromMinor, toMinor } from '../money'
import type { CreatePaymentRequest, CreatePaymentResponse } from '../spec'

export type ElectronicPayment = {
  zuoraAccountNumber: string
  invoiceId: string
  amount: Money
  paymentMethodId: string
  /** Zuora takes an electronic payment dated today only. */
  today: string
  gatewayOrderId: string
}

/** The whole amount, applied to the one invoice, charged to the given card now. */
export function electronicPaymentRequest(payment: ElectronicPayment): CreatePaymentRequest {
  const amount = fromMinor(payment.amount.amountMinor, payment.amount.currency)
  return {
    accountNumber: payment.zuoraAccountNumber,
    type: 'Electronic',
    amount,
    currency: payment.amount.currency,
    paymentMethodId: payment.paymentMethodId,
    effectiveDate: payment.today,
    invoices: [{ invoiceId: payment.invoiceId, amount }],
    gatewayOrderId: payment.gatewayOrderId,
  }
}

/** The payment as the contract shows it, in the currency it was asked in (Zuora pays in the account's). */
export function toPaymentReceipt(
  created: CreatePaymentResponse,
  currency: Money['currency'],
): InvoicePayment['payment'] {
  return {
    id: created.id,
    number: created.number,
    amount: { amountMinor: toMinor(created.amount, currency), currency },
    paidOn: created.effectiveDate,
  }
}

/** The card gateway's codes (Stripe's `code` and `decline_code`) the contract words apart. */
const declineCodes: Readonly<Record<string, PaymentDeclineReason>> = {
  insufficient_funds: 'insufficient_funds',
  expired_card: 'expired_card',
  incorrect_cvc: 'incorrect_cvc',
  invalid_cvc: 'incorrect_cvc',
  authentication_required: 'authentication_required',
  try_again_later: 'try_again_later',
  processing_error: 'try_again_later',
}

/** The decline reason when one of Zuora's reasons says the card was declined; null when none does. */
export function declineReasonOf(messages: readonly string[]): PaymentDeclineReason | null {
  const text = messages.find((message) => /^\s*Transaction declined/i.test(message))
  if (text === undefined) return null
  // The most specific code first: the decline code, then the error code.
  const codes = (/\[([^\]]*)\]/.exec(text)?.[1] ?? '').split('/').reverse()
  for (const code of codes) {
    const reason = declineCodes[code.trim().toLowerCase()]
    if (reason) return reason
  }
  return 'card_declined'
}

/** A payment Zuora recorded but could not collect (status Error): why; null for one that went through. */
export function declinedPayment(created: CreatePaymentResponse): PaymentDeclineReason | null {
  if (created.status !== 'Error') return null
  const words = typeof created.gatewayResponse === 'string' ? created.gatewayResponse : ''
  return declineReasonOf([/^\s*Transaction declined/i.test(words) ? words : `Transaction declined. ${words}`])
}
