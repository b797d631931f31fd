/**
 * Change requests: an admin without billing rights asks, a billing admin approves or declines.
 * The vendor's own data (never provider-backed), so asking and declining work during an outage.
 * In a file of its own, beside schemas.ts, so the request rules change apart from the billing ones.
 */
import { z } from 'zod/mini'
import { moneySchema, orderItemSchema } from './schemas'
import { id, isoDateTime, name } from './schema-primitives'

const person = z.object({ id, name })

/** At most one change of each kind, as in the cart. */
const changeItemsSchema = z.array(orderItemSchema).check(
  z.minLength(1),
  z.maxLength(20),
  z.refine(
    (items) =>
      new Set(items.map((item) => (item.type === 'addon' ? `addon:${item.addonId}` : item.type))).size === items.length,
    'one change of each kind',
  ),
)

/**
 * `waiting` for a billing admin; `approving` once one approved it and is ordering it (only one
 * can: a second approval answers 409); `ordered` once the order is linked; `declined` with a
 * reason; `withdrawn` by the requester.
 */
const changeRequestStatusSchema = z.enum(['waiting', 'approving', 'ordered', 'declined', 'withdrawn'])

/** What the requester saw when asking (null when the provider was down and nothing was saved). */
const changeBasisSchema = z.object({
  planId: z.nullable(id),
  seats: z.nullable(z.int().check(z.nonnegative())),
})
export type ChangeBasis = z.infer<typeof changeBasisSchema>

export const changeRequestInputSchema = z.object({
  items: changeItemsSchema,
  note: z.nullable(z.string().check(z.trim(), z.maxLength(500))),
  /** The monthly difference at the catalog's list prices, as the requester's browser worked it out: only an estimate. */
  estimate: z.nullable(moneySchema),
  basis: changeBasisSchema,
})
export type ChangeRequestInput = z.infer<typeof changeRequestInputSchema>

export const changeRequestSchema = z.object({
  id,
  accountId: id,
  requestedBy: person,
  items: changeItemsSchema,
  note: z.nullable(z.string().check(z.maxLength(500))),
  estimate: z.nullable(moneySchema),
  basis: changeBasisSchema,
  status: changeRequestStatusSchema,
  createdAt: isoDateTime,
  /** Who approved (approving, ordered) or declined it, and when. */
  decidedBy: z.nullable(person),
  decidedAt: z.nullable(isoDateTime),
  declineReason: z.nullable(z.string().check(z.maxLength(500))),
  orderId: z.nullable(id),
})
export type ChangeRequest = z.infer<typeof changeRequestSchema>

export const changeRequestListSchema = z.object({ requests: z.array(changeRequestSchema) })
export type ChangeRequestList = z.infer<typeof changeRequestListSchema>

/** The approving browser's own key: a repeat with the same key is the same approval, another key a second one (409). */
export const approveChangeRequestInputSchema = z.object({
  approvalKey: z.string().check(z.minLength(8), z.maxLength(200)),
})
export const declineChangeRequestInputSchema = z.object({
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
})
export const linkChangeRequestOrderInputSchema = z.object({ orderId: id })
