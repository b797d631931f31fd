/**
 * What the invoice list's filters mean, in one place: the server applies them to its pages
 * (`GET /invoices?q=&status=&from=&to=`), and the app applies the same rule to the pages it saved
 * when the server cannot be asked (an outage). Kept apart from the schemas so that both sides read
 * one definition of "matches".
 */
import type { InvoiceStatus, InvoiceSummary } from './schemas'

/** The filters as the API takes them; an absent or empty one does not filter. */
export type InvoiceSearch = {
  /** Free text matched against the number and the description, ignoring case and accents. */
  q?: string
  status?: InvoiceStatus
  /** Issue dates, inclusive, YYYY-MM-DD. */
  from?: string
  to?: string
}

/**
 * Page sizes of `GET /invoices`: a Globex invoice summary is about 220 bytes of JSON, so even the
 * largest page stays far below 256 kB (asserted in tests/mocks/invoices.test.ts).
 */
export const invoicePageLimits = { default: 50, max: 500 }

/** Case- and accent-insensitive, so that "cobranca" finds "Cobrança". */
export const normalizeSearchText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()

/** The text `q` is looked for in, already normalized (build it once per invoice, not per keystroke). */
export const invoiceHaystack = (invoice: Pick<InvoiceSummary, 'number' | 'description'>): string =>
  normalizeSearchText(`${invoice.number}\n${invoice.description}`)

/**
 * A predicate for one search, with its text normalized once. `haystack` is the invoice's
 * invoiceHaystack, passed in by callers that keep it.
 */
export function invoiceMatcher(search: InvoiceSearch): (invoice: InvoiceSummary, haystack?: string) => boolean {
  const needle = normalizeSearchText((search.q ?? '').trim())
  const { status, from, to } = search
  return (invoice, haystack) => {
    if (status && invoice.status !== status) return false
    // YYYY-MM-DD strings compare in calendar order.
    if (from && invoice.issuedAt < from) return false
    if (to && invoice.issuedAt > to) return false
    if (needle && !(haystack ?? invoiceHaystack(invoice)).includes(needle)) return false
    return true
  }
}

/** The search as query parameters of `GET /invoices` (only what is set). */
export function invoiceSearchParams(search: InvoiceSearch): Record<string, string> {
  const params: Record<string, string> = {}
  const q = (search.q ?? '').trim()
  if (q) params.q = q
  if (search.status) params.status = search.status
  if (search.from) params.from = search.from
  if (search.to) params.to = search.to
  return params
}
