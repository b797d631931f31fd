/**
 * Orders: preview (priced, nothing kept), create (synchronous: the answer comes when the order is
 * committed, `orderCommitMs` after it was accepted, and the order is committed even when the
 * client gave up waiting), read back by number, and async jobs (Processing until committed, then
 * Completed with the createOrder answer as `result`, or Failed with `errors`). An order number the
 * client gives is honoured and must be new. With `processingOptions.runBilling` the order makes an
 * invoice (its PDF comes PDF_DELAY_MS later); with `collectPayment` too, a payment pays it.
 */
import {
  createOrderAsyncRequestSchema,
  createOrderRequestSchema,
  previewOrderRequestSchema,
  type CreateOrderRequest,
} from '../../gateway/zuora/spec'
import { PDF_DELAY_MS } from './files'
import type { InvoiceBook } from './invoice-book'
import { applyOrderActions, OrderRefusal, type AppliedOrder } from './order-actions'
import { billOrder, previewInvoices } from './order-pricing'
import {
  decimal,
  fail,
  failure,
  json,
  malformedRequest,
  notFound,
  readJsonObject,
  reasonCodes,
  refusedBody,
} from './responses'
import { findAccount, takeNumber, zuoraId, type SimState, type ZAccount, type ZInvoice, type ZOrder } from './state'

/** How long an async order job runs at least, whatever orderCommitMs says. */
export const ASYNC_JOB_MIN_MS = 2_000

export type OrderContext = {
  state: () => SimState
  book: InvoiceBook
  now: () => number
  sleep: (ms: number) => Promise<void>
  orderCommitMs: () => number
}

const countryOf = (state: SimState, account: ZAccount) => state.contacts[account.billToContactId]?.country ?? 'US'

type Checked = { input: CreateOrderRequest; account: ZAccount; orderNumber: string }

/** Parses and checks an order before it is accepted: a Response when Zuora refuses it. */
function checkOrder(body: Record<string, unknown> | null, state: SimState, async: boolean): Checked | Response {
  if (!body) return malformedRequest()
  const parsed = (async ? createOrderAsyncRequestSchema : createOrderRequestSchema).safeParse(body)
  if (!parsed.success) return refusedBody(parsed.error)
  const input = parsed.data
  const account = findAccount(state, input.existingAccountNumber)
  if (!account) return notFound(`Account ${input.existingAccountNumber}`)
  const orderNumber = input.orderNumber ?? `O-${String(takeNumber(state)).padStart(8, '0')}`
  if (state.orders[orderNumber] || state.ordersInFlight.has(orderNumber))
    return fail(reasonCodes.businessRule, `The order number ${orderNumber} already exists.`)
  // Zuora checks the actions before it accepts the order; the commit applies them again.
  let scratch = state.nextNumber
  const dryRun = applyOrderActions(state, input, () => (scratch += 1))
  if (dryRun instanceof OrderRefusal) return failure([dryRun.reason])
  return { input, account, orderNumber }
}

/** Applies a checked order to the tenant: subscriptions, invoice, payment. The createOrder body. */
function commit(state: SimState, book: InvoiceBook, checked: Checked, now: number, returnIds: boolean) {
  const { input, account, orderNumber } = checked
  const applied: AppliedOrder | OrderRefusal = applyOrderActions(state, input, () => takeNumber(state))
  if (applied instanceof OrderRefusal) return { ok: false as const, reason: applied.reason }
  for (const next of applied.subscriptions) {
    next.updatedDate = new Date(now).toISOString()
    state.subscriptions = state.subscriptions.map((s) => (s.subscriptionNumber === next.subscriptionNumber ? next : s))
  }
  const billed = billOrder(applied, countryOf(state, account))
  const invoices: ZInvoice[] = []
  let payment: { id: string; number: string; amountMinor: number } | null = null
  if (input.processingOptions?.runBilling && billed.items.length > 0) {
    const n = takeNumber(state)
    const total = billed.amountMinor + billed.taxMinor
    const invoice: ZInvoice = {
      id: zuoraId('8ad0e1e0', n),
      invoiceNumber: book.nextNumber(state, account),
      accountId: account.id,
      invoiceDate: input.orderDate,
      dueDate: input.orderDate,
      status: 'Posted',
      amountMinor: total,
      taxMinor: billed.taxMinor,
      balanceMinor: total,
      comments: input.description ?? `Order ${orderNumber}`,
      items: billed.items.map((item, index) => ({ ...item, id: zuoraId('8ad0f1e0', n * 64 + index) })),
      pdfReadyAt: now + PDF_DELAY_MS,
      createdDate: new Date(now).toISOString(),
    }
    if (input.processingOptions.collectPayment && total > 0) {
      const p = takeNumber(state)
      payment = { id: zuoraId('8ad0ba70', p), number: `P-${String(p).padStart(8, '0')}`, amountMinor: total }
      invoice.balanceMinor = 0
    }
    state.orderInvoices.unshift(invoice)
    invoices.push(invoice)
  }
  const order: ZOrder = {
    orderId: zuoraId('8ad00de0', takeNumber(state)),
    orderNumber,
    accountNumber: account.accountNumber,
    orderDate: input.orderDate,
    createdDate: new Date(now).toISOString(),
    subscriptionNumbers: applied.subscriptions.map((s) => s.subscriptionNumber),
    invoiceIds: invoices.map((i) => i.id),
    invoiceNumbers: invoices.map((i) => i.invoiceNumber),
    subscriptions: input.subscriptions,
  }
  state.orders[orderNumber] = order
  const body: Record<string, unknown> = {
    orderNumber,
    accountNumber: account.accountNumber,
    status: 'Completed',
    subscriptions: applied.subscriptions.map((s) => ({
      subscriptionNumber: s.subscriptionNumber,
      status: s.status,
      ...(returnIds ? { subscriptionId: s.id } : {}),
    })),
    ...(invoices.length > 0 ? { invoiceNumbers: order.invoiceNumbers } : {}),
    ...(payment ? { paymentNumber: payment.number, paidAmount: decimal(payment.amountMinor) } : {}),
    ...(returnIds
      ? {
          orderId: order.orderId,
          accountId: account.id,
          ...(invoices.length > 0 ? { invoiceIds: order.invoiceIds } : {}),
          ...(payment ? { paymentId: payment.id } : {}),
        }
      : {}),
  }
  return { ok: true as const, body }
}

