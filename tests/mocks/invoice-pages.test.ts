// @vitest-environment node
/**
 * The server's filters and the browser's search over saved pages are one rule: whatever the
 * filters and the page size, walking every page of the gateway's list (its own pages over its index) by its cursors gives exactly
 * the rows the saved-pages search finds, in the same order, each once.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import {
  filterInvoices,
  indexInvoices,
  toInvoiceSearch,
  type InvoiceFilters,
} from '@/features/invoices/invoice-filters'
import { invoicePage } from '../../gateway/billing/invoice-pages'
import { isoDate } from '../../mocks/demo-data/dates'
import { GLOBEX, seedInvoices } from '../../mocks/demo-data/seed'

// A slice of Globex's demo history keeps each walk quick; it has every status and many dates.
const invoices = seedInvoices(GLOBEX, isoDate(new Date())).slice(0, 1_500)
const index = indexInvoices(invoices)
const dates = [...new Set(invoices.map((invoice) => invoice.issuedAt))]

const filtersArbitrary: fc.Arbitrary<InvoiceFilters> = fc.record({
  q: fc.constantFrom(
    '',
    'glbx-0099',
    'GLBX-0098',
    'voice',
    'VOICE MINUTES',
    'globex eu)',
    'Usage: automated',
    'storage',
    'no such thing',
    ' seats ',
  ),
  status: fc.constantFrom('all', 'paid', 'open', 'past_due', 'void'),
  from: fc.option(fc.constantFrom(...dates), { nil: '' }),
  to: fc.option(fc.constantFrom(...dates), { nil: '' }),
})

function walk(filters: InvoiceFilters, limit: number) {
  const search = toInvoiceSearch(filters)
  const rows = []
  let cursor: string | null = null
  do {
    const page = invoicePage(invoices, { search, limit, cursor })
    expect(page.invoices.length).toBeLessThanOrEqual(limit)
    rows.push(...page.invoices)
    cursor = page.nextCursor
  } while (cursor !== null)
  return rows
}

test('paging through the server’s filtered pages finds what the saved-pages search finds', () => {
  fc.assert(
    fc.property(filtersArbitrary, fc.integer({ min: 25, max: 500 }), (filters, limit) => {
      const expected = filterInvoices(index, filters)
      const paged = walk(filters, limit)
      expect(paged.map((invoice) => invoice.id)).toEqual(expected.map((invoice) => invoice.id))
      expect(invoicePage(invoices, { search: toInvoiceSearch(filters), limit, cursor: null }).total).toBe(
        expected.length,
      )
    }),
    { numRuns: 60 },
  )
})
