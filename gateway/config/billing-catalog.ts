/**
 * The vendor's catalog and which Zuora product rate plan and charge each entry is. The catalog the
 * app shows (`GET /catalog`) is the vendor's own copy: it answers while Zuora is down. Which rate
 * plan is a plan, whose per-unit charge is "seats", which is an add-on and which discount plan a
 * promo code adds is configuration, never code: a tenant's ids are its own
 * (`BILLING_CATALOG`, a JSON file; deploy/gateway/catalog.example.json).
 */
import { z } from 'zod'
import { currencyCodes } from '../../src/lib/api/currencies'

const zuoraId = z.string().trim().min(1).max(64)
const money = z.strictObject({
  amountMinor: z.number().int().min(0),
  currency: z.enum(currencyCodes),
})
const text = (max: number) => z.string().trim().min(1).max(max)

const planSchema = z.strictObject({
  id: text(200),
  name: text(200),
  description: text(2_000),
  seatPrice: money,
  interval: z.enum(['month', 'year']),
  features: z.array(text(200)).max(50),
  zuora: z.strictObject({ productRatePlanId: zuoraId, seatChargeId: zuoraId }),
})

const addonSchema = z.strictObject({
  id: text(200),
  name: text(200),
  description: text(2_000),
  unitPrice: money,
  unit: z.enum(['account', 'seat', 'pack']),
  maxQuantity: z.number().int().min(1).max(1_000_000),
  zuora: z.strictObject({ productRatePlanId: zuoraId, chargeId: zuoraId }),
})

export const billingCatalogSchema = z
  .strictObject({
    currency: z.enum(currencyCodes),
    plans: z.array(planSchema).min(1),
    addons: z.array(addonSchema),
    /** A promo code adds its discount product rate plan to the order. */
    promoCodes: z
      .array(
        z.strictObject({
          code: z.string().trim().toUpperCase().min(1).max(40),
          productRatePlanId: zuoraId,
          chargeId: zuoraId,
        }),
      )
      .default([]),
  })
  .superRefine((catalog, context) => {
    const seen = new Map<string, string>()
    const claim = (id: string, where: string) => {
      const first = seen.get(id)
      if (first) context.addIssue({ code: 'custom', message: `${where}: Zuora id ${id} is also ${first}`, path: [] })
      seen.set(id, where)
    }
    catalog.plans.forEach((plan, i) => {
      claim(plan.zuora.productRatePlanId, `plans[${i}].zuora.productRatePlanId`)
      claim(plan.zuora.seatChargeId, `plans[${i}].zuora.seatChargeId`)
    })
    catalog.addons.forEach((addon, i) => {
      claim(addon.zuora.productRatePlanId, `addons[${i}].zuora.productRatePlanId`)
      claim(addon.zuora.chargeId, `addons[${i}].zuora.chargeId`)
    })
    catalog.promoCodes.forEach((promo, i) => {
      claim(promo.productRatePlanId, `promoCodes[${i}].productRatePlanId`)
      claim(promo.chargeId, `promoCodes[${i}].chargeId`)
    })
    const ids = [...catalog.plans, ...catalog.addons].map((entry) => entry.id)
    for (const id of ids)
      if (ids.indexOf(id) !== ids.lastIndexOf(id))
        context.addIssue({ code: 'custom', message: `the id ${id} is used twice`, path: [] })
    for (const [i, entry] of [
      ...catalog.plans.map((p) => p.seatPrice),
      ...catalog.addons.map((a) => a.unitPrice),
    ].entries())
      if (entry.currency !== catalog.currency)
        context.addIssue({
          code: 'custom',
          message: `price ${i} is in ${entry.currency}, not ${catalog.currency}`,
          path: [],
        })
  })

export type BillingCatalog = z.infer<typeof billingCatalogSchema>
export type CatalogPlan = BillingCatalog['plans'][number]
export type CatalogAddon = BillingCatalog['addons'][number]

/** The catalog as the contract gives it to the app: without the Zuora ids and promo codes. */
export function publicCatalog(catalog: BillingCatalog) {
  return {
    currency: catalog.currency,
    plans: catalog.plans.map(({ zuora: _zuora, ...plan }) => plan),
    addons: catalog.addons.map(({ zuora: _zuora, ...addon }) => addon),
  }
}

/** Lookups by Zuora id, for reading a subscription's rate plans. */
export function catalogIndex(catalog: BillingCatalog) {
  const planByRatePlan = new Map(catalog.plans.map((plan) => [plan.zuora.productRatePlanId, plan]))
  const addonByRatePlan = new Map(catalog.addons.map((addon) => [addon.zuora.productRatePlanId, addon]))
  const promoByCode = new Map(catalog.promoCodes.map((promo) => [promo.code, promo]))
  const promoRatePlans = new Set(catalog.promoCodes.map((promo) => promo.productRatePlanId))
  return {
    catalog,
    plan: (id: string) => catalog.plans.find((plan) => plan.id === id),
    addon: (id: string) => catalog.addons.find((addon) => addon.id === id),
    planByRatePlan: (productRatePlanId: string) => planByRatePlan.get(productRatePlanId),
    addonByRatePlan: (productRatePlanId: string) => addonByRatePlan.get(productRatePlanId),
    promo: (code: string) => promoByCode.get(code.trim().toUpperCase()),
    isPromoRatePlan: (productRatePlanId: string) => promoRatePlans.has(productRatePlanId),
  }
}

export type CatalogIndex = ReturnType<typeof catalogIndex>
