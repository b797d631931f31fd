/**
 * The product catalog: products, their rate plans and charges with a price per currency.
 *
 * Sources, all in chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/:
 * - `GET_Catalog`, GET /v1/catalog/products: v1-api-reference_api_operation_get_catalog.md
 * - `GET_ProductRatePlans`, GET /v1/products/{product-key}/product-rate-plans:
 *   v1-api-reference_api_operation_get_productrateplans.md
 *
 * A second URL: in current minor versions (the published sample, and our pin) a catalog
 * product's `productRatePlans` is a URL string, not the rate plans. Zuora's field description
 * says to call `GET_ProductRatePlans` "with the returned URL"; that operation's documented path is
 * GET /v1/products/{product-key}/product-rate-plans, one call per product. The sample's URL
 * (`/v1/rateplan/{id}/productRatePlan`) is not a documented path, so the gateway should build the
 * documented one from the product id (inference). Both pages are classic
 * v1 lists: `page`/`pageSize` ≤ 40, `nextPage` a URL.
 */
import { z } from 'zod'
import { amountSchema, isoDateSchema, successFlagSchema } from './common'

/** One currency's price of a charge. Tiered models put their prices in `tiers` instead. */
export const chargePricingEntrySchema = z.looseObject({
  currency: z.string(),
  price: amountSchema.nullable(),
  tiers: z
    .array(
      z.looseObject({
        startingUnit: z.number().nullable().optional(),
        endingUnit: z.number().nullable().optional(),
        price: amountSchema,
        priceFormat: z.string().optional(),
      }),
    )
    .nullable()
    .optional(),
  discountAmount: amountSchema.nullable().optional(),
  discountPercentage: z.number().nullable().optional(),
})
export type ChargePricingEntry = z.infer<typeof chargePricingEntrySchema>

export const productRatePlanChargeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  /** OneTime, Recurring, Usage. */
  type: z.string(),
  /** FlatFee, PerUnit, Tiered, Volume, ... */
  model: z.string(),
  uom: z.string().nullable(),
  billingPeriod: z.string().nullable(),
  defaultQuantity: z.number().nullable().optional(),
  pricing: z.array(chargePricingEntrySchema),
  pricingSummary: z.array(z.string()).optional(),
  productRatePlanChargeNumber: z.string().optional(),
})
export type ProductRatePlanCharge = z.infer<typeof productRatePlanChargeSchema>

export const productRatePlanSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  /** Active, Expired, NotStarted. */
  status: z.string().optional(),
  effectiveStartDate: isoDateSchema,
  effectiveEndDate: isoDateSchema,
  productRatePlanNumber: z.string().optional(),
  productRatePlanCharges: z.array(productRatePlanChargeSchema),
})
export type ProductRatePlan = z.infer<typeof productRatePlanSchema>

export const catalogProductSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  sku: z.string(),
  description: z.string().nullable().optional(),
  category: z.string().nullable().optional(),
  productNumber: z.string().optional(),
  effectiveStartDate: isoDateSchema,
  effectiveEndDate: isoDateSchema,
  /** A URL in current minor versions (see the file comment); the inline list in old ones. */
  productRatePlans: z.union([z.string(), z.array(productRatePlanSchema)]),
})
export type CatalogProduct = z.infer<typeof catalogProductSchema>

export const getCatalogResponseSchema = z.looseObject({
  success: successFlagSchema,
  products: z.array(catalogProductSchema),
  nextPage: z.string().optional(),
})
export type GetCatalogResponse = z.infer<typeof getCatalogResponseSchema>

export const getProductRatePlansResponseSchema = z.looseObject({
  success: successFlagSchema,
  productRatePlans: z.array(productRatePlanSchema),
  nextPage: z.string().optional(),
})
export type GetProductRatePlansResponse = z.infer<typeof getProductRatePlansResponseSchema>
