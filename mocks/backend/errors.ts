import type { ApiErrorBody } from '../../src/lib/api/schemas'

/**
 * A refusal by the simulated backend. The backend throws it from anywhere (a rule deep in pricing,
 * a guard in a handler) and the handler wrapper turns it into an answer shaped as apiErrorSchema,
 * so the backend logic never depends on MSW.
 */
export class MockApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string> | undefined
  readonly headers: Record<string, string>

  constructor(
    status: number,
    code: string,
    message: string,
    options: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(message)
    this.status = status
    this.code = code
    this.fields = options.fields
    this.headers = options.headers ?? {}
  }

  get body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } }
  }
}

export const unauthenticated = () => new MockApiError(401, 'unauthenticated', 'Sign in to continue.')

export const forbidden = (message = 'Your role cannot change billing. Ask a billing admin.') =>
  new MockApiError(403, 'forbidden', message)

export const notFound = (message: string) => new MockApiError(404, 'not_found', message)

/** The request was made for another account than the session's (another tab switched meanwhile). */
export const accountChanged = () =>
  new MockApiError(
    409,
    'account_changed',
    'This request was made for another account than the one now signed in. Nothing was changed.',
  )

export const maintenanceError = () =>
  new MockApiError(503, 'maintenance', 'Billing is in maintenance: changes are paused. Try again later.', {
    headers: { 'Retry-After': '60' },
  })

/** 422 with one message per field; the first message doubles as the summary when there is one field. */
export function validationFailed(fields: Record<string, string>, code = 'validation_failed', message?: string) {
  const names = Object.keys(fields)
  const summary = message ?? `Some fields are not valid: ${names.join(', ')}.`
  return new MockApiError(422, code, summary, { fields })
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
