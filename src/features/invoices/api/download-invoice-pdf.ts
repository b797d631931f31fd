import { useMutation, useMutationState } from '@tanstack/react-query'
import { useMemo } from 'react'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { InvoiceSummary } from '@/lib/api/schemas'
import { invoiceQueries } from './get-invoices'

export type PdfTarget = Pick<InvoiceSummary, 'id' | 'number'>

/** File names stay portable whatever an invoice number contains. */
export const pdfFileName = (number: string) => `invoice-${number.replace(/[^\w.-]+/g, '-')}.pdf`

/**
 * Fetches the PDF through the API (so that it gets the time-out, the breaker and the session
 * cookie like every other call) and hands it to the browser as a download.
 */
export async function downloadInvoicePdf(invoice: PdfTarget): Promise<void> {
  const blob = await callApi(endpoints.getInvoicePdf, { params: { invoiceId: invoice.id } })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = pdfFileName(invoice.number)
  link.hidden = true
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // Some browsers start reading the file after the click returns: free it on the next task.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
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
