/**
 * Invoices: listed and read through Object Query, their PDFs through the classic v1 files API.
 *
 * Sources, all in chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/:
 * - `queryInvoices`, GET /object-query/invoices: v1-api-reference_api_operation_queryinvoices.md
 * - `queryInvoiceByKey`, GET /object-query/invoices/{key}: v1-api-reference_api_operation_queryinvoicebykey.md
 * - invoice item fields: v1-api-reference_api_operation_queryinvoiceitembykey.md (`queryInvoiceItemByKey`)
 * - `GET_InvoiceFiles`, GET /v1/invoices/{invoiceKey}/files: v1-api-reference_api_operation_get_invoicefiles.md
 * - `GET_Files`, GET /v1/files/{file-id} (binary; JSON only on error): v1-api-reference_api_operation_get_files.md
 *
 * Object Query omits null fields unless `includeNullFields=true`, so only fields every posted
 * invoice has are required. Its cursor is opaque (`nextPage`, absent on the last page), filters
 * are AND-ed `field.OP:value` strings, and `pageSize` is 1..99 (400 otherwise).
 */
import { z } from 'zod'
import { amountSchema, isoDateSchema, successFlagSchema } from './common'

/** `filter[]=invoicedate.GE:2025-01-01`: field, operator (EQ, NE, LT, GT, LE, GE, SW, IN), value. */
export const objectQueryFilterSchema = z.string().regex(/^[A-Za-z_][\w.]*\.(EQ|NE|LT|GT|LE|GE|SW|IN):.*$/)
/** `sort[]=invoicedate.DESC`. */
export const objectQuerySortSchema = z.string().regex(/^[A-Za-z_][\w.]*\.(ASC|DESC)$/i)

export const queryInvoicesQuerySchema = z.strictObject({
  'filter[]': z.array(objectQueryFilterSchema).optional(),
  'sort[]': z.array(objectQuerySortSchema).optional(),
  'expand[]': z.array(z.string()).optional(),
  'fields[]': z.array(z.string()).optional(),
  pageSize: z.number().int().min(1).max(99).optional(),
  cursor: z.string().min(1).optional(),
  includeNullFields: z.boolean().optional(),
})
export type QueryInvoicesQuery = z.infer<typeof queryInvoicesQuerySchema>

export const queryInvoiceByKeyQuerySchema = z.strictObject({
  'expand[]': z.array(z.string()).optional(),
  'fields[]': z.array(z.string()).optional(),
  includeNullFields: z.boolean().optional(),
})
export type QueryInvoiceByKeyQuery = z.infer<typeof queryInvoiceByKeyQuerySchema>

/** An invoice item as expanded by `expand[]=invoiceitems` (Object Query spells `uOM`, `sKU`). */
export const objectQueryInvoiceItemSchema = z.looseObject({
  id: z.string(),
  chargeName: z.string(),
  chargeAmount: amountSchema,
  taxAmount: amountSchema.optional(),
  serviceStartDate: isoDateSchema,
  serviceEndDate: isoDateSchema.optional(),
  quantity: z.number().optional(),
  unitPrice: amountSchema.optional(),
  uOM: z.string().optional(),
  chargeNumber: z.string().optional(),
  subscriptionNumber: z.string().optional(),
  subscriptionId: z.string().optional(),
  processingType: z.string().optional(),
})
export type ObjectQueryInvoiceItem = z.infer<typeof objectQueryInvoiceItemSchema>

export const objectQueryInvoiceSchema = z.looseObject({
  id: z.string(),
  invoiceNumber: z.string(),
  accountId: z.string(),
  invoiceDate: isoDateSchema,
  dueDate: isoDateSchema.optional(),
  /** Draft, Posted, Canceled, Error. */
  status: z.string(),
  currency: z.string(),
  amount: amountSchema,
  amountWithoutTax: amountSchema.optional(),
  taxAmount: amountSchema,
  balance: amountSchema,
  paymentAmount: amountSchema.optional(),
  updatedDate: z.string().optional(),
  /** Present with `expand[]=invoiceitems`. */
  invoiceItems: z.array(objectQueryInvoiceItemSchema).optional(),
})
export type ObjectQueryInvoice = z.infer<typeof objectQueryInvoiceSchema>

export const queryInvoicesResponseSchema = z.looseObject({
  data: z.array(objectQueryInvoiceSchema),
  /** The cursor of the next page; absent (or null) on the last one. */
  nextPage: z.string().nullable().optional(),
})
export type QueryInvoicesResponse = z.infer<typeof queryInvoicesResponseSchema>

export const queryInvoiceByKeyResponseSchema = objectQueryInvoiceSchema
export type QueryInvoiceByKeyResponse = ObjectQueryInvoice

export const invoiceFileSchema = z.looseObject({
  id: z.string(),
  /** Milliseconds since the epoch of the generation: the highest is the latest PDF. */
  versionNumber: z.number(),
  /** `/v1/files/{file-id}`: the file id is its last segment. */
  pdfFileUrl: z.string(),
})
export type InvoiceFile = z.infer<typeof invoiceFileSchema>

/** Only PDFs already generated are listed: the list may be empty. */
export const invoiceFilesResponseSchema = z.looseObject({
  success: successFlagSchema,
  invoiceFiles: z.array(invoiceFileSchema),
  nextPage: z.string().optional(),
})
export type InvoiceFilesResponse = z.infer<typeof invoiceFilesResponseSchema>

/** The file id in a `pdfFileUrl` (`/v1/files/2c98...262d` → `2c98...262d`), or null. */
export function fileIdFromUrl(pdfFileUrl: string): string | null {
  const match = /\/v1\/files\/([^/?#]+)/.exec(pdfFileUrl)
  return match?.[1] ?? null
}
