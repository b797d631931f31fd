/**
 * The tenant's product catalog: one product, "Help Desk", whose product rate plans are the demo
 * catalog's plans and add-ons (mocks/demo-data/catalog.ts, a per-unit monthly charge each) and the
 * promo codes (a Discount-Percentage charge for one billing period each), under the ids of
 * catalog-ids.ts. `GET /v1/catalog/products` lists the product; with a date-style Zuora-Version
 * (current minor versions) its `productRatePlans` is the URL of `GET /v1/products/{key}/
 * product-rate-plans`, with an older numeric one (or none) the plans come inline.
 */
import { catalog } from '../demo-data/catalog'
import { promoCodes } from '../demo-data/pricing'
import { helpDeskProduct, zuoraAddonIds, zuoraDiscountIds, zuoraPlanIds, type ZuoraRatePlanIds } from './catalog-ids'
import { decimal, json, notFound } from './responses'

/** What the simulator needs to know of a product rate plan to put it in a subscription. */
export type CatalogRatePlan = {
  ids: ZuoraRatePlanIds
  name: string
  chargeName: string
  kind: 'plan' | 'addon' | 'discount'
  /** Cents per unit per month; null for a discount. */
  unitPriceMinor: number | null
  discountPercentage: number | null
  uom: string | null
}

const CATALOG_START = '2020-01-01'
const CATALOG_END = '2099-12-31'

export const catalogRatePlans: readonly CatalogRatePlan[] = [
  ...catalog.plans.map((plan): CatalogRatePlan => ({
    ids: zuoraPlanIds[plan.id as keyof typeof zuoraPlanIds],
    name: plan.name,
    chargeName: 'Seats',
    kind: 'plan',
    unitPriceMinor: plan.seatPrice.amountMinor,
    discountPercentage: null,
    uom: 'Seat',
  })),
  ...catalog.addons.map((addon): CatalogRatePlan => ({
    ids: zuoraAddonIds[addon.id as keyof typeof zuoraAddonIds],
    name: addon.name,
    chargeName: addon.name,
    kind: 'addon',
    unitPriceMinor: addon.unitPrice.amountMinor,
    discountPercentage: null,
    uom: addon.unit.charAt(0).toUpperCase() + addon.unit.slice(1),
  })),
  ...Object.entries(zuoraDiscountIds).map(([code, ids]): CatalogRatePlan => ({
    ids,
    name: `Promo ${code}`,
    chargeName: `${code} ${promoCodes[code] ?? 0}% off`,
    kind: 'discount',
    unitPriceMinor: null,
    discountPercentage: promoCodes[code] ?? 0,
    uom: null,
  })),
]

export const findCatalogRatePlan = (productRatePlanId: string): CatalogRatePlan | undefined =>
  catalogRatePlans.find((plan) => plan.ids.productRatePlanId === productRatePlanId)

function productRatePlanCharge(plan: CatalogRatePlan, index: number) {
  const perUnit = plan.unitPriceMinor !== null
  return {
    id: plan.ids.productRatePlanChargeId,
    name: plan.chargeName,
    type: 'Recurring',
    model: perUnit ? 'PerUnit' : 'DiscountPercentage',
    uom: plan.uom,
    billingPeriod: 'Month',
    billingTiming: 'IN_ADVANCE',
    defaultQuantity: perUnit ? 1 : null,
    upToPeriods: perUnit ? null : 1,
    upToPeriodsType: perUnit ? null : 'Billing_Periods',
    pricing: [
      {
        currency: catalog.currency,
        price: perUnit ? decimal(plan.unitPriceMinor ?? 0) : null,
        discountAmount: null,
        discountPercentage: plan.discountPercentage,
      },
    ],
    pricingSummary: [
      perUnit
        ? `USD${decimal(plan.unitPriceMinor ?? 0)}/${plan.uom ?? 'Unit'}`
        : `${plan.discountPercentage}% discount`,
    ],
    productRatePlanChargeNumber: `PRPC-${String(index + 1).padStart(8, '0')}`,
  }
}

const productRatePlans = () =>
  catalogRatePlans.map((plan, index) => ({
    id: plan.ids.productRatePlanId,
    name: plan.name,
    description: '',
    status: 'Active',
    effectiveStartDate: CATALOG_START,
    effectiveEndDate: CATALOG_END,
    productRatePlanNumber: `PRP-${String(index + 1).padStart(8, '0')}`,
    productRatePlanCharges: [productRatePlanCharge(plan, index)],
  }))

/** Date-style minor versions (2025-08-12) are the current ones; numeric ones (211.0) are older. */
const ratePlansAsUrl = (zuoraVersion: string | null) =>
  zuoraVersion !== null && /^\d{4}-\d{2}-\d{2}$/.test(zuoraVersion)

export function getCatalog(request: Request): Response {
  const url = new URL(request.url)
  const product = {
    id: helpDeskProduct.id,
    name: helpDeskProduct.name,
    sku: helpDeskProduct.sku,
    productNumber: helpDeskProduct.productNumber,
    description: 'Help desk software: plans per seat, add-ons per unit.',
    category: 'Base Products',
    effectiveStartDate: CATALOG_START,
    effectiveEndDate: CATALOG_END,
    productRatePlans: ratePlansAsUrl(request.headers.get('Zuora-Version'))
      ? `${url.origin}/v1/products/${helpDeskProduct.id}/product-rate-plans`
      : productRatePlans(),
  }
  return json({ products: [product], success: true })
}

export function getProductRatePlans(productKey: string): Response {
  if (productKey !== helpDeskProduct.id && productKey !== helpDeskProduct.sku) return notFound(`Product ${productKey}`)
  return json({ productRatePlans: productRatePlans(), success: true })
}
