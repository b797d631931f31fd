/**
 * Invoice PDFs: `GET /v1/invoices/{invoiceKey}/files` lists the PDFs already generated (none yet
 * for an invoice an order made a moment ago: Zuora renders them a few seconds later), and
 * `GET /v1/files/{file-id}` sends one (mocks/demo-data/pdf.ts draws it). A file id is its invoice's
 * id under another prefix, so nothing needs to be stored.
 */
import type { Invoice } from '../../src/lib/api/schemas'
import { usd } from '../demo-data/money'
import { invoicePdf } from '../demo-data/pdf'
import type { InvoiceBook } from './invoice-book'
import { json, notFound, queryError } from './responses'
import type { SimState, ZAccount, ZInvoice } from './state'

/** How long after an order its invoice's PDF appears. */
export const PDF_DELAY_MS = 5_000

const FILE_PREFIX = 'f11e'
const fileIdOf = (invoiceId: string) => `${FILE_PREFIX}${invoiceId.slice(FILE_PREFIX.length)}`

function fileKeyToInvoiceId(fileId: string, state: SimState, book: InvoiceBook): string | null {
  if (!fileId.startsWith(FILE_PREFIX)) return null
  const rest = fileId.slice(FILE_PREFIX.length)
  // Every invoice id of the tenant starts with 8ad0 (state.ts zuoraId prefixes).
  const id = `8ad0${rest}`
  return book.find(state, id) ? id : null
}

/** The demo-invoice shape the PDF is drawn from, for an invoice an order made. */
function asDemoInvoice(invoice: ZInvoice, account: ZAccount, state: SimState): Invoice {
  const contact = state.contacts[account.billToContactId]
  const cityLine = [contact?.city, contact?.state, contact?.zipCode].filter(Boolean).join(', ')
  return {
    id: invoice.id,
    number: invoice.invoiceNumber,
    issuedAt: invoice.invoiceDate,
    dueAt: invoice.dueDate,
    status: invoice.status === 'Canceled' ? 'void' : invoice.balanceMinor === 0 ? 'paid' : 'open',
    description: invoice.comments,
    billedTo: {
      name: account.name,
      address: [contact?.address1, contact?.address2, cityLine, contact?.country].filter((line): line is string =>
        Boolean(line),
      ),
    },
    lines: invoice.items.map((item) => ({
      description: item.chargeName,
      quantity: item.quantity,
      unitPrice: usd(item.unitPriceMinor),
      amount: usd(item.amountMinor),
    })),
    subtotal: usd(invoice.amountMinor - invoice.taxMinor),
    tax: usd(invoice.taxMinor),
    total: usd(invoice.amountMinor),
  }
}

export function getInvoiceFiles(invoiceKey: string, state: SimState, book: InvoiceBook, now: number): Response {
  const found = book.find(state, invoiceKey)
  if (!found) return notFound(`Invoice ${invoiceKey}`)
  const { invoice } = found
  const generated = invoice.pdfReadyAt <= now
  const versionNumber = invoice.pdfReadyAt > 0 ? invoice.pdfReadyAt : Date.parse(invoice.createdDate)
  const invoiceFiles = generated
    ? [
        {
          id: fileIdOf(invoice.id).replace(/^f11e/, 'f11a'),
          versionNumber,
          pdfFileUrl: `/v1/files/${fileIdOf(invoice.id)}`,
        },
      ]
    : []
  return json({ invoiceFiles, success: true })
}

export function getFile(fileId: string, state: SimState, book: InvoiceBook, now: number): Response {
  const invoiceId = fileKeyToInvoiceId(fileId, state, book)
  const found = invoiceId === null ? null : book.find(state, invoiceId)
  if (!found || found.invoice.pdfReadyAt > now)
    return queryError(404, 'ObjectNotFound', `File ${fileId} does not exist.`)
  const demo = found.original ?? asDemoInvoice(found.invoice, found.account, state)
  return new Response(invoicePdf(demo), {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${found.invoice.invoiceNumber}.pdf"`,
    },
  })
}
