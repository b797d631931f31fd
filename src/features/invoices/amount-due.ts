import type { InvoiceSummary, Money } from '@/lib/api/schemas'

/**
 * What is left to pay: the server's `amountDue`, or, from a server that does not say (the contract
 * backend), the total of an open or past-due invoice and nothing of the others.
 */
export function amountDueOf(invoice: InvoiceSummary): Money {
  if (invoice.amountDue) return invoice.amountDue
  const unpaid = invoice.status === 'open' || invoice.status === 'past_due'
  return unpaid ? invoice.total : { ...invoice.total, amountMinor: 0 }
}

/** An open or past-due invoice with something left to pay. */
export const isPayable = (invoice: InvoiceSummary): boolean =>
  (invoice.status === 'open' || invoice.status === 'past_due') && amountDueOf(invoice).amountMinor > 0
