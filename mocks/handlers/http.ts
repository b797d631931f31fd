/**
 * What every billing API handler shares: the mock API base (the app's own `/api`), turning a
 * GatewayError into an apiErrorSchema answer, and the guards (signed in, role, maintenance, a valid body).
 */
import { HttpResponse, type DefaultBodyType, type JsonBodyType } from 'msw'
import type { z } from 'zod/mini'
import {
  GatewayError,
  accountChanged,
  fieldsFromZod,
  forbidden,
  maintenanceError,
  unauthenticated,
  validationFailed,
} from '../../gateway/http/errors'
import { db, type SignedIn } from '../db'

import { mockOrigin, simulatedApiBase } from '../api-base'

export { mockApiBase, mockOrigin, nodeMockOrigin } from '../api-base'

const apiBase = simulatedApiBase

/** A handler path under the mock API base, e.g. api('/invoices/:id'). */
export const api = (path: string): string => `${apiBase}${path}`

/** A path of the simulated provider (not the billing API), on the app's own origin. */
export const onMockOrigin = (path: string): string => `${mockOrigin}${path}`

type RouteInfo = { request: Request; params: Record<string, string | readonly string[] | undefined> }

/**
 * Wraps a resolver: adopts state another tab stored, then answers refusals thrown anywhere below
 * as JSON errors. Anything else thrown is a bug in the mock and surfaces as such.
 */
export function route(resolve: (info: RouteInfo) => Response | Promise<Response>) {
  return async (info: RouteInfo): Promise<HttpResponse<DefaultBodyType>> => {
    try {
      db.sync()
      refuseOtherAccount(info.request)
      return (await resolve(info)) as HttpResponse<DefaultBodyType>
    } catch (error) {
      if (error instanceof GatewayError)
        return HttpResponse.json(error.body, { status: error.status, headers: error.headers })
      throw error
    }
  }
}

/** The header with the account a page was rendered for (src/lib/api/request.ts sends it). */
export const ACCOUNT_HEADER = 'X-Billing-Account'

/**
 * A request made for another account than the session's is refused, whatever it is: a tab still
 * showing Acme after another tab switched to Globex must not save Acme's details onto Globex.
 * Requests without the header (sign-in, the account switch itself, the public status) pass.
 */
function refuseOtherAccount(request: Request): void {
  const claimed = request.headers.get(ACCOUNT_HEADER)
  if (claimed === null) return
  const session = db.currentSession()
  if (session && session.accountId !== claimed) throw accountChanged()
}

export const json = <T extends JsonBodyType>(body: T, status = 200): Response => HttpResponse.json(body, { status })

export const empty = (status: 202 | 204): Response => new HttpResponse(null, { status })

export function param(info: RouteInfo, name: string): string {
  const value = info.params[name]
  return typeof value === 'string' ? value : ''
}

export function requireSession(): SignedIn {
  const signedIn = db.currentSession()
  if (!signedIn) throw unauthenticated()
  return signedIn
}

/** Changing billing is for billing admins only; admins and operators read. */
export function requireBillingAdmin(): SignedIn {
  const signedIn = requireSession()
  if (signedIn.user.role !== 'billing_admin') throw forbidden()
  return signedIn
}

export function requireOperator(message: string): SignedIn {
  const signedIn = requireSession()
  if (signedIn.user.role !== 'operator') throw forbidden(message)
  return signedIn
}

/** Provider-backed writes are refused while operators have billing in maintenance. */
export function refuseDuringMaintenance(): void {
  if (db.getBillingStatus().maintenance.enabled) throw maintenanceError()
}

/** The body as the schema's output: 400 when it is not JSON, 422 with `fields` when it breaks a rule. */
export async function readBody<S extends z.ZodMiniType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown
  try {
    body = JSON.parse(await request.text())
  } catch {
    throw new GatewayError(400, 'bad_request', 'The request body is not valid JSON.')
  }
  const result = schema.safeParse(body)
  if (!result.success) throw validationFailed(fieldsFromZod(result.error))
  return result.data
}
