import { ActionButton } from '@/components/action-button'
import { Notice } from '@/components/notice'
import { useDescribeError } from '@/lib/api/describe-error'
import { commonMessages } from '@/lib/i18n/common-messages'
import type { useDownloadInvoicePdf } from '../api/download-invoice-pdf'
import { invoicesMessages } from '../invoices-messages'

/** The last download's failure, said at once (the admin is waiting for a file), with a retry. */
export function PdfDownloadError({ download }: { download: ReturnType<typeof useDownloadInvoicePdf> }) {
  const t = invoicesMessages.useT()
  const common = commonMessages.useT()
  const describeError = useDescribeError()
  const invoice = download.variables
  if (!download.isError || !invoice) return null
  return (
    <Notice
      tone="danger"
      live="assertive"
      title={t('downloadFailed', { number: invoice.number })}
      actions={
        <>
          <ActionButton action="invoices.downloadPdf" variant="secondary" onClick={() => download.mutate(invoice)}>
            {common('retry')}
          </ActionButton>
          <button type="button" className="button button-secondary" onClick={() => download.reset()}>
            {t('dismiss')}
          </button>
        </>
      }
    >
      <p>{describeError(download.error)}</p>
    </Notice>
  )
}
