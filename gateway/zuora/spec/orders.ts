/**
 * Orders: preview (quotes), create (synchronously or as an async job) and read back.
 *
 * Sources, all in chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/:
 * - `POST_PreviewOrder`, POST /v1/orders/preview: v1-api-reference_api_operation_post_previeworder.md
 * - `POST_Order`, POST /v1/orders?returnIds=: v1-api-reference_api_operation_post_order.md
 * - `GET_Order`, GET /v1/orders/{orderNumber}: v1-api-reference_api_operation_get_order.md
 * - `POST_CreateOrderAsynchronously`, POST /v1/async/orders:
 *   v1-api-reference_api_operation_post_createorderasynchronously.md
 * - `GET_JobStatusAndResponse`, GET /v1/async-jobs/{jobId}:
 *   v1-api-reference_api_operation_get_jobstatusandresponse.md
 * `returnIds=true` adds `accountId`, `subscriptionId`, `invoiceIds`, `paymentId`, ... next to the
 * numbers (field notes in the zuora-sdk docs, `PostOrderResponseType`).
 */
import { z } from 'zod'
import { amountSchema, isoDateSchema, successFlagSchema } from './common'
import { orderActionSchema } from './order-actions'

/** ≤ 100 characters, and Orders forbid `#`, `?` and `/` in it. */
export const orderNumberSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^#?/]+$/, 'Orders forbid #, ? and /')

/** One existing subscription and the actions applied to it (≤ 50 per synchronous call). */
export const orderSubscriptionSchema = z.strictObject({
  subscriptionNumber: z.string().min(1),
  orderActions: z.array(orderActionSchema).min(1).max(50),
})
export type OrderSubscription = z.infer<typeof orderSubscriptionSchema>

export const processingOptionsSchema = z.strictObject({
  runBilling: z.boolean().optional(),
  collectPayment: z.boolean().optional(),
  billingOptions: z.strictObject({ targetDate: isoDateSchema.optional() }).optional(),
})

const orderBase = {
  existingAccountNumber: z.string().min(1).max(70),
  orderDate: isoDateSchema,
  description: z.string().max(500).optional(),
  subscriptions: z.array(orderSubscriptionSchema).min(1).max(50),
}

export const createOrderRequestSchema = z.strictObject({
  ...orderBase,
  /** Set by the gateway (deterministic) so an order can be found after Zuora forgets the key. */
  orderNumber: orderNumberSchema.optional(),
  processingOptions: processingOptionsSchema.optional(),
})
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>

/** The async variant takes the same body, with up to 300 subscriptions and actions. */
export const createOrderAsyncRequestSchema = createOrderRequestSchema.extend({
  subscriptions: z.array(orderSubscriptionSchema).min(1).max(300),
})
export type CreateOrderAsyncRequest = z.infer<typeof createOrderAsyncRequestSchema>

export const createOrderQuerySchema = z.strictObject({ returnIds: z.boolean().optional() })

export const PREVIEW_THRU_TYPES = ['SpecificDate', 'TermEnd', 'NumberOfPeriods'] as const
export const PREVIEW_TYPES = [
  'ChargeMetrics',
  'BillingDocs',
  'OrderDeltaMetrics',
  'OrderMetrics',
  'RatePlanChargeMetrics',
] as const

export const previewOptionsSchema = z.strictObject({
  previewThruType: z.enum(PREVIEW_THRU_TYPES),
  previewNumberOfPeriods: z.number().int().positive().optional(),
  specificPreviewThruDate: isoDateSchema.optional(),
  previewTypes: z.array(z.enum(PREVIEW_TYPES)).min(1),
})
export type PreviewOptions = z.infer<typeof previewOptionsSchema>

export const previewOrderRequestSchema = z.strictObject({ ...orderBase, previewOptions: previewOptionsSchema })
export type PreviewOrderRequest = z.infer<typeof previewOrderRequestSchema>

