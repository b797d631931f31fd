import { ActionButton } from '@/components/action-button'
import type { PdfTarget } from '../api/download-invoice-pdf'
import { invoicesMessages } from '../invoices-messages'

type Props = {
  invoice: PdfTarget
  pending: boolean
  onDownload: (invoice: PdfTarget) => void
  variant?: 'primary' | 'secondary'
  /** In a table row the reason is said once above the table, and read here by screen readers. */
  hideReason?: boolean
}

/**
 * Downloading is a read, so every role may; the degradation map still blocks it when invoices are
 * unavailable. While pending it stays enabled and focused (a disabled button drops keyboard focus)
 * and a second press is ignored.
 */
export function PdfDownloadButton({ invoice, pending, onDownload, variant = 'secondary', hideReason }: Props) {
  const t = invoicesMessages.useT()
  return (
    <ActionButton
      action="invoices.downloadPdf"
      variant={variant}
      hideReason={hideReason}
      aria-label={t(pending ? 'downloadingNamed' : 'downloadNamed', { number: invoice.number })}
      onClick={() => {
        if (!pending) onDownload(invoice)
      }}
    >
      {pending ? t('downloading') : t('download')}
    </ActionButton>
  )
}
