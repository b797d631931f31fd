/**
 * Small shapes several Zuora resources share. Zuora sends dates as `yyyy-mm-dd` strings, ids as
 * 32-character hex strings (not enforced: sandboxes and the simulator use other forms), and money
 * as JSON numbers in the currency's major unit (14.99), converted to minor units at the edge.
 */
import { z } from 'zod'

/** `yyyy-mm-dd`, as every Zuora date field is sent and received. */
export const isoDateSchema = z.iso.date()

/** A decimal amount in the currency's major unit, as Zuora sends it. */
export const amountSchema = z.number()

/** The `success` flag most v1 bodies carry; GETs of object queries do not. */
export const successFlagSchema = z.boolean().optional()

/** Classic v1 list pagination: `page`/`pageSize` (≤ 40) in, `nextPage` (a URL) out. */
export const classicPageQuerySchema = z.strictObject({
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).max(40).optional(),
})
export type ClassicPageQuery = z.infer<typeof classicPageQuerySchema>
