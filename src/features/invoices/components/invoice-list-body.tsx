import { useState, type ReactNode } from 'react'
import { Notice } from '@/components/notice'
import type { InvoiceSummary } from '@/lib/api/schemas'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import type { PdfTarget } from '../api/download-invoice-pdf'
import { invoicesMessages } from '../invoices-messages'
import { useDebouncedValue } from '../use-debounced-value'
import { InvoiceTable } from './invoice-table'

/** Long enough to let a typist finish a word, so a screen reader says the count once. */
const announceDelayMs = 800

type Props = {
  rows: InvoiceSummary[]
  /** Rows the whole list has (loaded or not), for screen readers' row count. */
  rowCount: number
  /** What the list shows, in one line ("Showing 100 of 10,000 invoices"). */
  summary: string
  /** The same for screen readers, said once it has settled after a change (not on load). */
  announce: string
  /** The filters as `?…`: for each detail page's way back, and the table starts over when they change. */
  listSearch: string
  /** Rows of the previous filters are still on screen while the new ones load. */
  busy: boolean
  filtered: boolean
  onClearFilters: () => void
  onDownload: (invoice: PdfTarget) => void
  /** Asked when the admin scrolls near the last loaded row. */
  onNearEnd?: () => void
  /** Under the table: more pages, or why they did not load. */
  footer?: ReactNode
}

/** The list as the admin sees it: how many, the table, or why nothing shows. */
export function InvoiceListBody({
  rows,
  rowCount,
  summary,
  announce,
  listSearch,
  busy,
  filtered,
  onClearFilters,
  onDownload,
  onNearEnd,
  footer,
}: Props) {
  const t = invoicesMessages.useT()
  const download = useActionAvailability('invoices.downloadPdf')

  // Screen readers hear the count once the list has settled after a change, not on load and not on
  // every keystroke or page. (The visible count updates at once.)
  const [initial] = useState(announce)
  const settled = useDebouncedValue(announce, announceDelayMs)
  const announcement = !busy && settled === announce && settled !== initial ? settled : ''
  const clearButton = (
    <button type="button" className="button button-secondary" onClick={onClearFilters}>
      {t('clearFilters')}
    </button>
  )

  return (
    <div className="invoice-results" aria-busy={busy || undefined}>
      <div className="invoice-summary">
        <p>{summary}</p>
        {filtered && rows.length > 0 ? clearButton : null}
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {!download.allowed ? (
        <Notice tone="warning" title={t('downloadsPaused')}>
          <p>{download.reason}</p>
        </Notice>
      ) : null}
      {rows.length > 0 ? (
        <InvoiceTable
          invoices={rows}
          rowCount={rowCount}
          listSearch={listSearch}
          onDownload={onDownload}
          onNearEnd={onNearEnd}
        />
      ) : (
        <div className="invoice-no-match">
          <p className="empty-state">{t('noMatch')}</p>
          {clearButton}
        </div>
      )}
      {footer}
    </div>
  )
}
