import { useId } from 'react'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import { commonMessages } from '@/lib/i18n/common-messages'
import { useFormat } from '@/lib/i18n/format'
import { useExportInvoicesCsv, type CsvExport } from '../api/export-invoices-csv'
import type { InvoiceFilters } from '../invoice-filters'
import { invoiceExportMessages } from '../invoice-export-messages'
import type { SavedInvoices } from '../use-saved-invoices'
import './invoice-export.css'

type Props = {
  filters: InvoiceFilters
  /** The saved invoices while the list shows them (an outage): the file is made of them, and says so. */
  saved: SavedInvoices | null
}

/**
 * "Export CSV" for the list as filtered. Before the click it says what the file will hold (during an
 * outage: the saved invoices only, and how old they are); after it, what the file held, or why there
 * is none. While the file is on its way the button stays focused and a second press is ignored.
 */
export function ExportInvoicesCsv({ filters, saved }: Props) {
  const t = invoiceExportMessages.useT()
  const common = commonMessages.useT()
  const format = useFormat()
  const describeError = useDescribeError()
  const exporting = useExportInvoicesCsv()
  const hintId = useId()
  const start = () => {
    if (!exporting.isPending) exporting.mutate({ filters, saved })
  }

  const outcome = (result: CsvExport) => {
    switch (result.from) {
      case 'provider':
        return t('exported')
      case 'server-copy':
        return t('exportedCopy', { time: format.dateTime(result.asOf) })
      case 'saved':
        return t('exportedSaved', { count: result.count, time: format.dateTime(result.asOf) })
    }
  }

  return (
    <div className="invoice-export">
      <div className="invoice-export-action">
        <button
          type="button"
          className="button button-secondary"
          aria-describedby={hintId}
          aria-disabled={exporting.isPending || undefined}
          onClick={start}
        >
          {exporting.isPending ? t('exporting') : t('exportCsv')}
        </button>
        <p id={hintId} className="field-hint">
          {saved ? `${t('savedOnly', { time: format.dateTime(saved.asOf) })} ${t('savedOnlyWhy')}` : t('exportHint')}
        </p>
      </div>
      <p role="status" className="invoice-export-outcome">
        {exporting.isSuccess ? outcome(exporting.data) : null}
      </p>
      {exporting.isError ? (
        <Notice
          tone="danger"
          live="assertive"
          title={t('exportFailed')}
          actions={
            <button type="button" className="button button-secondary" onClick={start}>
              {common('retry')}
            </button>
          }
        >
          <p>{describeError(exporting.error)}</p>
        </Notice>
      ) : null}
    </div>
  )
}
