/**
 * How Zuora says a call failed, and which failures are worth another try.
 *
 * "HTTP 200 doesn't mean your call succeeded": writes answer 200 with `success: false`, a
 * `processId` for Zuora support and `reasons[]` of 8-digit codes whose last two digits are the
 * error category. 4xx/5xx bodies carry the same `reasons` (sometimes with a word for a code, e.g.
 * `"SystemError"` in the published 500 sample of GET /v1/files/{file-id}), or only a `message`.
 *
 * Source: chrisesposito92/zuca-v2 : zuora-docs-scrapper/output/zuora-developer/
 * docs_guides_error-handling.md ("Handling HTTP 200 errors", "Transient vs permanent errors") and
 * v1-api-reference_api_operation_get_files.md (error sample); field names as in the `zuora-sdk`
 * package docs (`GetOrderResponse`: `process_id`, `request_id`, `reasons: List[FailedReason]`).
 */
import { z } from 'zod'

export const zuoraReasonSchema = z.looseObject({
  code: z.union([z.number().int(), z.string()]),
  message: z.string(),
})
export type ZuoraReason = z.infer<typeof zuoraReasonSchema>

/** The 200-with-`success:false` envelope of a failed write (and of most failed v1 calls). */
export const zuoraFailureSchema = z.looseObject({
  success: z.literal(false),
  processId: z.string().optional(),
  requestId: z.string().optional(),
  reasons: z.array(zuoraReasonSchema),
})
export type ZuoraFailure = z.infer<typeof zuoraFailureSchema>

/**
 * Any 4xx/5xx body: the v1 envelope (`success`, `processId`, `reasons`), a bare `reasons` list
 * (object queries, files), or the API gateway's `{ message }` (401, 429). Every field optional:
 * the status code is what the caller acts on; the body only explains it.
 */
export const zuoraErrorBodySchema = z.looseObject({
  success: z.boolean().optional(),
  processId: z.string().optional(),
  requestId: z.string().optional(),
  reasons: z.array(zuoraReasonSchema).optional(),
  message: z.string().optional(),
})
export type ZuoraErrorBody = z.infer<typeof zuoraErrorBodySchema>

/** True when a parsed JSON body is Zuora's failure envelope (whatever the HTTP status). */
export function isZuoraFailure(body: unknown): body is ZuoraFailure {
  return zuoraFailureSchema.safeParse(body).success
}

/** The documented categories: the last two digits of an 8-digit reason code. */
export const ERROR_CATEGORIES = {
  10: 'permission or access denied',
  11: 'authentication failed',
  20: 'invalid format or value',
  21: 'unknown field in request',
  22: 'missing required field',
  23: 'missing required parameter',
  27: 'invalid query parameter',
  30: 'rule restriction (business rule violation)',
  40: 'resource not found',
  45: 'unsupported request method',
  50: 'locking contention',
  60: 'internal error',
  61: 'temporary error',
  70: 'request exceeded limit (concurrency)',
  90: 'malformed request (JSON syntax error)',
  99: 'integration error (external system)',
} as const satisfies Record<number, string>

/** Lock contention, internal, temporary, concurrency limit and external integration errors. */
export const RETRYABLE_CATEGORIES: ReadonlySet<number> = new Set([50, 60, 61, 70, 99])

/** The category of a reason code: its last two digits (53100320 → 20). */
export function errorCategory(code: number): number {
  return Math.abs(Math.trunc(code)) % 100
}

/** A reason is retryable when its code is numeric and its category is one of the retryable ones. */
export function isRetryableReason(reason: Pick<ZuoraReason, 'code'>): boolean {
  return typeof reason.code === 'number' && RETRYABLE_CATEGORIES.has(errorCategory(reason.code))
}

/**
 * A failure is worth retrying only when every reason is: one permanent reason (a bad field next
 * to a lock) means the same request would fail again.
 */
export function isRetryableFailure(failure: Pick<ZuoraFailure, 'reasons'>): boolean {
  return failure.reasons.length > 0 && failure.reasons.every(isRetryableReason)
}
