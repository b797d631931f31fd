/**
 * Paying an invoice with the card on file, never twice. Our Idempotency-Key goes through the
 * gateway's own key store first (stores/payment-keys.ts): the same key and body replay the first
 * payment or decline, another body is 422, a key still in flight is 409, and one payment of an
 * invoice runs at a time whatever the key (a second tab). The key sent to Zuora is derived from
 * the account, the invoice and ours, so every retry of one intent reaches Zuora as one payment.
 *
 * After a time-out or a 5xx the outcome is unknown: the answer says so (503
 * `payment_outcome_unknown`), and the next request under the key sends the same payment again
 * under the same Zuora key, which Zuora answers with what it did the first time (or does now, if
 * it never got it). A declined card is Zuora's answer like a payment: 402 `payment_declined`, with
 * the reason, replayed for the key.
 */
import { invoicePaymentInputSchema, type InvoicePayment, type PaymentDeclineReason } from '../../src/lib/api/schemas'
import { balanceOf, invoiceAfter, readPayable, refuseUnpayable, rememberPaid } from '../billing/invoice-payment'
import { providerError, withProvider } from '../billing/provider-call'
import { isoDay, refuseDuringMaintenance, requireBillingAdmin } from '../context'
import { GatewayError } from '../http/errors'
import { json, readBody, requireIdempotencyKey } from '../http/respond'
import { bodyHash } from '../stores/order-keys'
import { createPaymentKeyStore, type PaymentKeyRecord, type PaymentOutcome } from '../stores/payment-keys'
import {
  declinedPayment,
  declineReasonOf,
  electronicPaymentRequest,
  toPaymentReceipt,
} from '../zuora/adapter/invoice-payment-map'
import { callOperation } from '../zuora/adapter/operation'
import { ZuoraCallError } from '../zuora/errors'
import type { RouteModule } from './types'

const inProgress = () =>
  new GatewayError(409, 'idempotency_in_progress', 'A payment with this Idempotency-Key is still being processed.', {
    headers: { 'Retry-After': '1' },
  })

const declined = (reason: PaymentDeclineReason) =>
  new GatewayError(402, 'payment_declined', 'The card was declined. Nothing was charged.', { reason })

const outcomeUnknown = () =>
  new GatewayError(
    503,
    'payment_outcome_unknown',
    'The billing provider did not confirm the payment. Send it again with the same Idempotency-Key: it is never charged twice.',
    { headers: { 'Retry-After': '5' } },
  )

