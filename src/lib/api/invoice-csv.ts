/**
 * The invoice list as CSV, in one place: the gateway streams it (`GET /invoices/export.csv`) and the
 * app writes the same file from the invoices saved in the browser during an outage. RFC 4180:
 * comma-separated, a cell quoted when it holds a comma, a quote or a line break (its quotes
 * doubled), CRLF line ends. The file starts with a UTF-8 byte order mark, without which Excel reads
 * "Cobrança" as mojibake. A text cell that a spreadsheet would take for a formula (it starts with
 * = + - @, a tab or a carriage return: OWASP's "CSV injection") gets a leading apostrophe, so it
 * shows as the text it is; the amount is ours, a plain decimal, and is left as it is.
 */
import { minorUnitDigits } from './currencies'
import type { InvoiceSummary, Money } from './schemas'

export const invoiceCsvColumns = ['number', 'issued', 'due', 'status', 'total', 'currency', 'description'] as const

const formulaStart = /^[=+\-@\t\r]/

/** One text cell: neutralised if a spreadsheet would run it, quoted if it needs to be. */
export function csvText(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** An amount in minor units as a decimal with the currency's ISO 4217 digits (-1234.50), exactly. */
export function csvDecimal({ amountMinor, currency }: Money): string {
  const digits = minorUnitDigits(currency)
  const magnitude = String(Math.abs(amountMinor)).padStart(digits + 1, '0')
  const whole = magnitude.slice(0, magnitude.length - digits)
  const sign = amountMinor < 0 ? '-' : ''
  return digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${magnitude.slice(-digits)}`
}

/** The first line: the byte order mark and the column names. */
export const invoiceCsvHeader = `\uFEFF${invoiceCsvColumns.join(',')}\r\n`

export function invoiceCsvRow(invoice: InvoiceSummary): string {
  return `${[
    csvText(invoice.number),
    invoice.issuedAt,
    invoice.dueAt,
    invoice.status,
    csvDecimal(invoice.total),
    invoice.total.currency,
    csvText(invoice.description),
  ].join(',')}\r\n`
}

/** The whole file at once: for the few hundred invoices a browser holds (the gateway streams). */
export const invoiceCsv = (invoices: Iterable<InvoiceSummary>): string => {
  let text = invoiceCsvHeader
  for (const invoice of invoices) text += invoiceCsvRow(invoice)
  return text
}

/** `invoices-2026-03-20.csv`, or `invoices-saved-2026-03-20.csv` for the saved invoices only. */
export const invoiceCsvFileName = (day: string, saved = false) => `invoices-${saved ? 'saved-' : ''}${day}.csv`
