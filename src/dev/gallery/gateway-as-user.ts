/**
 * The gallery's way of doing what people did before a frame opens (the owner scheduled a change,
 * the viewer asked for one): requests to the frame's gateway through its contract, as one of the
 * demo users, each with a session of its own. Handed to the gateway directly rather than through
 * the page and MSW's service worker: nothing in the page is involved, and the frame opens sooner.
 */
import type { Me } from '@/lib/api/schemas'
import { pageCookieHeaders, type InPageGateway } from '../../../mocks/in-page/in-page-gateway'

export const demoEmails = { owner: 'owner@acme.test', viewer: 'viewer@acme.test' } as const

export type GatewayUser = {
  /** Sends one request; the answer's JSON body (null for 204), or an error naming what failed. */
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>
  /** The same, the answer as it came (to read a refusal's status). */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
  /** Who signed in, as the gateway answered the sign-in. */
  readonly me: Me
  /** The session cookie as the gateway set it (`name=value; attributes`), for the page to keep. */
  readonly sessionCookie: string
}

/** Signs `who` in on the frame's gateway. `origin` is the page's: the gateway lets it write. */
export function signInOnGateway(
  backend: InPageGateway,
  origin: string,
  who: keyof typeof demoEmails,
): Promise<GatewayUser> {
  return signInByEmail(backend, origin, demoEmails[who])
}

/** The same for any user of the directory (the tests' operator too), with a session of its own. */
export async function signInByEmail(backend: InPageGateway, origin: string, email: string): Promise<GatewayUser> {
  let sessionCookie = ''
  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const cookie = sessionCookie.split(';')[0] ?? ''
    const response = await backend.gateway().fetch(
      new Request(`${origin}/api${path}`, {
        method,
        headers: {
          ...headers,
          Origin: origin,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(cookie ? { [pageCookieHeaders.request]: cookie } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )
    sessionCookie = response.headers.get(pageCookieHeaders.response) ?? sessionCookie
    return response
  }
  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await send(method, path, body, headers)
    if (!response.ok)
      throw new Error(`${email}: ${method} ${path} answered ${response.status} ${await response.text()}`)
    return (response.status === 204 ? null : await response.json()) as T
  }
  const me = await call<Me>('POST', '/session', { email })
  return {
    call,
    send,
    me,
    get sessionCookie() {
      return sessionCookie
    },
  }
}
