/**
 * Subscriptions of an account: what the admin has bought, seat counts and renewal.
 *
 * operationId `GET_SubscriptionsByAccount`, GET /v1/subscriptions/accounts/{account-key}
 * Source: chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/
 * v1-api-reference_api_operation_get_subscriptionsbyaccount.md (query parameters, 200 sample).
 *
 * Charges are segmented: an amendment that changes a charge ends its segment and starts another
 * with the same charge number (`number`, e.g. "C-00032238") and a higher `segment`. With
 * `charge-detail=all-segments` each charge also carries `chargeSegments`. The charge number is
 * `number` here, while an order's `chargeUpdates[]` names the same value `chargeNumber`.
 */
import { z } from 'zod'
import { amountSchema, isoDateSchema, successFlagSchema } from './common'

export const CHARGE_DETAIL_VALUES = ['last-segment', 'current-segment', 'all-segments', 'specific-segment'] as const

export const subscriptionsByAccountQuerySchema = z.strictObject({
  'charge-detail': z.enum(CHARGE_DETAIL_VALUES).optional(),
  /** Only with `charge-detail=specific-segment`. */
  'as-of-date': isoDateSchema.optional(),
  'exclude-rate-plans-with-no-charges': z.boolean().optional(),
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).max(40).optional(),
})
export type SubscriptionsByAccountQuery = z.infer<typeof subscriptionsByAccountQuerySchema>

/** One segment of a charge: as returned under `ratePlans[].ratePlanCharges[]`, and in `chargeSegments`. */
const chargeSegmentSchema = z.looseObject({
  id: z.string(),
  /** The charge number, shared by every segment of the charge. */
  number: z.string(),
  productRatePlanChargeId: z.string(),
  name: z.string(),
  /** Seats for a per-unit charge; null for flat fees' discounts and the like. */
  quantity: z.number().nullable(),
  /** Null for discount charges (their amount is in `discountAmount`/`discountPercentage`). */
  price: amountSchema.nullable(),
  segment: z.number().int().positive(),
  version: z.number().int().optional(),
  effectiveStartDate: isoDateSchema,
  effectiveEndDate: isoDateSchema.nullable(),
  chargedThroughDate: isoDateSchema.nullable(),
  /** Charge model: FlatFee, PerUnit, Tiered, Volume, DiscountFixedAmount, ... */
  model: z.string(),
  /** OneTime, Recurring or Usage. */
  type: z.string(),
  billingPeriod: z.string().nullable(),
  currency: z.string().optional(),
  uom: z.string().nullable().optional(),
  pricingSummary: z.string().optional(),
  mrr: amountSchema.nullable().optional(),
  tcv: amountSchema.nullable().optional(),
})
export type ChargeSegment = z.infer<typeof chargeSegmentSchema>

export const subscriptionChargeSchema = chargeSegmentSchema.extend({
  /**
   * Only with `charge-detail=all-segments`: "the charge information for all the charge segments"
   * (the operation's `charge-detail` parameter), each shaped as the charge itself.
   */
  chargeSegments: z.array(chargeSegmentSchema).optional(),
})
export type SubscriptionCharge = z.infer<typeof subscriptionChargeSchema>

export const subscriptionRatePlanSchema = z.looseObject({
  id: z.string(),
  productId: z.string().optional(),
  productName: z.string(),
  productRatePlanId: z.string(),
  productSku: z.string().optional(),
  ratePlanName: z.string(),
  ratePlanCharges: z.array(subscriptionChargeSchema),
})
export type SubscriptionRatePlan = z.infer<typeof subscriptionRatePlanSchema>

export const subscriptionSchema = z.looseObject({
  id: z.string(),
  subscriptionNumber: z.string(),
  accountId: z.string().optional(),
  accountNumber: z.string().optional(),
  /** Active, Cancelled, Expired, Suspended, Pending Activation, Pending Acceptance, Draft. */
  status: z.string(),
  termType: z.string().optional(),
  contractEffectiveDate: isoDateSchema,
  serviceActivationDate: isoDateSchema.nullable().optional(),
  customerAcceptanceDate: isoDateSchema.nullable().optional(),
  subscriptionStartDate: isoDateSchema.optional(),
  termStartDate: isoDateSchema,
  /** Null for an evergreen subscription. */
  termEndDate: isoDateSchema.nullable(),
  currentTerm: z.number().int().nullable().optional(),
  currentTermPeriodType: z.string().nullable(),
  autoRenew: z.boolean(),
  renewalSetting: z.string().optional(),
  currency: z.string().optional(),
  ratePlans: z.array(subscriptionRatePlanSchema),
})
export type Subscription = z.infer<typeof subscriptionSchema>

export const subscriptionsByAccountResponseSchema = z.looseObject({
  success: successFlagSchema,
  subscriptions: z.array(subscriptionSchema),
  /** URL of the next page when there is one. */
  nextPage: z.string().optional(),
})
export type SubscriptionsByAccountResponse = z.infer<typeof subscriptionsByAccountResponseSchema>
