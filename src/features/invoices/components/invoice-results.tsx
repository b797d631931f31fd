import { useDeferredValue, useMemo, useState } from 'react'
import { Notice } from '@/components/notice'
import type { InvoiceSummary } from '@/lib/api/schemas'
import { useActionAvailability } from '@/lib/availability/use-action-availability'
import { useFormat } from '@/lib/i18n/format'
import type { PdfTarget } from '../api/download-invoice-pdf'
import { filterInvoices, hasActiveFilters, indexInvoices, serializeInvoiceFilters, type InvoiceFilters } from '../invoice-filters'
import { invoicesMessages } from '../invoices-messages'
import { useDebouncedValue } from '../use-debounced-value'
import { InvoiceTable } from './invoice-table'

/** Long enough to let a typist finish a word, so a screen reader says the count once. */
const announceDelayMs = 800

type Props = {
  invoices: InvoiceSummary[]
  filters: InvoiceFilters
  onClearFilters: () => void
  onDownload: (invoice: PdfTarget) => void
}

/** The filtered list: how many match, the table, or why nothing shows. */
export function InvoiceResults({ invoices, filters, onClearFilters, onDownload }: Props) {
  const t = invoicesMessages.useT()
  const format = useFormat()
  const download = useActionAvailability('invoices.downloadPdf')

  const index = useMemo(() => indexInvoices(invoices), [invoices])
  // Typing stays responsive: React filters with the previous text until it has time for the new one.
  const applied = useDeferredValue(filters)
  const rows = useMemo(() => filterInvoices(index, applied), [index, applied])
  const listSearch = serializeInvoiceFilters(applied)
  const filtering = applied !== filters

  const counts = { shown: format.number(rows.length), total: format.number(invoices.length) }
  const summary = t(invoices.length === 1 ? 'countOne' : 'countMany', counts)

  // Screen readers hear the count once the filters have settled after a change, not on load and
  // not on every keystroke. (The visible count above updates at once.)
  const [initialFilters] = useState(applied)
  const settled = useDebouncedValue(applied, announceDelayMs)
  const announcement =
    settled === applied && settled !== initialFilters ? t(invoices.length === 1 ? 'announceOne' : 'announceMany', counts) : ''
  const clearButton = (
    <button type="button" className="button button-secondary" onClick={onClearFilters}>
      {t('clearFilters')}
    </button>
  )

  return (
    <div className="invoice-results" aria-busy={filtering || undefined}>
      <div className="invoice-summary">
        <p>{summary}</p>
        {hasActiveFilters(applied) && rows.length > 0 ? clearButton : null}
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
        <InvoiceTable invoices={rows} listSearch={listSearch} onDownload={onDownload} />
      ) : (
        <div className="invoice-no-match">
          <p className="empty-state">{t('noMatch')}</p>
          {clearButton}
        </div>
      )}
    </div>
  )
}