export async function previewOrder(request: Request, state: SimState): Promise<Response> {
  const body = await readJsonObject(request)
  if (!body) return malformedRequest()
  const parsed = previewOrderRequestSchema.safeParse(body)
  if (!parsed.success) return refusedBody(parsed.error)
  const account = findAccount(state, parsed.data.existingAccountNumber)
  if (!account) return notFound(`Account ${parsed.data.existingAccountNumber}`)
  let scratch = state.nextNumber
  const applied = applyOrderActions(state, parsed.data, () => (scratch += 1))
  if (applied instanceof OrderRefusal) return failure([applied.reason])
  const invoices = previewInvoices(billOrder(applied, countryOf(state, account)), parsed.data.orderDate)
  return json({ success: true, previewResult: { invoices } })
}

export async function createOrder(request: Request, ctx: OrderContext): Promise<Response> {
  const state = ctx.state()
  const checked = checkOrder(await readJsonObject(request), state, false)
  if (checked instanceof Response) return checked
  state.ordersInFlight.add(checked.orderNumber)
  try {
    if (ctx.orderCommitMs() > 0) await ctx.sleep(ctx.orderCommitMs())
    // A reset while the order was running: the tenant it was accepted by is gone.
    if (ctx.state() !== state) return fail(reasonCodes.internal, 'The order was lost: the tenant was reset.', 500)
    const returnIds = new URL(request.url).searchParams.get('returnIds') === 'true'
    const result = commit(state, ctx.book, checked, ctx.now(), returnIds)
    return result.ok ? json({ success: true, ...result.body }) : failure([result.reason])
  } finally {
    state.ordersInFlight.delete(checked.orderNumber)
  }
}

export function getOrder(orderNumber: string, state: SimState): Response {
  const order = state.orders[orderNumber]
  if (!order) return notFound(`Order ${orderNumber}`)
  return json({
    success: true,
    order: {
      orderNumber: order.orderNumber,
      orderDate: order.orderDate,
      status: 'Completed',
      currency: 'USD',
      existingAccountNumber: order.accountNumber,
      createdDate: order.createdDate.slice(0, 19).replace('T', ' '),
      subscriptions: order.subscriptions,
    },
  })
}

export async function createOrderAsync(request: Request, ctx: OrderContext): Promise<Response> {
  const state = ctx.state()
  const checked = checkOrder(await readJsonObject(request), state, true)
  if (checked instanceof Response) return checked
  state.ordersInFlight.add(checked.orderNumber)
  const id = zuoraId('8ad0a5b0', takeNumber(state))
  const createdAt = ctx.now()
  state.jobs[id] = {
    id,
    input: checked.input,
    orderNumber: checked.orderNumber,
    createdAt,
    completesAt: createdAt + Math.max(ASYNC_JOB_MIN_MS, ctx.orderCommitMs()),
    result: null,
  }
  return json({ jobId: id, success: true })
}

/** Runs the async jobs whose time has come; called before every request, so no timer is needed. */
export function settleDueJobs(ctx: OrderContext): void {
  const state = ctx.state()
  const now = ctx.now()
  for (const job of Object.values(state.jobs)) {
    if (job.result !== null || job.completesAt > now) continue
    state.ordersInFlight.delete(job.orderNumber)
    const account = findAccount(state, job.input.existingAccountNumber)
    const result = account
      ? commit(state, ctx.book, { input: job.input, account, orderNumber: job.orderNumber }, job.completesAt, true)
      : null
    job.result = result?.ok
      ? { ok: true, body: result.body }
      : { ok: false, message: result?.reason.message ?? 'The account is gone.' }
  }
}

export function getAsyncJob(jobId: string, state: SimState): Response {
  const job = state.jobs[jobId]
  if (!job) return notFound(`Job ${jobId}`)
  if (job.result === null) return json({ status: 'Processing', errors: null, result: null, success: true })
  if (!job.result.ok) return json({ status: 'Failed', errors: job.result.message, result: null, success: true })
  return json({
    status: 'Completed',
    errors: null,
    result: { jobType: 'AsyncCreateOrder', ...job.result.body, success: true },
    success: true,
  })
}
