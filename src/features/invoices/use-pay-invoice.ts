/**
 * Paying an invoice and settling the outcome, by the rules orders follow
 * (docs/decisions/015-retrying-writes-with-idempotency-keys.md): the key is made once per payment
 * intent and stored before sending; a definitive answer (paid, declined, refused) ends the intent;
 * a lost answer (time-out, network, 5xx, "still being processed") leaves the payment "not
 * confirmed", and "Check again" sends it again under the same key, which the server answers with
 * what it did the first time: it never charges twice.
 */
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { isApiError } from '@/lib/api/errors'
import { paymentDeclineReasons, type Invoice, type InvoicePayment, type PaymentDeclineReason } from '@/lib/api/schemas'
import { useCurrentUser } from '@/lib/session/session-queries'
import { amountDueOf, isPayable } from './amount-due'
import { invoiceQueries } from './api/get-invoices'
import { payInvoice } from './api/pay-invoice'
import { beginIntent, endIntent, storedIntent } from './payment-intents'

/** Why a payment was refused before any charge, as a code the page words in the admin's language. */
export type PaymentRefusal = 'alreadyPaid' | 'amountChanged' | 'notPayable' | 'noCard' | 'other'

export type PaymentState =
  | { step: 'idle' }
  | { step: 'paying' }
  | { step: 'paid'; payment: InvoicePayment['payment'] }
  | { step: 'declined'; reason: PaymentDeclineReason }
  /** Sent, but no definitive answer: it may have been charged. Checked again under the same key. */
  | { step: 'unknown' }
  | { step: 'refused'; refusal: PaymentRefusal; error: unknown }

type Failure = Exclude<PaymentState, { step: 'idle' | 'paying' | 'paid' }>

const declineReason = (reason: string | undefined): PaymentDeclineReason =>
  (paymentDeclineReasons as readonly string[]).includes(reason ?? '')
    ? (reason as PaymentDeclineReason)
    : 'card_declined'

/** What a failed payment means: declined, refused before any charge (ends the intent), or unknown. */
export function classifyPaymentFailure(error: unknown): Failure {
  if (!isApiError(error)) return { step: 'unknown' }
  switch (error.kind) {
    case 'timeout':
    case 'network':
    case 'invalid-response':
    case 'aborted':
    case 'copy':
      return { step: 'unknown' } // it may have been charged: only the server can tell, under the key
    case 'circuit-open':
      return { step: 'refused', refusal: 'other', error } // refused in the browser: nothing left it
    case 'http':
      break
  }
  const status = error.status ?? 0
  if (status === 402) return { step: 'declined', reason: declineReason(error.reason) }
  if (status === 409) {
    switch (error.code) {
      case 'invoice_already_paid':
        return { step: 'refused', refusal: 'alreadyPaid', error }
      case 'amount_changed':
        return { step: 'refused', refusal: 'amountChanged', error }
      case 'invoice_not_payable':
        return { step: 'refused', refusal: 'notPayable', error }
      case 'no_payment_method':
        return { step: 'refused', refusal: 'noCard', error }
      case 'idempotency_in_progress': // this key's first request is still on its way
      case 'payment_in_progress': // another tab's payment of this invoice is
        return { step: 'unknown' }
    }
    return { step: 'refused', refusal: 'other', error }
  }
  // Maintenance and shedding refuse before any work: the key may go again, as is.
  if (status === 429 || (status === 503 && error.code === 'maintenance'))
    return { step: 'refused', refusal: 'other', error }
  if (status >= 500) return { step: 'unknown' }
  return { step: 'refused', refusal: 'other', error }
}

/** Refused before the server looked at the key (the breaker, shedding, maintenance): this attempt did nothing. */
const notSent = (failure: Failure) =>
  failure.step === 'refused' &&
  failure.refusal === 'other' &&
  isApiError(failure.error) &&
  (failure.error.kind === 'circuit-open' || failure.error.status === 429 || failure.error.status === 503)

/**
 * The payment of one invoice on one account: `pay` (a second call while one is on its way does
 * nothing), and where it stands. A payment stored but not confirmed (a reload, another tab, a lost
 * answer) reads `unknown` until checked again.
 */
export function usePayInvoice(invoice: Invoice) {
  const queryClient = useQueryClient()
  const { account } = useCurrentUser()
  const accountId = account.id
  const invoiceId = invoice.id
  const payable = isPayable(invoice)
  const [state, setState] = useState<PaymentState>(() =>
    payable && storedIntent(accountId, invoiceId) ? { step: 'unknown' } : { step: 'idle' },
  )
  const sending = useRef(false)

  // The invoice reads paid (a check, another tab): whatever was on its way is settled.
  useEffect(() => {
    if (payable) return
    const stored = storedIntent(accountId, invoiceId)
    if (stored) endIntent(accountId, invoiceId, stored.key)
  }, [payable, accountId, invoiceId])

  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: invoiceQueries.all() }), [queryClient])

  const pay = useCallback(async () => {
    if (sending.current) return
    sending.current = true
    // A stored intent (a retry, another tab) goes again as it was; otherwise the amount shown now.
    const earlier = storedIntent(accountId, invoiceId)
    const intent = earlier ?? beginIntent(accountId, invoiceId, amountDueOf(invoice))
    setState({ step: 'paying' })
    try {
      const paid = await payInvoice(invoiceId, { amount: intent.amount }, intent.key, accountId)
      endIntent(accountId, invoiceId, intent.key)
      queryClient.setQueryData(invoiceQueries.detail(invoiceId).queryKey, paid.invoice)
      setState({ step: 'paid', payment: paid.payment })
      void refresh()
    } catch (error) {
      const failure = classifyPaymentFailure(error)
      if (failure.step === 'unknown' || (earlier && notSent(failure))) {
        // It may have been charged (this time, or by the earlier attempt this one repeated): the
        // key stays, to be checked again.
        setState({ step: 'unknown' })
      } else {
        endIntent(accountId, invoiceId, intent.key)
        setState(failure)
      }
      // What the invoice says now: paid, another amount, or still due.
      void refresh()
    } finally {
      sending.current = false
    }
  }, [accountId, invoiceId, invoice, queryClient, refresh])

  const dismiss = useCallback(() => setState({ step: 'idle' }), [])

  /** The payment not confirmed, sent again under its key; settled elsewhere (another tab), only the invoice is read again. */
  const checkAgain = useCallback(async () => {
    if (storedIntent(accountId, invoiceId)) return pay()
    setState({ step: 'idle' })
    await refresh()
  }, [accountId, invoiceId, pay, refresh])

  return { state, pay, checkAgain, dismiss, payable }
}
