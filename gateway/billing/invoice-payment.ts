/**
 * Paying an invoice, the parts around the charge: what is read before it (the invoice, that it is
 * this account's and still due, who it bills, the card on file), the refusals that leave nothing
 * charged, the invoice as it stands after the payment, and what the gateway's copies learn from
 * it (the invoice's copy and the invoice index say paid at once).
 */
import type { Invoice, InvoicePayment, InvoicePaymentInput } from '../../src/lib/api/schemas'
import { isoDay, type GatewayDeps } from '../context'
import { GatewayError, notFound } from '../http/errors'
import type { DirectoryAccount } from '../identity/directory'
import { staleResources } from '../stores/stale-copy'
import { billedToOf } from '../zuora/adapter/account-map'
import { toInvoice } from '../zuora/adapter/invoice-map'
import { callOperation, type OperationContext } from '../zuora/adapter/operation'
import { ZuoraCallError } from '../zuora/errors'
import { fromMinor, toMinor } from '../zuora/money'
import type { ObjectQueryInvoice } from '../zuora/spec'
import { invoicePaid, zuoraAccountIdOf } from './invoice-index'

export type Payable = {
  invoice: ObjectQueryInvoice
  billedTo: Invoice['billedTo']
  /** The account's default payment method at Zuora; null when there is none. */
  paymentMethodId: string | null
}

const noSuchInvoice = () => notFound('No such invoice on this account.')

/** The invoice (if it is this account's), who it bills and the card on file, read together. */
export async function readPayable(
  deps: GatewayDeps,
  context: OperationContext,
  account: DirectoryAccount,
  invoiceId: string,
): Promise<Payable> {
  const accountZuoraId = await zuoraAccountIdOf(deps, context, account)
  const accountKey = { 'account-key': account.zuoraAccountNumber }
  const [invoice, zuoraAccount, paymentMethodId] = await Promise.all([
    callOperation(context, 'queryInvoiceByKey', {
      capability: 'invoices',
      params: { key: invoiceId },
      query: [['expand[]', 'invoiceitems']],
    }).catch((error: unknown) => {
      throw error instanceof ZuoraCallError && error.kind === 'rejected' ? noSuchInvoice() : error
    }),
    callOperation(context, 'getAccount', { capability: 'invoices', params: accountKey }),
    callOperation(context, 'getDefaultPaymentMethod', { capability: 'payments', params: accountKey }).then(
      (method) => method.id,
      // No default payment method is Zuora's refusal.
      (error: unknown) => {
        if (error instanceof ZuoraCallError && error.kind === 'rejected') return null
        throw error
      },
    ),
  ])
  // Zuora would show any invoice of the tenant.
  if (invoice.accountId !== accountZuoraId) throw noSuchInvoice()
  return { invoice, billedTo: billedToOf(zuoraAccount), paymentMethodId }
}

export const balanceOf = (invoice: ObjectQueryInvoice): number => toMinor(invoice.balance, invoice.currency)

/** The refusals that leave nothing charged: a void or paid invoice, another amount than is due, no card. */
export function refuseUnpayable(payable: Payable, input: InvoicePaymentInput): void {
  const { invoice } = payable
  if (invoice.status === 'Canceled' || invoice.status === 'Cancelled')
    throw new GatewayError(409, 'invoice_not_payable', 'This invoice is void: there is nothing to pay.')
  const due = balanceOf(invoice)
  if (due <= 0) throw new GatewayError(409, 'invoice_already_paid', 'This invoice is already paid.')
  if (input.amount.currency !== invoice.currency || input.amount.amountMinor !== due)
    throw new GatewayError(
      409,
      'amount_changed',
      `The amount due on this invoice is now ${fromMinor(due, invoice.currency)} ${invoice.currency}. Confirm it again.`,
    )
  if (payable.paymentMethodId === null)
    throw new GatewayError(409, 'no_payment_method', 'There is no card on file to charge. Add one first.')
}

/** The invoice after a payment of `paidMinor`: what is left due (never below nothing). */
export function invoiceAfter(deps: GatewayDeps, payable: Payable, paidMinor: number): Invoice {
  const left = Math.max(0, balanceOf(payable.invoice) - paidMinor)
  const invoice = { ...payable.invoice, balance: fromMinor(left, payable.invoice.currency) }
  return toInvoice(invoice, payable.billedTo, isoDay(deps.clock.now()))
}

/** The gateway's copies say paid at once: the invoice's copy, and its row in the invoice index. */
export async function rememberPaid(deps: GatewayDeps, accountId: string, invoiceKey: string, paid: InvoicePayment) {
  const now = deps.clock.now()
  await deps.staleCopy.put(accountId, staleResources.invoice(invoiceKey), JSON.stringify(paid.invoice), now)
  if (invoiceKey !== paid.invoice.id)
    await deps.staleCopy.put(accountId, staleResources.invoice(paid.invoice.id), JSON.stringify(paid.invoice), now)
  await invoicePaid(deps, accountId, paid.invoice.id, paid.invoice.amountDue?.amountMinor ?? 0)
}
