import { delay, http } from 'msw'
import { orderInputSchema } from '../../src/lib/api/schemas'
import { GatewayError, notFound } from '../../gateway/http/errors'
import { db } from '../db'
import { api, json, param, readBody, refuseDuringMaintenance, requireBillingAdmin, requireSession, route } from './http'

const MAX_KEY_LENGTH = 200
/** How often a held order looks at the clock (the db's: a test that moves it along is followed). */
const COMMIT_POLL_MS = 250

/**
 * Holds the answer until the provider commits the order (orderCommitMs), then answers with it as
 * committed. The order commits at that moment even if the client stopped waiting (the db commits
 * due orders on any request too, so a reload or another tab finds it committed).
 */
async function committed(accountId: string, key: string, commitAt: number) {
  for (let left = commitAt - db.now().getTime(); left > 0; left = commitAt - db.now().getTime()) {
    await delay(Math.min(left, COMMIT_POLL_MS))
    if (!db.getOrderByKey(accountId, key)) break // the backend was reset meanwhile
  }
  db.sync()
  return db.getOrderByKey(accountId, key)
}

export const orderHandlers = [
  /**
   * 201 for a new order; 200 with the very same body when the key was already used with the same
   * body; 409 `idempotency_in_progress` while that first order is still being processed; 422
   * `idempotency_key_reused` for the same key with another body. Keys live 24 hours.
   */
  http.post(
    api('/orders'),
    route(async ({ request }) => {
      const { accountId } = requireBillingAdmin()
      refuseDuringMaintenance()
      const key = request.headers.get('Idempotency-Key')?.trim() ?? ''
      if (key === '' || key.length > MAX_KEY_LENGTH) {
        throw new GatewayError(
          400,
          'idempotency_key_required',
          'Send an Idempotency-Key header (1 to 200 characters) with each order.',
        )
      }
      const input = await readBody(request, orderInputSchema)
      const { order, replayed, commitAt } = db.placeOrder(accountId, key, input)
      if (commitAt === null) return json(order, replayed ? 200 : 201)
      const done = await committed(accountId, key, commitAt)
      if (!done) throw new GatewayError(503, 'provider_unavailable', 'The order was lost.')
      return json(done, 201)
    }),
  ),

  // For reconciling an order whose answer was lost: did it go through? `pending` while it is processed.
  http.get(
    api('/orders/by-key/:idempotencyKey'),
    route((info) => {
      const { accountId } = requireSession()
      const order = db.getOrderByKey(accountId, param(info, 'idempotencyKey'))
      if (!order) throw notFound('No order was placed with this Idempotency-Key.')
      return json(order)
    }),
  ),
]
