/**
 * Change requests: an admin without billing rights asks, a billing admin approves or declines.
 * The vendor's own data (never provider-backed), so asking and declining work during an outage.
 * In a file of its own, beside schemas.ts, so the request rules change apart from the billing ones.
 */
import { z } from 'zod/mini'
import { invoiceRecipientsInputSchema, moneySchema, orderItemSchema } from './schemas'
import { id, isoDate, isoDateTime, name } from './schema-primitives'

const person = z.object({ id, name })

/**
 * Renewal at the end of the current term off (the subscription ends then) or back on, as PUT
 * /subscription/renewal sets it. Not an order: nothing is quoted or charged, so it is alone in its
 * request, and approving it changes the setting at the provider there and then (`applied`).
 */
const renewalItemSchema = z.object({ type: z.literal('renewal'), autoRenew: z.boolean() })
export type RenewalItem = z.infer<typeof renewalItemSchema>

/**
 * Who receives invoices by email, as PUT /billing-details sets the account's `invoiceRecipients`:
 * whether invoices are emailed, and the addresses besides the billing contact's, by the same rules
 * (at most five, no repeats; the contact's own address is checked on approval, against the details
 * as they are then). Not an order either: alone in its request, and approving it replaces the
 * account's recipients at the provider there and then (`applied`), the rest of the details kept.
 */
const invoiceRecipientsItemSchema = z.extend(invoiceRecipientsInputSchema, { type: z.literal('invoiceRecipients') })
export type InvoiceRecipientsItem = z.infer<typeof invoiceRecipientsItemSchema>

/** What a request can ask for: the cart's changes (seats, plan, add-ons), renewal off or on, or who receives invoices. */
const changeItemSchema = z.discriminatedUnion('type', [orderItemSchema, renewalItemSchema, invoiceRecipientsItemSchema])
export type ChangeItem = z.infer<typeof changeItemSchema>

/** Kinds that are not orders: each stands alone in its request. */
const alone = new Set(['renewal', 'invoiceRecipients'])

/** At most one change of each kind, as in the cart; a renewal or recipients change alone. */
const changeItemsSchema = z.array(changeItemSchema).check(
  z.minLength(1),
  z.maxLength(20),
  // A change that stands alone with another is refused with the same words.
  z.refine((items) => {
    const kinds = new Set(items.map((item) => (item.type === 'addon' ? `addon:${item.addonId}` : item.type)))
    return kinds.size === items.length && (items.length === 1 || !items.some((item) => alone.has(item.type)))
  }, 'one change of each kind'),
)

/**
 * `waiting` for a billing admin; `approving` once one approved it and is ordering it (only one
 * can: a second approval answers 409); `ordered` once the order is linked; `scheduled` once a
 * request at renewal was approved (the change is scheduled at the provider, nothing charged);
 * `applied` once a renewal or invoice recipients request was approved (renewal turned off or on,
 * or the recipients replaced, at the provider; nothing ordered or charged); `declined` with a reason; `withdrawn` by the requester.
 */
const changeRequestStatusSchema = z.enum([
  'waiting',
  'approving',
  'ordered',
  'scheduled',
  'applied',
  'declined',
  'withdrawn',
])

/**
 * When the change takes effect. `now`: approving orders it through a quote and the checkout (a
 * renewal or recipients request, always `now`: approving sets it at the provider).
 * `renewal`: fewer seats than bought (never below those in use) and/or a plan with a lower seat
 * price, from the end of the current term, as a billing admin schedules them: approving schedules
 * it (PUT /subscription/scheduled-change's way) and nothing is charged. Seats and plan only.
 */
const takesEffectSchema = z.enum(['now', 'renewal'])
export type TakesEffect = z.infer<typeof takesEffectSchema>

const onlySeatsAndPlanAtRenewal = z.refine<{ items: readonly { type: string }[]; takesEffect?: TakesEffect }>(
  (request) =>
    request.takesEffect !== 'renewal' || request.items.every((item) => item.type === 'seats' || item.type === 'plan'),
  { message: 'a change at renewal is seats or a plan', path: ['items'] },
)

/** What the requester saw when asking (null when the provider was down and nothing was saved). */
const changeBasisSchema = z.object({
  planId: z.nullable(id),
  seats: z.nullable(z.int().check(z.nonnegative())),
})
export type ChangeBasis = z.infer<typeof changeBasisSchema>

export const changeRequestInputSchema = z
  .object({
    items: changeItemsSchema,
    note: z.nullable(z.string().check(z.trim(), z.maxLength(500))),
    /** The monthly difference at the catalog's list prices, as the requester's browser worked it out: only an estimate. */
    estimate: z.nullable(moneySchema),
    basis: changeBasisSchema,
    /** Absent: `now`. */
    takesEffect: z.optional(takesEffectSchema),
  })
  .check(onlySeatsAndPlanAtRenewal)
export type ChangeRequestInput = z.infer<typeof changeRequestInputSchema>

export const changeRequestSchema = z.object({
  id,
  accountId: id,
  requestedBy: person,
  items: changeItemsSchema,
  note: z.nullable(z.string().check(z.maxLength(500))),
  estimate: z.nullable(moneySchema),
  basis: changeBasisSchema,
  takesEffect: takesEffectSchema,
  /**
   * The day a request at renewal takes effect from, once scheduled (`scheduled`); for a renewal
   * request once applied, the end of the term it was applied to (the day the subscription ends, or
   * renews). Null before, and for other requests that take effect `now` (invoice recipients too).
   */
  effectiveOn: z.nullable(isoDate),
  status: changeRequestStatusSchema,
  createdAt: isoDateTime,
  /** Who approved (approving, ordered, scheduled, applied) or declined it, and when. */
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
