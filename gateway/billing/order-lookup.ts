/**
 * What became of an order whose answer never came (a time-out, a 5xx, a gateway that stopped):
 * Zuora is asked by the order's number, which the gateway derived from the key before sending, so
 * the order is found even after Zuora has forgotten the idempotency key. Zuora lets a request run
 * up to 120 s and finishes a timed-out order in the background, so "not found" only means "never
 * happened" once that time has passed.
 */
import type { Order } from '../../src/lib/api/schemas'
import type { GatewayDeps } from '../context'
import type { OrderKeyRecord } from '../stores/order-keys'
import { callOperation, type OperationContext } from '../zuora/adapter/operation'
import { ZuoraCallError } from '../zuora/errors'
import { z } from 'zod'
import { orderSchema } from '../../src/lib/api/schemas'

/** Zuora's longest request (a gateway time-out past it) and a margin. */
export const ZUORA_LONGEST_REQUEST_MS = 150_000

/** What the order was for, kept before it is sent: Zuora's order lookup does not give totals back. */
const intentKey = (accountId: string, key: string) => `order-intent:${accountId}:${key}`
const orderByIdKey = (accountId: string, orderId: string) => `order:${accountId}:${orderId}`

export async function saveIntent(deps: GatewayDeps, accountId: string, key: string, pending: Order): Promise<void> {
  await deps.store.set(intentKey(accountId, key), JSON.stringify(pending), { ttlMs: 24 * 3_600_000 })
}

export async function readIntent(deps: GatewayDeps, accountId: string, key: string): Promise<Order | null> {
  const raw = await deps.store.get(intentKey(accountId, key))
  if (raw === null) return null
  const parsed = (orderSchema as unknown as z.ZodType<Order>).safeParse(JSON.parse(raw))
  return parsed.success ? parsed.data : null
}

/** Completed orders by id, for linking a change request to the order that carried it out. */
export async function rememberOrder(deps: GatewayDeps, accountId: string, order: Order): Promise<void> {
  await deps.store.set(orderByIdKey(accountId, order.id), JSON.stringify(order), { ttlMs: 24 * 3_600_000 })
}

export async function orderById(deps: GatewayDeps, accountId: string, orderId: string): Promise<Order | undefined> {
  const raw = await deps.store.get(orderByIdKey(accountId, orderId))
  return raw === null ? undefined : (JSON.parse(raw) as Order)
}

/**
 * Whether a failed order request has finished at Zuora: a failure that is an answer (a 500 or 503,
 * a `success: false`, a body we cannot read) ends the request there, so its order number says at
 * once whether it was created, and "not found" means never. After a time-out, a cut connection or a
 * proxy's 502/504 it may still be running, and commit up to Zuora's longest request later.
 */
export const zuoraFinished = (error: unknown): boolean =>
  error instanceof ZuoraCallError &&
  (error.kind === 'unavailable' || error.kind === 'malformed') &&
  error.status !== null &&
  error.status !== 502 &&
  error.status !== 504

export type Lookup = { found: 'completed' | 'pending' | 'failed' } | { found: 'none' }

/** Zuora's word for the order, by number. */
export async function lookUpOrder(context: OperationContext, orderNumber: string): Promise<Lookup> {
  try {
    const answer = await callOperation(context, 'getOrder', { capability: 'subscription', params: { orderNumber } })
    const status = answer.order.status
    if (status === 'Completed') return { found: 'completed' }
    if (status === 'Failed' || status === 'Cancelled') return { found: 'failed' }
    return { found: 'pending' }
  } catch (error) {
    // Zuora answers an unknown order number as a refusal (404 or success:false).
    if (error instanceof ZuoraCallError && error.kind === 'rejected') return { found: 'none' }
    throw error
  }
}

/** The order as the contract shows it from the record, the intent and Zuora's word. */
export function orderFrom(record: OrderKeyRecord, intent: Order | null, status: Order['status']): Order | null {
  const base = record.order ?? intent
  return base ? { ...base, status } : null
}
