/**
 * The session cookie and the rule that keeps writes safe from other sites.
 *
 * The cookie is HttpOnly (no script reads it), SameSite=Lax (another site's form or fetch does not
 * carry it on a POST), Path=/, and Secure everywhere except plain http to localhost, where a
 * developer runs the gateway without TLS.
 *
 * SameSite=Lax alone is not the whole defence (a sibling subdomain is "same site"; old browsers),
 * so every write also checks where it comes from: its Origin must be one of ours, or, without an
 * Origin, the browser must not say `Sec-Fetch-Site: cross-site`; and a write with a body must be
 * JSON, which a cross-site HTML form cannot send and a cross-site fetch cannot send without a CORS
 * preflight the gateway never grants.
 */
import { SESSION_ABSOLUTE_MS, sessionIdPattern } from './sessions'

export const SESSION_COOKIE = 'billing_session'

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Whether the browser reached us over https: the scheme of the URL, or the first hop of
 * X-Forwarded-Proto set by the TLS-terminating proxy. Plain http is "secure" too unless the host is
 * local, so a misconfigured proxy loses the cookie rather than sending it in clear.
 */
export function isSecureContextRequest(request: Request): boolean {
  const url = new URL(request.url)
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  const scheme = forwarded || url.protocol.replace(/:$/, '')
  if (scheme === 'https') return true
  return !localHosts.has(url.hostname)
}

const attributes = (secure: boolean) => `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`

/** Set-Cookie for a new session; it lasts no longer than the session's absolute limit. */
export function sessionCookie(id: string, options: { secure: boolean; maxAgeMs?: number }): string {
  const maxAge = Math.floor((options.maxAgeMs ?? SESSION_ABSOLUTE_MS) / 1000)
  return `${SESSION_COOKIE}=${id}; ${attributes(options.secure)}; Max-Age=${maxAge}`
}

/** Set-Cookie that removes the session cookie (sign-out, or a session the store no longer has). */
export function clearedCookie(options: { secure: boolean } = { secure: true }): string {
  return `${SESSION_COOKIE}=; ${attributes(options.secure)}; Max-Age=0`
}

/** The session id from the Cookie header (or the host's own); null when absent or not shaped like one of ours. */
export function readSessionId(request: Request, cookieHeader = 'cookie'): string | null {
  const header = request.headers.get(cookieHeader)
  if (!header) return null
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=')
    if (at < 0 || pair.slice(0, at).trim() !== SESSION_COOKIE) continue
    const value = pair.slice(at + 1).trim()
    // The first well-formed one: a stale copy on another path may come with it.
    if (sessionIdPattern.test(value)) return value
  }
  return null
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** application/json, or a JSON-based type such as application/problem+json; parameters allowed. */
const isJsonType = (contentType: string) => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType.trim())

/** A body is sent only with a Content-Length above 0 or a Transfer-Encoding (RFC 9112 §6.3). */
const hasBody = (request: Request) => {
  const length = request.headers.get('content-length')
  return (length !== null && length.trim() !== '0') || request.headers.has('transfer-encoding')
}

const normaliseOrigin = (origin: string) => origin.trim().toLowerCase().replace(/\/+$/, '')

/**
 * Why a write must be refused as possibly cross-site, or null to let it through. Reads are never
 * refused here. `allowedOrigins` are full origins, e.g. `https://billing.example.com`.
 */
export function refuseCrossSiteWrite(request: Request, allowedOrigins: readonly string[]): string | null {
  if (!writeMethods.has(request.method.toUpperCase())) return null
  const origin = request.headers.get('origin')
  if (origin !== null) {
    const allowed = allowedOrigins.map(normaliseOrigin)
    if (!allowed.includes(normaliseOrigin(origin))) return `origin ${origin} is not allowed to write`
  } else if (request.headers.get('sec-fetch-site')?.toLowerCase() === 'cross-site') {
    return 'a cross-site request may not write'
  }
  const contentType = request.headers.get('content-type')
  if (contentType !== null ? !isJsonType(contentType) : hasBody(request)) {
    return `a write must send JSON (Content-Type: application/json), not ${contentType ?? 'no Content-Type'}`
  }
  return null
}
