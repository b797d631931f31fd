/**
 * The invoice list as a CSV file (`GET /invoices/export.csv`): every invoice of the gateway's index
 * (billing/invoice-index.ts) that matches the list's filters, newest first, written as a stream a
 * few hundred rows at a time, so that the 10,000 invoices of a big account never sit in memory as
 * one string. During an outage the index as last synced answers, marked with that time, as the
 * list's pages are. The format is the app's (src/lib/api/invoice-csv.ts).
 */
import { invoiceMatcher, type InvoiceSearch } from '../../src/lib/api/invoice-search'
import { invoiceCsvFileName, invoiceCsvHeader, invoiceCsvRow } from '../../src/lib/api/invoice-csv'
import type { InvoiceSummary } from '../../src/lib/api/schemas'
import { indexForRead, summariesOf } from '../billing/invoice-index'
import { parseInvoiceSearch } from '../billing/invoice-pages'
import { COPY_AS_OF_HEADER } from '../billing/provider-call'
import { isoDay, requireSession } from '../context'
import type { RouteModule } from './types'

/** Rows per chunk: about 50 kB, small enough to stream, large enough not to cost a write per row. */
const ROWS_PER_CHUNK = 250

/** The matching invoices as CSV text, one chunk per pull: the reader's pace sets the writer's. */
export function invoiceCsvStream(
  invoices: readonly InvoiceSummary[],
  search: InvoiceSearch,
): ReadableStream<Uint8Array> {
  const matches = invoiceMatcher(search)
  const encoder = new TextEncoder()
  let position = 0
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(invoiceCsvHeader))
      },
      pull(controller) {
        let text = ''
        for (let rows = 0; rows < ROWS_PER_CHUNK && position < invoices.length; position += 1) {
          const invoice = invoices[position] as InvoiceSummary
          if (!matches(invoice)) continue
          text += invoiceCsvRow(invoice)
          rows += 1
        }
        if (text !== '') controller.enqueue(encoder.encode(text))
        if (position >= invoices.length) controller.close()
      },
    },
    { highWaterMark: 1 },
  )
}

export const invoiceExportRoutes: RouteModule = (app, deps) => {
  // Registered before /invoices/:invoiceId (gateway/app.ts), which would take "export.csv" for an id.
  app.get('/invoices/export.csv', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    const search = parseInvoiceSearch(new URL(c.req.url).searchParams)
    const scope = { requestId: c.get('requestId'), signal: c.req.raw.signal }
    const { index, copyAsOf } = await indexForRead(deps, account, scope)
    const today = isoDay(deps.clock.now())
    return new Response(invoiceCsvStream(summariesOf(index, today), search), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${invoiceCsvFileName(today)}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        ...(copyAsOf === null ? {} : { [COPY_AS_OF_HEADER]: new Date(copyAsOf).toISOString() }),
      },
    })
  })
}