/** A billing-document line of a preview (invoice item or credit memo item). */
export const previewDocumentItemSchema = z.looseObject({
  serviceStartDate: isoDateSchema,
  serviceEndDate: isoDateSchema,
  amountWithoutTax: amountSchema,
  taxAmount: amountSchema,
  chargeName: z.string(),
  chargeNumber: z.string().nullable().optional(),
  productName: z.string().optional(),
  productRatePlanChargeId: z.string().optional(),
  unitPrice: amountSchema.optional(),
  subscriptionNumber: z.string().nullable().optional(),
  processingType: z.string().optional(),
  additionalInfo: z.looseObject({ quantity: z.number().optional(), unitOfMeasure: z.string().optional() }).optional(),
})
export type PreviewDocumentItem = z.infer<typeof previewDocumentItemSchema>

export const previewInvoiceSchema = z.looseObject({
  amount: amountSchema,
  amountWithoutTax: amountSchema,
  taxAmount: amountSchema,
  targetDate: isoDateSchema.optional(),
  invoiceItems: z.array(previewDocumentItemSchema),
})
export type PreviewInvoice = z.infer<typeof previewInvoiceSchema>

export const previewCreditMemoSchema = z.looseObject({
  amount: amountSchema,
  amountWithoutTax: amountSchema,
  taxAmount: amountSchema,
  targetDate: isoDateSchema.optional(),
  creditMemoItems: z.array(previewDocumentItemSchema),
})
export type PreviewCreditMemo = z.infer<typeof previewCreditMemoSchema>

export const previewOrderResponseSchema = z.looseObject({
  success: successFlagSchema,
  previewResult: z.looseObject({
    invoices: z.array(previewInvoiceSchema).optional(),
    creditMemos: z.array(previewCreditMemoSchema).optional(),
  }),
})
export type PreviewOrderResponse = z.infer<typeof previewOrderResponseSchema>

/** Draft, Pending, Completed, Scheduled, Executing, Failed (POST_Order `status`). */
export const ORDER_STATUSES = ['Draft', 'Pending', 'Completed', 'Scheduled', 'Executing', 'Failed'] as const

const orderResultSubscriptionSchema = z.looseObject({
  subscriptionNumber: z.string().optional(),
  subscriptionId: z.string().optional(),
  status: z.string(),
})

/** The result of a created order: the answer of POST /v1/orders and an async job's `result`. */
export const createOrderResultSchema = z.looseObject({
  orderNumber: z.string(),
  status: z.string(),
  accountNumber: z.string().optional(),
  accountId: z.string().optional(),
  subscriptions: z.array(orderResultSubscriptionSchema).optional(),
  invoiceNumbers: z.array(z.string()).optional(),
  invoiceIds: z.array(z.string()).optional(),
  creditMemoNumbers: z.array(z.string()).optional(),
  creditMemoIds: z.array(z.string()).optional(),
  paymentNumber: z.string().optional(),
  paymentId: z.string().optional(),
  /** A string in the async job sample ("300"), a number elsewhere. */
  paidAmount: z.union([amountSchema, z.string()]).optional(),
})

export const createOrderResponseSchema = createOrderResultSchema.extend({ success: z.literal(true) })
export type CreateOrderResponse = z.infer<typeof createOrderResponseSchema>

export const getOrderResponseSchema = z.looseObject({
  success: successFlagSchema,
  order: z.looseObject({
    orderNumber: z.string(),
    orderDate: isoDateSchema,
    status: z.string(),
    existingAccountNumber: z.string().optional(),
    createdDate: z.string().optional(),
    subscriptions: z.array(
      z.looseObject({
        subscriptionNumber: z.string(),
        orderActions: z.array(z.looseObject({ type: z.string() })).optional(),
      }),
    ),
  }),
})
export type GetOrderResponse = z.infer<typeof getOrderResponseSchema>

export const createOrderAsyncResponseSchema = z.looseObject({
  success: successFlagSchema,
  jobId: z.string().min(1),
})
export type CreateOrderAsyncResponse = z.infer<typeof createOrderAsyncResponseSchema>

/** Processing while it runs, then Completed or Failed (with `errors`). */
export const ASYNC_JOB_STATUSES = ['Processing', 'Completed', 'Failed'] as const

export const asyncJobResponseSchema = z.looseObject({
  success: successFlagSchema,
  status: z.string(),
  errors: z.string().nullable().optional(),
  result: createOrderResultSchema
    .extend({ jobType: z.string().optional(), success: successFlagSchema })
    .nullable()
    .optional(),
})
export type AsyncJobResponse = z.infer<typeof asyncJobResponseSchema>
