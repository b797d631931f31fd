import type { InfiniteData } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { InvoicePage, InvoiceSummary } from '@/lib/api/schemas'
import { useFormat } from '@/lib/i18n/format'
import type { PdfTarget } from '../api/download-invoice-pdf'
import { invoicesMessages } from '../invoices-messages'
import { InvoiceListBody } from './invoice-list-body'
import { LoadMoreInvoices, type Paging } from './load-more-invoices'

type Props = {
  data: InfiniteData<InvoicePage>
  /** The filters the server applied to these pages: other filters' rows may still show meanwhile. */
  filtered: boolean
  listSearch: string
  busy: boolean
  paging: Paging
  onClearFilters: () => void
  onDownload: (invoice: PdfTarget) => void
}

/**
 * Each invoice once, in page order (an invoice added while paging shifts the next page by one row),
 * and whether the last page brought any row not seen before.
 */
export function loadedRows(data: InfiniteData<InvoicePage>): { rows: InvoiceSummary[]; lastPageAddedRows: boolean } {
  const seen = new Set<string>()
  const rows: InvoiceSummary[] = []
  let before = 0
  for (const page of data.pages) {
    before = rows.length
    for (const invoice of page.invoices) {
      if (seen.has(invoice.id)) continue
      seen.add(invoice.id)
      rows.push(invoice)
    }
  }
  return { rows, lastPageAddedRows: rows.length > before }
}

/** The server's pages for the current filters: how many of how many, the table, and more on demand. */
export function InvoiceResults({ data, filtered, listSearch, busy, paging, onClearFilters, onDownload }: Props) {
  const t = invoicesMessages.useT()
  const format = useFormat()
  const { rows, lastPageAddedRows } = useMemo(() => loadedRows(data), [data])
  const total = data.pages[0]?.total
  const counts = { shown: format.number(rows.length), total: format.number(total ?? rows.length) }

  let summary: string
  let announce: string
  if (total === undefined) {
    summary = t('countLoaded', counts)
    announce = summary
  } else if (filtered) {
    summary = t(total === 1 ? 'countMatchingOne' : 'countMatchingMany', counts)
    announce = t(
      total === 0 ? 'announceMatchingNone' : total === 1 ? 'announceMatchingOne' : 'announceMatchingMany',
      counts,
    )
  } else {
    summary = t(total === 1 ? 'countOne' : 'countMany', counts)
    announce = t('announceShown', counts)
  }

  // Scrolling asks for the next page only while pages bring new rows: a server that keeps answering
  // the same (or empty) pages with a cursor would otherwise be asked in a loop. "Load more" still can.
  const { loadMore } = paging
  const autoLoad = paging.canLoadMore && lastPageAddedRows
  const onNearEnd = useMemo(() => (autoLoad ? () => loadMore() : undefined), [autoLoad, loadMore])

  return (
    <InvoiceListBody
      rows={rows}
      rowCount={total ?? rows.length}
      summary={summary}
      announce={announce}
      listSearch={listSearch}
      busy={busy}
      filtered={filtered}
      onClearFilters={onClearFilters}
      onDownload={onDownload}
      onNearEnd={onNearEnd}
      footer={<LoadMoreInvoices paging={paging} />}
    />
  )
}
