/**
 * Invoices: the list pages through the gateway's index (billing/invoice-index.ts) with our own
 * cursor (billing/invoice-pages.ts); one invoice and its PDF come from Zuora. During an outage the
 * list answers from the index as last synced, marked with that time.
 */
import { invoicePage, parsePageRequest } from '../billing/invoice-pages'
import { indexForRead, summariesOf, zuoraAccountIdOf } from '../billing/invoice-index'
import { COPY_AS_OF_HEADER, providerError, readThrough, withProvider } from '../billing/provider-call'
import { isoDay, requireSession } from '../context'
import { GatewayError, notFound } from '../http/errors'
import { json } from '../http/respond'
import { staleResources } from '../stores/stale-copy'
import { billedToOf } from '../zuora/adapter/account-map'
import { toInvoice } from '../zuora/adapter/invoice-map'
import { callBinaryOperation, callOperation, type OperationContext } from '../zuora/adapter/operation'
import { fileIdFromUrl } from '../zuora/spec'
import { ZuoraCallError } from '../zuora/errors'
import type { DirectoryAccount } from '../identity/directory'
import type { GatewayDeps } from '../context'
import type { RouteModule } from './types'

/** The invoice if it is this account's (Zuora would show any invoice of the tenant). */
async function ownInvoice(deps: GatewayDeps, context: OperationContext, account: DirectoryAccount, invoiceId: string) {
  const accountZuoraId = await zuoraAccountIdOf(deps, context, account)
  try {
    const invoice = await callOperation(context, 'queryInvoiceByKey', {
      capability: 'invoices',
      params: { key: invoiceId },
      query: [['expand[]', 'invoiceitems']],
    })
    if (invoice.accountId !== accountZuoraId) throw notFound('No such invoice on this account.')
    return invoice
  } catch (error) {
    if (error instanceof ZuoraCallError && error.kind === 'rejected') throw notFound('No such invoice on this account.')
    throw error
  }
}

export const invoiceRoutes: RouteModule = (app, deps) => {
  app.get('/invoices', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    const pageRequest = parsePageRequest(new URL(c.req.url).searchParams)
    const scope = { requestId: c.get('requestId'), signal: c.req.raw.signal }
    const { index, copyAsOf } = await indexForRead(deps, account, scope)
    const page = invoicePage(summariesOf(index, isoDay(deps.clock.now())), pageRequest)
    return json(page, 200, copyAsOf === null ? {} : { [COPY_AS_OF_HEADER]: new Date(copyAsOf).toISOString() })
  })

  app.get('/invoices/:invoiceId', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    const invoiceId = c.req.param('invoiceId')
    return readThrough(
      deps,
      {
        capability: 'invoices',
        accountId: account.id,
        resource: staleResources.invoice(invoiceId),
        scope: { requestId: c.get('requestId'), signal: c.req.raw.signal },
      },
      async (context) => {
        const invoice = await ownInvoice(deps, context, account, invoiceId)
        const zuoraAccount = await callOperation(context, 'getAccount', {
          capability: 'invoices',
          params: { 'account-key': account.zuoraAccountNumber },
        })
        return toInvoice(invoice, billedToOf(zuoraAccount), isoDay(deps.clock.now()))
      },
    )
  })

  app.get('/invoices/:invoiceId/pdf', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    const invoiceId = c.req.param('invoiceId')
    const scope = { requestId: c.get('requestId'), timeoutMs: deps.timeouts.readMs, signal: c.req.raw.signal }
    try {
      const { invoice, file } = await withProvider(deps, 'invoices', scope, async (context) => {
        const invoice = await ownInvoice(deps, context, account, invoiceId)
        const files = await callOperation(context, 'getInvoiceFiles', {
          capability: 'invoices',
          params: { invoiceKey: invoice.id },
        })
        const newest = [...files.invoiceFiles].sort((a, b) => b.versionNumber - a.versionNumber)[0]
        const fileId = newest && fileIdFromUrl(newest.pdfFileUrl)
        if (!fileId)
          throw new GatewayError(
            409,
            'pdf_not_ready',
            'The PDF of this invoice is not ready yet. Try again in a minute.',
            {
              headers: { 'Retry-After': '30' },
            },
          )
        return {
          invoice,
          file: await callBinaryOperation(context, 'getFile', {
            capability: 'invoices',
            params: { 'file-id': fileId },
          }),
        }
      })
      return new Response(file.bytes, {
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="${invoice.invoiceNumber.replace(/[^\w.-]/g, '_')}.pdf"`,
          'Cache-Control': 'private, no-store',
        },
      })
    } catch (error) {
      throw providerError(error)
    }
  })
}
