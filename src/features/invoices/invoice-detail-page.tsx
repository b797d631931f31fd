import { Link, useLocation, useParams } from 'react-router-dom'
import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { isApiError } from '@/lib/api/errors'
import { useDownloadInvoicePdf, usePendingPdfDownloads } from './api/download-invoice-pdf'
import { useInvoice } from './api/get-invoices'
import { InvoiceDetails } from './components/invoice-details'
import { InvoiceStatusBadge } from './components/invoice-status-badge'
import { PayInvoice, type PayLinkState } from './components/pay-invoice'
import { PdfDownloadButton } from './components/pdf-download-button'
import { PdfDownloadError } from './components/pdf-download-error'
import { backToListPath } from './invoice-filters'
import { invoicesMessages } from './invoices-messages'
import './invoices.css'

/** One invoice: its status, dates, who was billed, its lines and totals, its PDF, and paying it. */
export function InvoiceDetailPage() {
  const t = invoicesMessages.useT()
  const { invoiceId = '' } = useParams()
  const location = useLocation()
  const invoice = useInvoice(invoiceId)
  const download = useDownloadInvoicePdf()
  const pending = usePendingPdfDownloads()
  // Back to the list as the admin left it (with its filters), or to the whole list from a shared link.
  const backLink = (
    <p className="invoice-back">
      <Link to={backToListPath(location.state)}>
        <span aria-hidden="true">← </span>
        {t('backToList')}
      </Link>
    </p>
  )

  // Data before error: a saved copy stays on screen even if a refresh answers 404.
  if (invoice.data === undefined && isApiError(invoice.error) && invoice.error.status === 404) {
    return (
      <Page title={t('notFoundTitle')} description={t('notFoundLead')}>
        {backLink}
      </Page>
    )
  }

  const data = invoice.data
  return (
    <>
      {backLink}
      <Page
        title={data ? t('detailTitle', { number: data.number }) : t('detailTitleLoading')}
        description={data ? <InvoiceStatusBadge status={data.status} /> : undefined}
        actions={
          data ? (
            <PdfDownloadButton
              invoice={data}
              pending={pending.has(data.id)}
              onDownload={download.mutate}
              variant="primary"
            />
          ) : undefined
        }
      >
        <PdfDownloadError download={download} />
        {data ? (
          // Keyed by the invoice: another invoice's page starts with its own payment, closed.
          <PayInvoice key={data.id} invoice={data} startOpen={(location.state as PayLinkState | null)?.pay === true} />
        ) : null}
        <QuerySection section="invoices.detail" title={t('summaryTitle')} query={invoice}>
          {(loaded) => <InvoiceDetails invoice={loaded} />}
        </QuerySection>
      </Page>
    </>
  )
}
