import type { ApiErrorBody } from '../../src/lib/api/schemas'

/**
 * A refusal by the billing API, shaped as the contract's apiErrorSchema. The gateway's rules (and
 * the simulated backend's, which share them) throw it from anywhere (a rule deep in a change
 * request, a guard in a route) and the one answer wrapper turns it into the JSON error, so the
 * rules depend on no server framework and no MSW.
 */
export class GatewayError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string> | undefined
  readonly headers: Record<string, string>
  /** A finer cause where one code has several (402 `payment_declined`: why). */
  readonly reason: string | undefined

  constructor(
    status: number,
    code: string,
    message: string,
    options: { fields?: Record<string, string>; headers?: Record<string, string>; reason?: string } = {},
  ) {
    super(message)
    this.status = status
    this.code = code
    this.fields = options.fields
    this.headers = options.headers ?? {}
    this.reason = options.reason
  }

  get body(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.reason ? { reason: this.reason } : {}),
      },
    }
  }
}

export const unauthenticated = () => new GatewayError(401, 'unauthenticated', 'Sign in to continue.')

export const forbidden = (message = 'Your role cannot change billing. Ask a billing admin.') =>
  new GatewayError(403, 'forbidden', message)

export const notFound = (message: string) => new GatewayError(404, 'not_found', message)

/** The request was made for another account than the session's (another tab switched meanwhile). */
export const accountChanged = () =>
  new GatewayError(
    409,
    'account_changed',
    'This request was made for another account than the one now signed in. Nothing was changed.',
  )

export const maintenanceError = () =>
  new GatewayError(503, 'maintenance', 'Billing is in maintenance: changes are paused. Try again later.', {
    headers: { 'Retry-After': '60' },
  })

/** 422 with one message per field; the first message doubles as the summary when there is one field. */
export function validationFailed(fields: Record<string, string>, code = 'validation_failed', message?: string) {
  const names = Object.keys(fields)
  const summary = message ?? `Some fields are not valid: ${names.join(', ')}.`
  return new GatewayError(422, code, summary, { fields })
}

/** Zod issues as `dotted.path → message`, keeping the first message for each path. */
export function fieldsFromZod(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[]
}): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'body'
    fields[path] ??= issue.message
  }
  return fields
}
