import { http } from 'msw'
import { orderInputSchema } from '../../src/lib/api/schemas'
import { MockApiError, notFound } from '../backend/errors'
import { db } from '../db'
import { api, json, param, readBody, refuseDuringMaintenance, requireBillingAdmin, requireSession, route } from './http'

const MAX_KEY_LENGTH = 200

export const orderHandlers = [
  /** 201 for a new order; 200 with the very same body when the key was already used. */
  http.post(api('/orders'), route(async ({ request }) => {
    const { accountId } = requireBillingAdmin()
    refuseDuringMaintenance()
    const key = request.headers.get('Idempotency-Key')?.trim() ?? ''
    if (key === '' || key.length > MAX_KEY_LENGTH) {
      throw new MockApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1 to 200 characters) with each order.')
    }
    const input = await readBody(request, orderInputSchema)
    const { order, replayed } = db.placeOrder(accountId, key, input)
    return json(order, replayed ? 200 : 201)
  })),

  // For reconciling an order whose answer was lost: did it go through?
  http.get(api('/orders/by-key/:idempotencyKey'), route((info) => {
    const { accountId } = requireSession()
    const order = db.getOrderByKey(accountId, param(info, 'idempotencyKey'))
    if (!order) throw notFound('No order was placed with this Idempotency-Key.')
    return json(order)
  })),
]
