import { useMutation } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { invoiceCsv, invoiceCsvFileName } from '@/lib/api/invoice-csv'
import { invoiceSearchParams } from '@/lib/api/invoice-search'
import { copyAsOfHeader, parseCopyAsOf } from '@/lib/api/provider-copy'
import { callApi } from '@/lib/api/request'
import { filterInvoices, indexInvoices, toInvoiceSearch, type InvoiceFilters } from '../invoice-filters'
import type { SavedInvoices } from '../use-saved-invoices'
import { invoiceQueries } from './get-invoices'
import { saveFile } from './save-file'

/** What the file holds: billing's own list, billing's copy as of a time, or the invoices saved in this browser. */
export type CsvExport =
  { from: 'provider' } | { from: 'server-copy'; asOf: number } | { from: 'saved'; asOf: number; count: number }

export type CsvExportRequest = {
  filters: InvoiceFilters
  /** The saved invoices while the list shows them (an outage): the file is written from them, here. */
  saved: SavedInvoices | null
}

const twoDigits = (value: number) => String(value).padStart(2, '0')
/** The admin's calendar day, for the file name. */
const localDay = (at: number) => {
  const date = new Date(at)
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`
}

/**
 * The list as a CSV download, with the filters in force. Billing writes it from every matching
 * invoice (streamed, through the API so that it gets the time-out, the breaker and the session like
 * every call; its answer may be billing's copy, with the copy's time). During an outage the file is
 * written here from the saved invoices the list is showing, filtered the same way, in the same format.
 */
export async function exportInvoicesCsv({ filters, saved }: CsvExportRequest): Promise<CsvExport> {
  if (saved) {
    const rows = filterInvoices(indexInvoices(saved.invoices, saved.details), filters)
    saveFile(
      new Blob([invoiceCsv(rows)], { type: 'text/csv;charset=utf-8' }),
      invoiceCsvFileName(localDay(saved.asOf), true),
    )
    return { from: 'saved', asOf: saved.asOf, count: rows.length }
  }
  const answer: { copyAsOf: number | null } = { copyAsOf: null }
  const blob = await callApi(endpoints.exportInvoicesCsv, {
    query: invoiceSearchParams(toInvoiceSearch(filters)),
    // Each attempt's headers: the answer that is kept is the last attempt's.
    onHeaders: (headers) => {
      answer.copyAsOf = parseCopyAsOf(headers.get(copyAsOfHeader), Date.now())
    },
  })
  saveFile(blob, invoiceCsvFileName(localDay(Date.now())))
  return answer.copyAsOf === null ? { from: 'provider' } : { from: 'server-copy', asOf: answer.copyAsOf }
}

export function useExportInvoicesCsv() {
  return useMutation({
    mutationKey: [...invoiceQueries.all(), 'csv'] as const,
    mutationFn: exportInvoicesCsv,
  })
}
