/**
 * Which operation a request is: the paths come from the typed description's table
 * (gateway/zuora/spec/operations.ts), so the gateway's transport and the simulator cannot disagree
 * on one; plus the simulated Payment Pages completion, which is not Zuora API. Each operation's
 * handler is in its area's module.
 */
import { zuoraOperations, type ZuoraOperationName, type ZuoraPool } from '../../gateway/zuora/spec'
import { getAccount, updateAccount, updateContact } from './accounts'
import { getCatalog, getProductRatePlans } from './catalog'
import { getFile, getInvoiceFiles } from './files'
import { queryInvoiceByKey, queryInvoices } from './invoices'
import { createToken } from './oauth'
import { createOrder, createOrderAsync, getAsyncJob, getOrder, previewOrder, type OrderContext } from './orders'
import { completePaymentPage, createPayment, createRsaSignature, getDefaultPaymentMethod } from './payments'
import type { SimState } from './state'
import { getSubscriptionsByAccount } from './subscriptions'

/** Where the hosted page posts the card (see payments.ts). */
export const PAYMENT_PAGE_COMPLETE_PATH = '/__simulated/payment-pages/complete'

export type SimOperationName = ZuoraOperationName | 'completePaymentPage'

type RouteDef = {
  operation: SimOperationName
  method: string
  pattern: RegExp
  names: string[]
  pool: ZuoraPool | null
}

function compile(operation: SimOperationName, method: string, path: string, pool: ZuoraPool | null): RouteDef {
  const names: string[] = []
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  return { operation, method, pattern: new RegExp(`^${source}$`), names, pool }
}

const routes: readonly RouteDef[] = [
  ...(Object.keys(zuoraOperations) as ZuoraOperationName[]).map((name) => {
    const { method, path, pool } = zuoraOperations[name]
    return compile(name, method, path, pool)
  }),
  compile('completePaymentPage', 'POST', PAYMENT_PAGE_COMPLETE_PATH, null),
]

export type Route = { operation: SimOperationName; params: Record<string, string>; pool: ZuoraPool | null }

export function matchRoute(method: string, pathname: string): Route | null {
  for (const route of routes) {
    if (route.method !== method) continue
    const match = route.pattern.exec(pathname)
    if (!match) continue
    const params: Record<string, string> = {}
    route.names.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? '')
    })
    return { operation: route.operation, params, pool: route.pool }
  }
  return null
}

/** Whether an operation answers JSON to a GET: what malformed and stale reads rework. */
export const isJsonRead = (operation: SimOperationName): boolean =>
  operation !== 'completePaymentPage' &&
  zuoraOperations[operation].method === 'GET' &&
  zuoraOperations[operation].responseSchema !== 'binary'

export type HandlerContext = OrderContext & { request: Request; params: Record<string, string>; today: () => string }

type Handler = (ctx: HandlerContext, state: SimState) => Response | Promise<Response>

const param = (ctx: HandlerContext, name: string) => ctx.params[name] ?? ''

const handlers: Record<SimOperationName, Handler> = {
  createToken: (ctx, state) => createToken(ctx.request, state, ctx.now()),
  getSubscriptionsByAccount: (ctx, state) =>
    getSubscriptionsByAccount(ctx.request, param(ctx, 'account-key'), state, ctx.today()),
  previewOrder: (ctx, state) => previewOrder(ctx.request, state),
  createOrder: (ctx) => createOrder(ctx.request, ctx),
  getOrder: (ctx, state) => getOrder(param(ctx, 'orderNumber'), state),
  createOrderAsync: (ctx) => createOrderAsync(ctx.request, ctx),
  getAsyncJob: (ctx, state) => getAsyncJob(param(ctx, 'jobId'), state),
  queryInvoices: (ctx, state) => queryInvoices(ctx.request, state, ctx.book),
  queryInvoiceByKey: (ctx, state) => queryInvoiceByKey(ctx.request, param(ctx, 'key'), state, ctx.book),
  getInvoiceFiles: (ctx, state) => getInvoiceFiles(param(ctx, 'invoiceKey'), state, ctx.book, ctx.now()),
  getFile: (ctx, state) => getFile(param(ctx, 'file-id'), state, ctx.book, ctx.now()),
  getDefaultPaymentMethod: (ctx, state) => getDefaultPaymentMethod(param(ctx, 'account-key'), state),
  createRsaSignature: (ctx, state) => createRsaSignature(ctx.request, state, ctx.now()),
  createPayment: (ctx, state) => createPayment(ctx.request, state, ctx.book, ctx.now()),
  getAccount: (ctx, state) => getAccount(param(ctx, 'account-key'), state),
  updateAccount: (ctx, state) => updateAccount(ctx.request, param(ctx, 'account-key'), state),
  updateContact: (ctx, state) => updateContact(ctx.request, param(ctx, 'contactId'), state),
  getCatalog: (ctx) => getCatalog(ctx.request),
  getProductRatePlans: (ctx) => getProductRatePlans(param(ctx, 'product-key')),
  completePaymentPage: (ctx, state) => completePaymentPage(ctx.request, state, ctx.now()),
}

export const runOperation = (operation: SimOperationName, ctx: HandlerContext): Promise<Response> =>
  Promise.resolve(handlers[operation](ctx, ctx.state()))
