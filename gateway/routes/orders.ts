/**
 * Orders, never charged twice. Our Idempotency-Key goes through the gateway's own key store first
 * (stores/order-keys.ts): the same key and body replays the first order, another body is 422, a
 * key still in flight is 409 — answered by the gateway, whatever Zuora remembers. The key sent to
 * Zuora is derived from ours and the body, the order number from ours, so after a time-out or a
 * 5xx the order is looked up by its number before anything is sent again. Not found there:
 * - after a failure Zuora answered (it is done with that request), the next try sends it under a
 *   new Zuora key, since Zuora replays its first answer to a key, failures included;
 * - after no answer (a time-out, a 502/504), a retry sends it again at once under the same Zuora
 *   key: should the first still be running, Zuora answers 409 or refuses the number, and once it is
 *   done it replays the first answer. Only GET /orders/by-key waits out Zuora's longest request,
 *   as it must not say "not placed" while the first may still commit.
 * Every send carries the same order number, and Zuora holds at most one order per number.
 */
import { orderInputSchema, type Order } from '../../src/lib/api/schemas'
import { applyItems } from '../billing/apply-change'
import {
  lookUpOrder,
  orderFrom,
  readIntent,
  rememberOrder,
  saveIntent,
  ZUORA_LONGEST_REQUEST_MS,
  zuoraFinished,
} from '../billing/order-lookup'
import { invoicesChanged } from '../billing/invoice-index'
import { providerError, withProvider } from '../billing/provider-call'
import { markQuoteUsed, quoteForOrder } from '../billing/quotes'
import { readCurrentSubscription } from '../billing/current-subscription'
import { READ_AGAIN_DEFAULTS, readAgainOnFailure } from '../billing/read-again'
import { changeCatalogOf, contractSubscription } from '../billing/subscription-reads'
import { rememberSuperseded } from '../billing/superseded-versions'
import { isoDay, refuseDuringMaintenance, requireBillingAdmin, requireSession, type GatewayDeps } from '../context'
import { GatewayError, notFound } from '../http/errors'
import { json, readBody, requireIdempotencyKey } from '../http/respond'
import { bodyHash, stateAt, zuoraKeyOf, type OrderKeyRecord } from '../stores/order-keys'
import { callOperation, type OperationContext } from '../zuora/adapter/operation'
import { planChange } from '../zuora/adapter/order-actions'
import { ZuoraCallError } from '../zuora/errors'
import type { RouteModule } from './types'

/**
 * No read of the subscription for an order starts after this (ms): with the order's own 12 s it
 * stays near the app's 15 s for the whole checkout.
 */
const ORDER_READ_BUDGET_MS = 4_000

const inProgress = () =>
  new GatewayError(
    409,
    'idempotency_in_progress',
    'An order with this Idempotency-Key is still being processed. Ask again later.',
    {
      headers: { 'Retry-After': '1' },
    },
  )

/** Zuora's word on the order, by its number: a read (its time-out), tried again on a quick failure. */
const lookUp = (deps: GatewayDeps, context: OperationContext, orderNumber: string) =>
  readAgainOnFailure(context, { ...READ_AGAIN_DEFAULTS, now: () => deps.clock.now() }, (ctx) =>
    lookUpOrder(ctx, orderNumber),
  )

const lookUpByNumber = (deps: GatewayDeps, record: OrderKeyRecord, requestId: string) =>
  withProvider(deps, 'subscription', { requestId, timeoutMs: deps.timeouts.readMs }, (context) =>
    lookUp(deps, context, record.orderNumber),
  )

/** The longest a proxy's 502/504 may take to count as one that came back at once (ms). */
const QUICK_PROXY_FAILURE_MS = 2_000

/**
 * A 502 or 504 that came back at once: the proxy in front of Zuora failed, most likely before Zuora
 * saw the order (a time-out behind it takes far longer). Not certain, so the order is looked up
 * before it is sent again, and sent under the same Zuora key, which Zuora answers 409 should the
 * first be running after all.
 */
const quickProxyFailure = (error: unknown, elapsedMs: number) =>
  error instanceof ZuoraCallError &&
  (error.status === 502 || error.status === 504) &&
  elapsedMs < QUICK_PROXY_FAILURE_MS

/**
 * What a record whose outcome is not known yet holds: Zuora's word by order number. `absent`: Zuora
 * has no order of that number now; `absentForSure`: nor can it have one later (the last send is
 * older than Zuora's longest request).
 */
type Settled = { order: Order | null; absent: boolean; absentForSure: boolean }

