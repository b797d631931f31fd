/**
 * Zuora's invoices (object query) read as the contract's invoices. Zuora has no "past due" status:
 * a posted invoice with a balance left after its due date is past due; one with nothing left is
 * paid; a cancelled one is void.
 */
import type { Invoice, InvoiceStatus, InvoiceSummary } from '../../../src/lib/api/schemas'
import { isCurrencyCode, toMinor } from '../money'
import type { ObjectQueryInvoice } from '../spec'
import { GatewayError } from '../../http/errors'

const numberPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/

export function invoiceStatus(invoice: ObjectQueryInvoice, today: string): InvoiceStatus {
  if (invoice.status === 'Canceled' || invoice.status === 'Cancelled') return 'void'
  if (invoice.balance <= 0) return 'paid'
  return (invoice.dueDate ?? invoice.invoiceDate) < today ? 'past_due' : 'open'
}

function currencyOf(invoice: ObjectQueryInvoice) {
  if (!isCurrencyCode(invoice.currency))
    throw new GatewayError(502, 'provider_data', `Invoice ${invoice.invoiceNumber} is in an unknown currency.`)
  return invoice.currency
}

/** What the list shows of an invoice. Zuora keeps no description: its `comments`, else its first charge. */
export function toInvoiceSummary(invoice: ObjectQueryInvoice, today: string): InvoiceSummary {
  const currency = currencyOf(invoice)
  const comments = typeof invoice.comments === 'string' ? invoice.comments.trim() : ''
  if (!numberPattern.test(invoice.invoiceNumber))
    throw new GatewayError(502, 'provider_data', 'An invoice number has characters the app cannot show.')
  return {
    id: invoice.id,
    number: invoice.invoiceNumber,
    issuedAt: invoice.invoiceDate,
    dueAt: invoice.dueDate ?? invoice.invoiceDate,
    status: invoiceStatus(invoice, today),
    total: { amountMinor: toMinor(invoice.amount, currency), currency },
    amountDue: { amountMinor: toMinor(invoice.balance, currency), currency },
    description: (comments || invoice.invoiceItems?.[0]?.chargeName || `Invoice ${invoice.invoiceNumber}`).slice(
      0,
      2_000,
    ),
  }
}

export function toInvoice(invoice: ObjectQueryInvoice, billedTo: Invoice['billedTo'], today: string): Invoice {
  const currency = currencyOf(invoice)
  const money = (amount: number) => ({ amountMinor: toMinor(amount, currency), currency })
  const lines = (invoice.invoiceItems ?? []).map((item) => ({
    description: item.chargeName.slice(0, 2_000),
    quantity: Math.max(0, Math.round(item.quantity ?? 1)),
    unitPrice: money(item.unitPrice ?? item.chargeAmount),
    amount: money(item.chargeAmount),
  }))
  const subtotal = invoice.amountWithoutTax ?? invoice.amount - invoice.taxAmount
  return {
    ...toInvoiceSummary(invoice, today),
    lines,
    subtotal: money(subtotal),
    tax: money(invoice.taxAmount),
    billedTo,
  }
}
