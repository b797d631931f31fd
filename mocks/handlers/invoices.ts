import { http, HttpResponse } from 'msw'
import { notFound } from '../../gateway/http/errors'
import { invoicePage, parsePageRequest } from '../../gateway/billing/invoice-pages'
import { invoicePdf } from '../backend/pdf'
import { db } from '../db'
import { api, json, param, requireSession, route } from './http'

function invoiceOr404(accountId: string, invoiceId: string) {
  const invoice = db.getInvoice(accountId, invoiceId)
  if (!invoice) throw notFound('No such invoice on this account.')
  return invoice
}

export const invoiceHandlers = [
  http.get(
    api('/invoices'),
    route(({ request }) => {
      const { accountId } = requireSession()
      return json(invoicePage(db.getInvoices(accountId), parsePageRequest(new URL(request.url).searchParams)))
    }),
  ),

  http.get(
    api('/invoices/:invoiceId'),
    route((info) => json(invoiceOr404(requireSession().accountId, param(info, 'invoiceId')))),
  ),

  http.get(
    api('/invoices/:invoiceId/pdf'),
    route((info) => {
      const invoice = invoiceOr404(requireSession().accountId, param(info, 'invoiceId'))
      return new HttpResponse(invoicePdf(invoice), {
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="${invoice.number}.pdf"`,
        },
      })
    }),
  ),
]