async function reconcile(deps: GatewayDeps, record: OrderKeyRecord, requestId: string): Promise<Settled> {
  const now = deps.clock.now()
  const intent = await readIntent(deps, record.accountId, record.key)
  const lookup = await lookUpByNumber(deps, record, requestId)
  if (lookup.found === 'completed' || lookup.found === 'failed') {
    const order = orderFrom(record, intent, lookup.found)
    if (order) {
      await deps.orderKeys.complete(record, order, now)
      if (order.status === 'completed') {
        await rememberOrder(deps, record.accountId, order)
        await invoicesChanged(deps, record.accountId)
      }
    }
    return { order, absent: false, absentForSure: false }
  }
  const pending = orderFrom(record, intent, 'pending')
  if (lookup.found === 'pending') return { order: pending, absent: false, absentForSure: false }
  // Not at Zuora. Within Zuora's longest request of the last send it may still appear; after it, never.
  const since = record.lastSentAt ?? record.outcomeUnknownSince ?? record.updatedAt
  return { order: pending, absent: true, absentForSure: now - since > ZUORA_LONGEST_REQUEST_MS }
}

/**
 * A failed order may be tried again in a second, not the five a read is told: its retry is safe
 * under the same key (looked up, then sent again under the same Zuora key and number) and the app
 * has 15 s for all its tries. A Zuora shedding load or known to be down keeps its own wait.
 */
function tryAgainSoon(cause: unknown, answer: GatewayError): GatewayError {
  const waitsItsOwn = cause instanceof ZuoraCallError && (cause.kind === 'shed' || cause.kind === 'breaker_open')
  if (answer.status !== 503 || answer.code !== 'provider_unavailable' || waitsItsOwn) return answer
  return new GatewayError(answer.status, answer.code, answer.message, { headers: { 'Retry-After': '1' } })
}

/** Zuora holds no order of this number (false when it has one, or when it cannot be asked now). */
async function notAtZuora(deps: GatewayDeps, record: OrderKeyRecord, requestId: string): Promise<boolean> {
  const lookup = await lookUpByNumber(deps, record, requestId).catch(() => null)
  return lookup?.found === 'none'
}

