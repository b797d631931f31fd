/**
 * The Zuora ids of the simulated tenant's catalog and accounts: stable strings, so that the
 * gateway's demo configuration can say which product rate plan and charge is "seats" of a plan,
 * an add-on or a promo code, and which Zuora account is one of ours, without asking the simulator.
 *
 * One product, "Help Desk": a product rate plan per plan (one per-unit recurring "seats" charge),
 * one per add-on (one per-unit recurring charge), and one per promo code (a Discount-Percentage
 * charge that applies to one billing period).
 */

/** Our account id → its Zuora account number. */
export const zuoraAccountNumbers = {
  acc_acme: 'A00000001',
  acc_globex: 'A00000002',
} as const

export type ZuoraRatePlanIds = {
  productRatePlanId: string
  productRatePlanChargeId: string
}

export const helpDeskProduct = {
  id: '8ad09c4a900000000000000000000001',
  sku: 'SKU-HELPDESK',
  productNumber: 'PC-00000001',
  name: 'Help Desk',
} as const

/** Our plan id → the plan's product rate plan and its per-seat charge. */
export const zuoraPlanIds = {
  plan_team: {
    productRatePlanId: '8ad09c4a900000000000000000010001',
    productRatePlanChargeId: '8ad09c4a900000000000000000020001',
  },
  plan_professional: {
    productRatePlanId: '8ad09c4a900000000000000000010002',
    productRatePlanChargeId: '8ad09c4a900000000000000000020002',
  },
  plan_enterprise: {
    productRatePlanId: '8ad09c4a900000000000000000010003',
    productRatePlanChargeId: '8ad09c4a900000000000000000020003',
  },
} as const satisfies Record<string, ZuoraRatePlanIds>

/** Our add-on id → the add-on's product rate plan and its per-unit charge. */
export const zuoraAddonIds = {
  addon_advanced_ai: {
    productRatePlanId: '8ad09c4a900000000000000000010011',
    productRatePlanChargeId: '8ad09c4a900000000000000000020011',
  },
  addon_storage: {
    productRatePlanId: '8ad09c4a900000000000000000010012',
    productRatePlanChargeId: '8ad09c4a900000000000000000020012',
  },
  addon_sandbox: {
    productRatePlanId: '8ad09c4a900000000000000000010013',
    productRatePlanChargeId: '8ad09c4a900000000000000000020013',
  },
  addon_wfm: {
    productRatePlanId: '8ad09c4a900000000000000000010014',
    productRatePlanChargeId: '8ad09c4a900000000000000000020014',
  },
} as const satisfies Record<string, ZuoraRatePlanIds>

/** Promo code → its discount product rate plan and Discount-Percentage charge. */
export const zuoraDiscountIds = {
  SAVE10: {
    productRatePlanId: '8ad09c4a900000000000000000010021',
    productRatePlanChargeId: '8ad09c4a900000000000000000020021',
  },
  WELCOME20: {
    productRatePlanId: '8ad09c4a900000000000000000010022',
    productRatePlanChargeId: '8ad09c4a900000000000000000020022',
  },
} as const satisfies Record<string, ZuoraRatePlanIds>

/** The simulated Payment Pages 2.0 page id (`pageId` of `POST /v1/rsa-signatures`). */
export const demoPaymentPageId = '8ad09c4a900000000000000000030001'

/** The demo OAuth client (`POST /oauth/token`). */
export const demoOAuthClient = { clientId: 'demo-client', clientSecret: 'demo-secret' } as const
