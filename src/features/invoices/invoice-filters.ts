/**
 * The invoice list's filters: how they are read from a link (leniently: a bad value is dropped and
 * reported, never a crash), written back to one, sent to the server, and applied to the saved
 * rows during an outage.
 */
import { z } from 'zod/mini'
import { invoiceHaystack, invoiceMatcher, normalizeSearchText, type InvoiceSearch } from '@/lib/api/invoice-search'
import { invoiceStatusSchema, type Invoice, type InvoiceStatus, type InvoiceSummary } from '@/lib/api/schemas'

export type StatusFilter = InvoiceStatus | 'all'

export type InvoiceFilters = {
  /** Free text matched against the number and the description (the saved invoices: see indexInvoices). */
  q: string
  status: StatusFilter
  /** Issue dates, inclusive, as YYYY-MM-DD; '' for no bound. */
  from: string
  to: string
}

export const emptyFilters: InvoiceFilters = { q: '', status: 'all', from: '', to: '' }

export const maxQueryLength = 100

const isoDate = z.iso.date()

/** A parameter of the link that was not understood, as `name=value` for the admin to read. */
export type IgnoredParam = { name: string; value: string }

export function parseInvoiceFilters(params: URLSearchParams): { filters: InvoiceFilters; ignored: IgnoredParam[] } {
  const filters = { ...emptyFilters }
  const ignored: IgnoredParam[] = []

  filters.q = (params.get('q') ?? '').slice(0, maxQueryLength)

  const status = params.get('status')
  if (status !== null && status !== '' && status !== 'all') {
    const parsed = invoiceStatusSchema.safeParse(status)
    if (parsed.success) filters.status = parsed.data
    else ignored.push({ name: 'status', value: status })
  }

  for (const name of ['from', 'to'] as const) {
    const value = params.get(name)
    if (value === null || value === '') continue
    if (isoDate.safeParse(value).success) filters[name] = value
    else ignored.push({ name, value })
  }
  return { filters, ignored }
}

/** The link form of the filters: only what is set, so that an unfiltered list is plain /invoices. */
export function serializeInvoiceFilters(filters: InvoiceFilters): string {
  const params = new URLSearchParams()
  const q = filters.q.trim()
  if (q) params.set('q', q)
  if (filters.status !== 'all') params.set('status', filters.status)
  if (filters.from) params.set('from', filters.from)
  if (filters.to) params.set('to', filters.to)
  const search = params.toString()
  return search ? `?${search}` : ''
}

export const hasActiveFilters = (filters: InvoiceFilters) => serializeInvoiceFilters(filters) !== ''

export const isDateRangeReversed = (filters: InvoiceFilters) =>
  filters.from !== '' && filters.to !== '' && filters.from > filters.to

/** The filters as the API applies them (and as the saved pages are searched during an outage). */
export const toInvoiceSearch = ({ q, status, from, to }: InvoiceFilters): InvoiceSearch => ({
  q,
  status: status === 'all' ? undefined : status,
  from,
  to,
})

export type IndexedInvoice = { invoice: InvoiceSummary; haystack: string }

/** What an opened invoice has that its list row lacks, searched in the saved invoices during an outage. */
const detailText = ({ lines, billedTo }: Invoice): string =>
  [...lines.map((line) => line.description), billedTo.name, ...billedTo.address].join('\n')

/**
 * Built once per data set, so that a keystroke does not lower-case 10,000 strings again. `q` looks
 * at the number and the description, as the server does, and at the lines and billing address of
 * the invoices in `details` (the ones opened).
 */
export const indexInvoices = (
  invoices: InvoiceSummary[],
  details: ReadonlyMap<string, Invoice> = new Map(),
): IndexedInvoice[] =>
  invoices.map((invoice) => {
    const detail = details.get(invoice.id)
    const haystack = invoiceHaystack(invoice)
    return { invoice, haystack: detail ? `${haystack}\n${normalizeSearchText(detailText(detail))}` : haystack }
  })

export function filterInvoices(index: IndexedInvoice[], filters: InvoiceFilters): InvoiceSummary[] {
  if (!hasActiveFilters(filters)) return index.map((entry) => entry.invoice)
  const matches = invoiceMatcher(toInvoiceSearch(filters))
  return index.filter(({ invoice, haystack }) => matches(invoice, haystack)).map((entry) => entry.invoice)
}

/** What a row's link hands to the detail page, so that "back" returns to the same filtered list. */
export type ListLinkState = { invoiceListSearch: string }

export const listLinkState = (search: string): ListLinkState => ({ invoiceListSearch: search })

/** The way back to the list. History state can be anything: keep only filters that still parse. */
export function backToListPath(state: unknown): string {
  const search =
    typeof state === 'object' && state !== null ? (state as Partial<ListLinkState>).invoiceListSearch : undefined
  if (typeof search !== 'string') return '/invoices'
  return `/invoices${serializeInvoiceFilters(parseInvoiceFilters(new URLSearchParams(search)).filters)}`
}