export const orderRoutes: RouteModule = (app, deps) => {
  app.post('/orders', async (c) => {
    const request = c.req.raw
    const requestId = c.get('requestId')
    const { account } = await requireBillingAdmin(deps, request)
    await refuseDuringMaintenance(deps)
    const key = requireIdempotencyKey(request, ' with each order')
    const input = await readBody(request, orderInputSchema)
    const now = deps.clock.now()
    const begun = await deps.orderKeys.begin(account.id, key, await bodyHash(input), now)
    if (begun.kind === 'mismatch')
      throw new GatewayError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different order.',
      )
    if (begun.kind === 'in_flight') throw inProgress()
    if (begun.kind === 'done') {
      if (begun.record.order) return json(begun.record.order, 200)
      throw inProgress()
    }
    let record = begun.record
    if (begun.kind === 'unknown') {
      // This request took the record over (one caller does): settle it before anything is sent.
      const settled = await reconcile(deps, record, requestId).catch(async (error: unknown) => {
        await deps.orderKeys.markUnknown(record, deps.clock.now())
        throw providerError(error)
      })
      if (settled.order && settled.order.status !== 'pending') return json(settled.order, 200)
      if (!settled.absent) {
        await deps.orderKeys.markUnknown(record, deps.clock.now())
        throw inProgress()
      }
    }

    // Before anything leaves: the quote, and the subscription it priced.
    let stored
    try {
      stored = await quoteForOrder(deps.store, { accountId: account.id, input, key, now })
    } catch (error) {
      await deps.orderKeys.forget(record, now)
      throw error
    }
    const today = isoDay(now)
    const pending: Order = {
      id: record.orderNumber,
      idempotencyKey: key,
      status: 'pending',
      items: input.items,
      total: stored.quote.total,
      invoiceId: null,
      createdAt: new Date(now).toISOString(),
    }
    let sent = false
    let sentAt: number | null = null
    try {
      const order = await withProvider(
        deps,
        'subscription',
        { requestId, timeoutMs: deps.timeouts.orderMs },
        async (context) => {
          const { zuora, version } = await readCurrentSubscription(
            deps,
            { ...context, timeoutMs: deps.timeouts.readMs },
            { account, today, expected: stored.subscriptionVersion, budgetMs: ORDER_READ_BUDGET_MS },
          )
          if (version !== stored.subscriptionVersion)
            throw new GatewayError(409, 'quote_expired', 'Prices changed since this quote. Get a new quote.')
          applyItems(
            contractSubscription(zuora, account, deps.catalog, today),
            input.items,
            changeCatalogOf(deps.catalog),
          )
          const change = planChange(zuora, input.items, input.promoCode, { catalog: deps.catalog, today })
          await saveIntent(deps, account.id, key, pending)
          await markQuoteUsed(deps.store, stored, key)
          sent = true
          const send = () => {
            sentAt = deps.clock.now()
            return callOperation(context, 'createOrder', {
              capability: 'subscription',
              query: [['returnIds', 'true']],
              idempotencyKey: zuoraKeyOf(record),
              body: {
                existingAccountNumber: account.zuoraAccountNumber,
                orderDate: stored.quote.prorationDate,
                orderNumber: record.orderNumber,
                subscriptions: [{ subscriptionNumber: zuora.subscriptionNumber, orderActions: change.actions }],
                processingOptions: { runBilling: true, collectPayment: true },
              },
            })
          }
          let created
          try {
            created = await send()
          } catch (error) {
            // Once per request: a proxy's failure at once, and no order of this number at Zuora.
            if (!quickProxyFailure(error, deps.clock.now() - (sentAt ?? 0))) throw error
            const lookup = await lookUp(
              deps,
              { ...context, timeoutMs: deps.timeouts.readMs },
              record.orderNumber,
            ).catch(() => null)
            if (lookup?.found !== 'none') throw error
            created = await send()
          }
          const status: Order['status'] =
            created.status === 'Completed' ? 'completed' : created.status === 'Failed' ? 'failed' : 'pending'
          return { ...pending, status, invoiceId: created.invoiceIds?.[0] ?? null }
        },
      )
      if (order.status === 'pending') {
        await deps.orderKeys.markUnknown(record, deps.clock.now(), sentAt ?? undefined)
        return json(order, 201)
      }
      record = await deps.orderKeys.complete(record, order, deps.clock.now())
      if (order.status === 'completed') {
        // Sent only on the quote's version: a read that shows it from now on is a stale one.
        await rememberSuperseded(deps, account.id, stored.subscriptionVersion)
        await rememberOrder(deps, account.id, order)
        await invoicesChanged(deps, account.id)
      }
      deps.log({ event: 'order', requestId, accountId: account.id, orderNumber: order.id, status: order.status })
      return json(order, 201)
    } catch (error) {
      const later = deps.clock.now()
      if (!sent || (error instanceof ZuoraCallError && !error.outcomeUnknown && error.kind !== 'in_progress')) {
        // Nothing reached Zuora, or Zuora refused it outright: the key holds no order.
        if (error instanceof ZuoraCallError && (error.kind === 'rejected' || error.kind === 'key_reused'))
          await deps.orderKeys.forget(record, later)
        else if (error instanceof GatewayError && error.status < 500) await deps.orderKeys.forget(record, later)
        else await deps.orderKeys.markFailedBeforeZuora(record, later)
      } else if (zuoraFinished(error) && (await notAtZuora(deps, record, requestId))) {
        // Zuora answered, so nothing of it is still running, and it holds no such order: the next
        // try sends it again at once (same number, a new Zuora key: the old one replays this
        // failure), not 150 s later.
        await deps.orderKeys.markFailedBeforeZuora(record, later, { answered: true })
      } else {
        // It may have been created: only Zuora knows. The app asks GET /orders/by-key; we look it up.
        await deps.orderKeys.markUnknown(record, later, sentAt ?? undefined)
        deps.log({ event: 'order_outcome_unknown', requestId, accountId: account.id, orderNumber: record.orderNumber })
      }
      if (error instanceof ZuoraCallError && error.kind === 'in_progress') throw inProgress()
      throw tryAgainSoon(error, providerError(error))
    }
  })

  app.get('/orders/by-key/:idempotencyKey', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    const key = c.req.param('idempotencyKey')
    const now = deps.clock.now()
    const record = await deps.orderKeys.find(account.id, key, now)
    if (!record) throw notFound('No order was placed with this Idempotency-Key.')
    const state = stateAt(record, now)
    if (state === 'done' && record.order) return json(record.order)
    if (state === 'failed_before_zuora') throw notFound('No order was placed with this Idempotency-Key.')
    const intent = await readIntent(deps, account.id, key)
    if (state === 'in_flight') {
      const order = orderFrom(record, intent, 'pending')
      if (!order) throw notFound('No order was placed with this Idempotency-Key.')
      return json(order)
    }
    try {
      const settled = await reconcile(deps, record, c.get('requestId'))
      if (settled.absentForSure || !settled.order) throw notFound('No order was placed with this Idempotency-Key.')
      return json(settled.order)
    } catch (error) {
      throw providerError(error)
    }
  })
}