export const invoicePaymentRoutes: RouteModule = (app, deps) => {
  const keys = createPaymentKeyStore({ store: deps.store })

  app.post('/invoices/:invoiceId/payments', async (c) => {
    const request = c.req.raw
    const requestId = c.get('requestId')
    const { account } = await requireBillingAdmin(deps, request)
    await refuseDuringMaintenance(deps)
    const key = requireIdempotencyKey(request, ', one per payment intent')
    const invoiceId = c.req.param('invoiceId')
    const input = await readBody(request, invoicePaymentInputSchema)
    const begun = await keys.begin(account.id, key, invoiceId, await bodyHash(input), deps.clock.now())
    if (begun.kind === 'mismatch')
      throw new GatewayError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was already used for another invoice or amount.',
      )
    if (begun.kind === 'in_flight') throw inProgress()
    if (begun.kind === 'done') {
      const { outcome } = begun.record
      if (outcome.kind === 'declined') throw declined(outcome.reason)
      return json(outcome.result, 200)
    }
    let record: PaymentKeyRecord = begun.record
    /** The invoice's own id once read (the path may name it by number), held while its payment is on its way. */
    let held: string | null = null
    const release = async () => {
      if (held !== null) await keys.releaseInvoice(account.id, held, key)
    }
    let dueBefore: number | null = null
    try {
      const outcome = await withProvider(
        deps,
        'payments',
        { requestId, timeoutMs: deps.timeouts.writeMs },
        async (context): Promise<PaymentOutcome> => {
          const payable = await readPayable(deps, { ...context, timeoutMs: deps.timeouts.readMs }, account, invoiceId)
          dueBefore = balanceOf(payable.invoice)
          if (!(await keys.holdInvoice(account.id, payable.invoice.id, key)))
            throw new GatewayError(409, 'payment_in_progress', 'Another payment of this invoice is being processed.', {
              headers: { 'Retry-After': '5' },
            })
          held = payable.invoice.id
          // A repeat of a payment that may have reached Zuora sends what was sent, whatever the invoice says now.
          let sent = record.sent
          if (sent === null) {
            refuseUnpayable(payable, input)
            // Read as the contract shows it before anything is charged: once paid, nothing may fail.
            invoiceAfter(deps, payable, 0)
            sent = { ...input.amount, paymentMethodId: payable.paymentMethodId ?? '' }
            record = await keys.markSent(record, sent, deps.clock.now())
          }
          try {
            const created = await callOperation(context, 'createPayment', {
              capability: 'payments',
              idempotencyKey: record.zuoraIdempotencyKey,
              body: electronicPaymentRequest({
                zuoraAccountNumber: account.zuoraAccountNumber,
                invoiceId: payable.invoice.id,
                amount: { amountMinor: sent.amountMinor, currency: input.amount.currency },
                paymentMethodId: sent.paymentMethodId,
                today: isoDay(deps.clock.now()),
                gatewayOrderId: record.gatewayOrderId,
              }),
            })
            const reason = declinedPayment(created)
            if (reason) return { kind: 'declined', reason }
            const payment = toPaymentReceipt(created, input.amount.currency)
            const result: InvoicePayment = {
              payment,
              invoice: invoiceAfter(deps, payable, payment.amount.amountMinor),
            }
            return { kind: 'paid', result }
          } catch (error) {
            // A decline is Zuora's answer (success: false with the card gateway's words), not a fault.
            const reason = error instanceof ZuoraCallError ? declineReasonOf(error.reasons.map((r) => r.message)) : null
            if (reason) return { kind: 'declined', reason }
            throw error
          }
        },
      )
      await keys.complete(record, outcome, deps.clock.now())
      await release()
      deps.log({
        event: 'invoice_payment',
        requestId,
        accountId: account.id,
        invoiceId,
        outcome: outcome.kind,
        ...(outcome.kind === 'paid' ? { paymentNumber: outcome.result.payment.number } : { reason: outcome.reason }),
      })
      if (outcome.kind === 'declined') throw declined(outcome.reason)
      await rememberPaid(deps, account.id, invoiceId, outcome.result)
      return json(outcome.result, 201)
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'payment_declined') throw error
      const now = deps.clock.now()
      if (record.sent === null) {
        // Refused before anything left (a paid invoice, the breaker, a read that failed): nothing to settle.
        await keys.forget(record, now)
        await release()
        throw providerError(error)
      }
      if (!(error instanceof ZuoraCallError)) {
        // Our own failure once the charge may have left (the store): settled by the next request.
        await keys.markUnknown(record, now).catch(() => undefined)
        throw providerError(error)
      }
      if (error.kind === 'rejected' || error.kind === 'key_reused') {
        // Zuora refused the payment outright: nothing is on its way, and the key stays spent.
        await keys.forget(record, now)
        await release()
        if (error.kind === 'rejected' && dueBefore !== null && dueBefore <= 0)
          throw new GatewayError(409, 'invoice_already_paid', 'This invoice is already paid.')
        throw providerError(error)
      }
      // It may have been charged: only Zuora knows, and it tells the next request under this key.
      // The invoice stays held (until the lease ends), so another tab's key cannot pay it meanwhile.
      await keys.markUnknown(record, now)
      deps.log({
        event: 'invoice_payment_outcome_unknown',
        requestId,
        accountId: account.id,
        invoiceId,
        kind: error.kind,
      })
      if (error.kind === 'in_progress') throw inProgress()
      if (error.outcomeUnknown) throw outcomeUnknown()
      throw providerError(error)
    }
  })
}
