import { measureElement, observeElementRect, useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef } from 'react'
import { Link } from 'react-router-dom'
import type { InvoiceSummary } from '@/lib/api/schemas'
import { useFormat, type Format } from '@/lib/i18n/format'
import { usePendingPdfDownloads, type PdfTarget } from '../api/download-invoice-pdf'
import { isPayable } from '../amount-due'
import { listLinkState } from '../invoice-filters'
import { invoicePaymentMessages } from '../invoice-payment-messages'
import { invoicesMessages } from '../invoices-messages'
import { InvoiceStatusBadge } from './invoice-status-badge'
import { PayInvoiceButton } from './pay-invoice'
import { PdfDownloadButton } from './pdf-download-button'

/** Rows have one line each (see invoices.css), so every row is this tall. */
const rowHeightPx = 48
const columnCount = 8
/** A typical viewport, assumed until the container is laid out (and in tests, which have no layout). */
const fallbackRect = { width: 1000, height: 600 }

/** Rows before the last loaded one at which the next page is asked for, so it is there before the admin. */
const nearEndRows = 30

type Props = {
  /** The rows loaded so far. */
  invoices: InvoiceSummary[]
  /** Rows in the whole list (loaded or not), for screen readers. */
  rowCount: number
  /** The list's filters as `?…`, handed to each detail page for its way back; other filters start from the top. */
  listSearch: string
  onDownload: (invoice: PdfTarget) => void
  /** Called when the rows in view come near the last loaded one (infinite scroll). */
  onNearEnd?: () => void
}

/**
 * The invoice table, virtualized: only the rows in view (plus a margin) are in the page, between
 * two spacer rows that keep the scroll height, so 10,000 loaded invoices scroll as smoothly as 10;
 * near the last loaded row it asks for the next page. It
 * stays one real table: a sticky header row, row headers, and aria-rowcount / aria-rowindex so
 * that screen readers know where a row sits in the whole list.
 */
export const InvoiceTable = memo(function InvoiceTable({
  invoices,
  rowCount,
  listSearch,
  onDownload,
  onNearEnd,
}: Props) {
  const t = invoicesMessages.useT()
  const payment = invoicePaymentMessages.useT()
  const format = useFormat()
  const pending = usePendingPdfDownloads()
  const scrollRef = useRef<HTMLDivElement>(null)
  // The React Compiler is not used here; rows receive only measureElement, which is stable.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: invoices.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeightPx,
    getItemKey: (index) => invoices[index]?.id ?? index,
    // Generous, so that tabbing through the links and buttons reaches the next rows (the header's
    // height, which the virtualizer does not know about, is covered by it too).
    overscan: 8,
    initialRect: fallbackRect,
    // A box of no height is one that is not laid out (tests, a hidden tab): show the first rows anyway.
    observeElementRect: (instance, onChange) =>
      observeElementRect(instance, (rect) => onChange(rect.height > 0 ? rect : fallbackRect)),
    // Likewise a row of no height is not laid out: keep the estimate rather than collapse.
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || rowHeightPx,
  })

  // Other filters start from their top row; a page added below keeps the admin where they are.
  useEffect(() => {
    virtualizer.scrollToOffset(0)
  }, [listSearch, virtualizer])

  const rows = virtualizer.getVirtualItems()
  const lastInView = rows.at(-1)?.index ?? -1
  useEffect(() => {
    if (onNearEnd && lastInView >= invoices.length - nearEndRows) onNearEnd()
  }, [lastInView, invoices.length, onNearEnd])
  const paddingTop = rows[0]?.start ?? 0
  const paddingBottom = virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0)

  return (
    <div ref={scrollRef} className="invoice-scroll" tabIndex={0} role="region" aria-label={t('scrollRegion')}>
      <table className="invoice-table" aria-rowcount={rowCount + 1}>
        <caption className="visually-hidden">{t('tableCaption')}</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="invoice-col-number">
              {t('colNumber')}
            </th>
            <th scope="col" className="invoice-col-date">
              {t('colIssued')}
            </th>
            <th scope="col" className="invoice-col-date">
              {t('colDue')}
            </th>
            <th scope="col" className="invoice-col-status">
              {t('colStatus')}
            </th>
            <th scope="col" className="invoice-col-total number">
              {t('colTotal')}
            </th>
            <th scope="col" className="invoice-col-pay">
              {payment('colPay')}
            </th>
            <th scope="col">{t('colDescription')}</th>
            <th scope="col" className="invoice-col-pdf">
              {t('colPdf')}
            </th>
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 ? <SpacerRow height={paddingTop} /> : null}
          {rows.map((row) => {
            const invoice = invoices[row.index]
            if (!invoice) return null
            return (
              <InvoiceRow
                key={row.key}
                invoice={invoice}
                index={row.index}
                measureRef={virtualizer.measureElement}
                format={format}
                listSearch={listSearch}
                pending={pending.has(invoice.id)}
                onDownload={onDownload}
              />
            )
          })}
          {paddingBottom > 0 ? <SpacerRow height={paddingBottom} /> : null}
        </tbody>
      </table>
    </div>
  )
})

function SpacerRow({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" className="invoice-spacer">
      <td colSpan={columnCount} style={{ height }} />
    </tr>
  )
}

type RowProps = {
  invoice: InvoiceSummary
  index: number
  measureRef: (element: HTMLTableRowElement | null) => void
  /** Passed down so that rows mounted while scrolling do not each build Intl formatters. */
  format: Format
  listSearch: string
  pending: boolean
  onDownload: (invoice: PdfTarget) => void
}

const InvoiceRow = memo(function InvoiceRow({
  invoice,
  index,
  measureRef,
  format,
  listSearch,
  pending,
  onDownload,
}: RowProps) {
  return (
    <tr ref={measureRef} data-index={index} aria-rowindex={index + 2}>
      <th scope="row">
        <Link to={`/invoices/${encodeURIComponent(invoice.id)}`} state={listLinkState(listSearch)}>
          {invoice.number}
        </Link>
      </th>
      <td>{format.date(invoice.issuedAt)}</td>
      <td>{format.date(invoice.dueAt)}</td>
      <td>
        <InvoiceStatusBadge status={invoice.status} />
      </td>
      <td className="number">{format.money(invoice.total)}</td>
      <td>
        {isPayable(invoice) ? <PayInvoiceButton invoice={invoice} linkState={listLinkState(listSearch)} /> : null}
      </td>
      <td className="invoice-description" title={invoice.description}>
        {invoice.description}
      </td>
      <td>
        <PdfDownloadButton invoice={invoice} pending={pending} onDownload={onDownload} hideReason />
      </td>
    </tr>
  )
})
