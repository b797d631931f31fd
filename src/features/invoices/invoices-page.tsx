import { useRef } from 'react'
import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { useDownloadInvoicePdf } from './api/download-invoice-pdf'
import { useInvoices } from './api/get-invoices'
import { InvoiceFiltersForm } from './components/invoice-filters-form'
import { InvoiceResults } from './components/invoice-results'
import { PdfDownloadError } from './components/pdf-download-error'
import { invoicesMessages } from './invoices-messages'
import { useInvoiceFilters } from './use-invoice-filters'
import './invoices.css'
import { pageNames } from '@/lib/i18n/page-names-messages'

/** The invoice history: filters (kept in the link), the list, and a PDF per invoice. */
export function InvoicesPage() {
  const t = invoicesMessages.useT()
  const page = pageNames.useT()
  const invoices = useInvoices()
  const { filters, ignored, update, clear } = useInvoiceFilters()
  const download = useDownloadInvoicePdf()
  const formRef = useRef<HTMLFormElement>(null)

  const clearFilters = () => {
    clear()
    // The button that was pressed goes away with the empty state: put the admin back at the search.
    const search = formRef.current?.elements.namedItem('q')
    if (search instanceof HTMLInputElement) search.focus()
  }

  return (
    <Page title={page('invoices')} description={t('description')}>
      <InvoiceFiltersForm filters={filters} ignored={ignored} onChange={update} formRef={formRef} />
      <PdfDownloadError download={download} />
      <QuerySection
        section="invoices.list"
        title={t('listTitle')}
        query={invoices}
        isEmpty={(data) => data.invoices.length === 0}
        empty={t('listEmpty')}
      >
        {(data) => (
          <InvoiceResults invoices={data.invoices} filters={filters} onClearFilters={clearFilters} onDownload={download.mutate} />
        )}
      </QuerySection>
    </Page>
  )
}
