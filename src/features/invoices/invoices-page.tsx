import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo, useRef } from 'react'
import { Page } from '@/components/page'
import { QuerySection } from '@/components/query-section'
import { useDescribeError } from '@/lib/api/describe-error'
import { isApiError } from '@/lib/api/errors'
import { commonMessages } from '@/lib/i18n/common-messages'
import { pageNames } from '@/lib/i18n/page-names-messages'
import { useAvailability } from '@/lib/resilience/runtime-context'
import { useDownloadInvoicePdf } from './api/download-invoice-pdf'
import { keepFirstInvoicePage, useInvoicePages } from './api/get-invoices'
import { ExportInvoicesCsv } from './components/export-invoices-csv'
import { InvoiceFiltersForm } from './components/invoice-filters-form'
import { InvoiceResults } from './components/invoice-results'
import type { Paging } from './components/load-more-invoices'
import { PdfDownloadError } from './components/pdf-download-error'
import { SavedInvoiceResults } from './components/saved-invoice-results'
import { hasActiveFilters, serializeInvoiceFilters, toInvoiceSearch } from './invoice-filters'
import { invoicesMessages } from './invoices-messages'
import { useDebouncedValue } from './use-debounced-value'
import { useInvoiceFilters } from './use-invoice-filters'
import { useSavedInvoices } from './use-saved-invoices'
import './invoices.css'

/** Typing is not a request per key: the server is asked once the admin pauses. */
const searchDelayMs = 300

/**
 * The invoice history: filters (kept in the link, applied by the server), the list page by page,
 * a PDF per invoice, and the filtered list as a CSV file. During an outage the filters (and the
 * export) run over the pages saved in this browser.
 */
export function InvoicesPage() {
  const t = invoicesMessages.useT()
  const page = pageNames.useT()
  const common = commonMessages.useT()
  const describeError = useDescribeError()
  const { filters, ignored, update, clear } = useInvoiceFilters()
  // Status and dates go at once; text once typing pauses (and a cleared search at once).
  const typedQ = filters.q.trim() === '' ? '' : filters.q
  const debouncedQ = useDebouncedValue(typedQ, searchDelayMs)
  const sent = useMemo(() => ({ ...filters, q: typedQ === '' ? '' : debouncedQ }), [filters, typedQ, debouncedQ])
  const search = useMemo(() => toInvoiceSearch(sent), [sent])
  const pages = useInvoicePages(search)
  const queryClient = useQueryClient()
  const download = useDownloadInvoicePdf()
  const formRef = useRef<HTMLFormElement>(null)

  const invoicesDown = useAvailability().capabilities.invoices.state === 'down'
  const interrupted = isApiError(pages.error) && pages.error.kind === 'aborted'
  const firstPageFailed = pages.data === undefined && pages.isError && !interrupted
  const saved = useSavedInvoices(invoicesDown || firstPageFailed)

  const clearFilters = () => {
    clear()
    // The button that was pressed goes away with the empty state: put the admin back at the search.
    const search = formRef.current?.elements.namedItem('q')
    if (search instanceof HTMLInputElement) search.focus()
  }

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage, refetch } = pages
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage])
  const retry = useCallback(() => void refetch(), [refetch])
  const restart = useCallback(() => {
    keepFirstInvoicePage(queryClient, search)
    void refetch()
  }, [queryClient, search, refetch])
  const paging: Paging = {
    hasMore: hasNextPage,
    loadingMore: isFetchingNextPage,
    canLoadMore: hasNextPage && !isFetchingNextPage && !isFetchNextPageError && !invoicesDown,
    error: isFetchNextPageError ? pages.error : null,
    loadMore,
    restart,
  }

  return (
    <Page title={page('invoices')} description={t('description')}>
      <InvoiceFiltersForm filters={filters} ignored={ignored} onChange={update} formRef={formRef} />
      <ExportInvoicesCsv filters={filters} saved={saved && saved.invoices.length > 0 ? saved : null} />
      <PdfDownloadError download={download} />
      {saved && saved.invoices.length > 0 ? (
        <SavedInvoiceResults
          title={t('listTitle')}
          saved={saved}
          filters={filters}
          reason={invoicesDown ? common('errorCircuitOpen') : describeError(pages.error)}
          onRetry={invoicesDown ? null : retry}
          retrying={pages.isFetching}
          onClearFilters={clearFilters}
          onDownload={download.mutate}
        />
      ) : (
        <QuerySection
          section="invoices.list"
          title={t('listTitle')}
          query={pages}
          isEmpty={(data) => !hasActiveFilters(sent) && data.pages.every((page) => page.invoices.length === 0)}
          empty={t('listEmpty')}
        >
          {(data) => (
            <InvoiceResults
              data={data}
              filtered={hasActiveFilters(sent)}
              listSearch={serializeInvoiceFilters(filters)}
              busy={pages.isPlaceholderData || sent.q !== typedQ}
              paging={paging}
              onClearFilters={clearFilters}
              onDownload={download.mutate}
            />
          )}
        </QuerySection>
      )}
    </Page>
  )
}
