/**
 * The order actions the gateway sends inside an order or an order preview, strict about what we
 * send (an unknown key is our bug, not Zuora's extension).
 *
 * Source: chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/
 * docs_get-started_api-tutorials_orders-tutorials_modify-subscriptions.md (AddProduct,
 * UpdateProduct, RenewSubscription, RemoveProduct, CancelSubscription request bodies) and
 * zuora-docs-scrapper/output/zuora-billing/manage-accounts-subscriptions-and-non-subscriptions_
 * manage-subscription-transactions_orders_order-actions-tutorials_replace-products-in-subscriptions_
 * change-a-rate-plan-using-the-rest-api.md (ChangePlan); operation POST_Order (`subscriptions[]
 * .orderActions[]`, schema `CreateOrderAction`); the GET_Order sample echoes the same shapes.
 */
import { z } from 'zod'
import { isoDateSchema } from './common'

export const TRIGGER_DATE_NAMES = ['ContractEffective', 'ServiceActivation', 'CustomerAcceptance'] as const

export const triggerDateSchema = z.strictObject({
  name: z.enum(TRIGGER_DATE_NAMES),
  triggerDate: isoDateSchema,
})
export type TriggerDate = z.infer<typeof triggerDateSchema>

/** The pricing we change: seats (quantity) of a per-unit recurring charge, or its list price. */
export const chargePricingSchema = z.strictObject({
  recurringPerUnit: z
    .strictObject({ quantity: z.number().nonnegative().optional(), listPrice: z.number().optional() })
    .optional(),
  recurringFlatFee: z.strictObject({ listPrice: z.number() }).optional(),
})
export type ChargePricing = z.infer<typeof chargePricingSchema>

/** A new rate plan's charge, named by its product rate plan charge. */
export const chargeOverrideSchema = z.strictObject({
  productRatePlanChargeId: z.string().min(1),
  uniqueToken: z.string().optional(),
  pricing: chargePricingSchema.optional(),
})
export type ChargeOverride = z.infer<typeof chargeOverrideSchema>

/** An existing charge, named by its charge number (`number` in the subscription response). */
export const chargeUpdateSchema = z.strictObject({
  chargeNumber: z.string().min(1),
  pricing: chargePricingSchema,
})
export type ChargeUpdate = z.infer<typeof chargeUpdateSchema>

const triggerDates = z.array(triggerDateSchema).min(1).max(3)

export const addProductActionSchema = z.strictObject({
  type: z.literal('AddProduct'),
  triggerDates,
  addProduct: z.strictObject({
    productRatePlanId: z.string().min(1),
    uniqueToken: z.string().optional(),
    chargeOverrides: z.array(chargeOverrideSchema).optional(),
  }),
})

export const updateProductActionSchema = z.strictObject({
  type: z.literal('UpdateProduct'),
  triggerDates,
  updateProduct: z.strictObject({
    /** The subscription's rate plan id (`ratePlans[].id`), not the product rate plan. */
    ratePlanId: z.string().min(1),
    /**
     * When the charge already has a future-dated update: the date this one takes effect, before
     * it (without it, an update takes effect after every future-dated one). Source: zuca-v2 :
     * zuora-docs-scrapper/output/zuora-billing/manage-accounts-subscriptions-and-non-subscriptions_
     * manage-subscription-transactions_orders_order-actions-tutorials_update-products-on-
     * subscriptions-with-future-dated-updates_use-the-rest_60491452.md.
     */
    specificUpdateDate: isoDateSchema.optional(),
    chargeUpdates: z.array(chargeUpdateSchema).min(1),
  }),
})

export const removeProductActionSchema = z.strictObject({
  type: z.literal('RemoveProduct'),
  triggerDates,
  removeProduct: z.strictObject({ ratePlanId: z.string().min(1) }),
})

export const CHANGE_PLAN_SUB_TYPES = ['Upgrade', 'Downgrade', 'Crossgrade', 'PlanChanged'] as const
export const CHANGE_PLAN_EFFECTIVE_POLICIES = [
  'EffectiveImmediately',
  'EffectiveEndOfBillingPeriod',
  'SpecificDate',
] as const

export const changePlanActionSchema = z.strictObject({
  type: z.literal('ChangePlan'),
  triggerDates,
  changePlan: z.strictObject({
    /** The plan being replaced: its subscription rate plan id or its product rate plan id. */
    ratePlanId: z.string().min(1).optional(),
    productRatePlanId: z.string().min(1).optional(),
    subType: z.enum(CHANGE_PLAN_SUB_TYPES).optional(),
    effectivePolicy: z.enum(CHANGE_PLAN_EFFECTIVE_POLICIES).optional(),
    newProductRatePlan: z.strictObject({
      productRatePlanId: z.string().min(1),
      chargeOverrides: z.array(chargeOverrideSchema).optional(),
    }),
  }),
})

export const CANCELLATION_POLICIES = ['EndOfCurrentTerm', 'EndOfLastInvoicePeriod', 'SpecificDate'] as const

export const cancelSubscriptionActionSchema = z.strictObject({
  type: z.literal('CancelSubscription'),
  triggerDates,
  cancelSubscription: z.strictObject({
    cancellationPolicy: z.enum(CANCELLATION_POLICIES),
    /** Only with `SpecificDate`. */
    cancellationEffectiveDate: isoDateSchema.optional(),
  }),
})

export const RENEWAL_SETTINGS = ['RENEW_WITH_SPECIFIC_TERM', 'RENEW_TO_EVERGREEN'] as const
export const TERM_PERIOD_TYPES = ['Month', 'Year', 'Day', 'Week'] as const

/**
 * The terms: `autoRenew` false ends the subscription at the end of its current term, true renews it
 * again. Source: operation POST_Order, schema `CreateOrderTermsAndConditions` (`autoRenew`,
 * `renewalSetting`, `renewalTerms`; the zuora-sdk package, docs/CreateOrderTermsAndConditions.md).
 */
export const termsAndConditionsActionSchema = z.strictObject({
  type: z.literal('TermsAndConditions'),
  triggerDates,
  termsAndConditions: z.strictObject({
    autoRenew: z.boolean().optional(),
    renewalSetting: z.enum(RENEWAL_SETTINGS).optional(),
    renewalTerms: z
      .array(z.strictObject({ period: z.number().int().positive(), periodType: z.enum(TERM_PERIOD_TYPES) }))
      .optional(),
  }),
})

/** Renews the current term; the tutorial sends no payload beyond the trigger date. */
export const renewSubscriptionActionSchema = z.strictObject({
  type: z.literal('RenewSubscription'),
  triggerDates,
})

export const orderActionSchema = z.discriminatedUnion('type', [
  addProductActionSchema,
  updateProductActionSchema,
  removeProductActionSchema,
  changePlanActionSchema,
  cancelSubscriptionActionSchema,
  termsAndConditionsActionSchema,
  renewSubscriptionActionSchema,
])
export type OrderAction = z.infer<typeof orderActionSchema>
export type OrderActionType = OrderAction['type']
