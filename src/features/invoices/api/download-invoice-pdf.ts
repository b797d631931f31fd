import { useMutation, useMutationState } from '@tanstack/react-query'
import { useMemo } from 'react'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { InvoiceSummary } from '@/lib/api/schemas'
import { invoiceQueries } from './get-invoices'
import { saveFile } from './save-file'

export type PdfTarget = Pick<InvoiceSummary, 'id' | 'number'>

/** File names stay portable whatever an invoice number contains. */
export const pdfFileName = (number: string) => `invoice-${number.replace(/[^\w.-]+/g, '-')}.pdf`

/**
 * Fetches the PDF through the API (so that it gets the time-out, the breaker and the session
 * cookie like every other call) and hands it to the browser as a download.
 */
export async function downloadInvoicePdf(invoice: PdfTarget): Promise<void> {
  const blob = await callApi(endpoints.getInvoicePdf, { params: { invoiceId: invoice.id } })
  saveFile(blob, pdfFileName(invoice.number))
}

const downloadKey = [...invoiceQueries.all(), 'pdf'] as const

export function useDownloadInvoicePdf() {
  return useMutation({
    mutationKey: downloadKey,
    mutationFn: downloadInvoicePdf,
  })
}

/**
 * Ids of the invoices whose PDF is on its way. Read from the mutation cache rather than one
 * mutation's state, so that several downloads can run at once and a row that scrolls out of the
 * virtualized list and back still shows its own.
 */
export function usePendingPdfDownloads(): ReadonlySet<string> {
  const ids = useMutationState({
    filters: { mutationKey: downloadKey, status: 'pending' },
    select: (mutation) => (mutation.state.variables as PdfTarget | undefined)?.id ?? '',
  })
  return useMemo(() => new Set(ids), [ids])
}
