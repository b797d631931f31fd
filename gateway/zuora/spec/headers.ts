/**
 * The request headers the gateway sends Zuora, with the limits Zuora documents for each.
 *
 * Source: chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/
 * v1-api-reference_api_operation_post_order.md ("header Parameters"), and
 * docs_guides_idempotent-requests.md.
 */
import { z } from 'zod'

/**
 * The Zuora minor API version every call is pinned to. Response shapes change with it (for
 * example `productRatePlans` became a URL in the catalog), so the gateway never floats.
 */
export const ZUORA_VERSION = '2025-08-12'

export const ZUORA_HEADERS = {
  version: 'Zuora-Version',
  trackId: 'Zuora-Track-Id',
  idempotencyKey: 'Idempotency-Key',
  requestId: 'Zuora-Request-Id',
  entityIds: 'Zuora-Entity-Ids',
} as const

/**
 * `Idempotency-Key`: at most 255 characters, POST and PATCH only (a PUT carrying it gets 400).
 * Zuora replays the first answer for 24 hours.
 */
export const idempotencyKeySchema = z.string().min(1).max(255)

/**
 * `Zuora-Track-Id`: at most 64 US-ASCII characters, none of `:` `;` `"` `'`; echoed back in the
 * response headers so a call can be traced in Zuora's logs.
 */
export const trackIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x20-\x7e]*$/, 'US-ASCII only')
  .refine((value) => !/[:;"']/.test(value), 'must not contain : ; " or \'')

/** Methods that may carry an `Idempotency-Key`. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH'])
