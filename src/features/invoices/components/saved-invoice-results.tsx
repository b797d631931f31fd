import { useDeferredValue, useId, useMemo } from 'react'
import { commonMessages } from '@/lib/i18n/common-messages'
import { useFormat } from '@/lib/i18n/format'
import type { PdfTarget } from '../api/download-invoice-pdf'
import {
  filterInvoices,
  hasActiveFilters,
  indexInvoices,
  serializeInvoiceFilters,
  type InvoiceFilters,
} from '../invoice-filters'
import { invoicesMessages } from '../invoices-messages'
import type { SavedInvoices } from '../use-saved-invoices'
import { InvoiceListBody } from './invoice-list-body'

type Props = {
  title: string
  saved: SavedInvoices
  filters: InvoiceFilters
  /** Why the server is not asked: the capability is down, or the first page failed. */
  reason: string
  /** null while the capability is down: the app tries again itself. */
  onRetry: (() => void) | null
  retrying: boolean
  onClearFilters: () => void
  onDownload: (invoice: PdfTarget) => void
}

/**
 * The invoice list during an outage: the filters run over every invoice saved in this browser (any
 * filter's pages, and the invoices opened, searched by their lines too), in the browser, and the
 * section says so, what the search looks at, and the saved data's age.
 */
export function SavedInvoiceResults({
  title,
  saved,
  filters,
  reason,
  onRetry,
  retrying,
  onClearFilters,
  onDownload,
}: Props) {
  const t = invoicesMessages.useT()
  const common = commonMessages.useT()
  const format = useFormat()
  const headingId = useId()

  const index = useMemo(() => indexInvoices(saved.invoices, saved.details), [saved.invoices, saved.details])
  // Typing stays responsive: React filters with the previous text until it has time for the new one.
  const applied = useDeferredValue(filters)
  const rows = useMemo(() => filterInvoices(index, applied), [index, applied])
  const count = saved.invoices.length
  const counts = { shown: format.number(rows.length), count: format.number(count) }
  const opened = saved.details.size

  return (
    <section className="card" aria-labelledby={headingId} data-section="invoices.list">
      <div className="card-header">
        <h2 id={headingId}>{title}</h2>
      </div>
      <div className="as-of" role="status">
        <p>
          <strong>
            {count === 1 ? t('searchingSavedOne') : t('searchingSavedMany', { count: format.number(count) })}
          </strong>
        </p>
        <p>
          {opened === 0
            ? t('savedSearchCovers')
            : t('savedSearchCoversOpened', { count: opened, countText: format.number(opened) })}
        </p>
        <p>
          {common('asOf', { time: format.dateTime(saved.asOf), ago: format.ago(saved.asOf) })} {reason}
        </p>
        {onRetry ? (
          <button type="button" className="button button-secondary" onClick={onRetry} disabled={retrying}>
            {retrying ? common('retrying') : common('retry')}
          </button>
        ) : null}
      </div>
      <InvoiceListBody
        rows={rows}
        rowCount={rows.length}
        summary={t('savedCount', counts)}
        announce={t('announceSaved', counts)}
        listSearch={serializeInvoiceFilters(applied)}
        busy={applied !== filters}
        filtered={hasActiveFilters(applied)}
        onClearFilters={onClearFilters}
        onDownload={onDownload}
      />
    </section>
  )
}
