import type { z } from 'zod/mini'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { orderInputSchema, type Order } from '@/lib/api/schemas'

/** What an order sends: the items and promo code the admin saw priced, and that quote's id. */
export const placeOrderInputSchema = orderInputSchema
export type PlaceOrderInput = z.input<typeof placeOrderInputSchema>

/**
 * Places the order under an idempotency key made once per purchase intent (see cart-store): the
 * provider answers a repeated key with the first order instead of charging again. `account` is the
 * cart's: the order goes to the account its items were chosen for, or is refused.
 */
export function placeOrder(input: PlaceOrderInput, idempotencyKey: string, account: string): Promise<Order> {
  return callApi(endpoints.placeOrder, { body: placeOrderInputSchema.parse(input), idempotencyKey, account })
}
