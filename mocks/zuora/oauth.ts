/**
 * OAuth client credentials as Zuora does them: `POST /oauth/token`, form-encoded, answers a bearer
 * token that lasts 3599 s; every other call needs a bearer that is known and not expired, or gets
 * 401. The simulator knows one client, the demo one (catalog-ids.ts).
 */
import { demoOAuthClient } from './catalog-ids'
import { json, reasonCodes } from './responses'
import type { SimState } from './state'

export const TOKEN_LIFETIME_SECONDS = 3599

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes))
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('')
}

/** OAuth errors are the authorization server's, not the v1 envelope. */
const oauthError = (status: number, error: string, description: string): Response =>
  json({ error, error_description: description }, status)

export async function createToken(request: Request, state: SimState, now: number): Promise<Response> {
  const type = request.headers.get('Content-Type') ?? ''
  if (!type.includes('application/x-www-form-urlencoded'))
    return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.')
  const form = new URLSearchParams(await request.text())
  if (form.get('grant_type') !== 'client_credentials')
    return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported.')
  if (form.get('client_id') !== demoOAuthClient.clientId || form.get('client_secret') !== demoOAuthClient.clientSecret)
    return oauthError(401, 'invalid_client', 'Bad client credentials')
  for (const [token, expiresAt] of state.tokens) if (expiresAt <= now) state.tokens.delete(token)
  const token = randomHex(16)
  state.tokens.set(token, now + TOKEN_LIFETIME_SECONDS * 1000)
  return json({
    access_token: token,
    token_type: 'bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
    scope: 'entity.simulated tenant.1 user.demo service.echo.read',
    jti: randomHex(16),
  })
}

/** The 401 of a call without a valid bearer (unknown, expired or missing), or null when it has one. */
export function refuseUnauthenticated(request: Request, state: SimState, now: number): Response | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '')
  const expiresAt = match?.[1] === undefined ? undefined : state.tokens.get(match[1])
  if (expiresAt !== undefined && expiresAt > now) return null
  return json(
    {
      success: false,
      reasons: [{ code: reasonCodes.authentication, message: 'This resource is protected, please sign in first' }],
    },
    401,
  )
}
