/**
 * What another person, tab or admin does meanwhile, in a page test: requests to this test's
 * gateway (test-gateway.ts) through the contract, as one of the demo users with a session of their
 * own, handed to the gateway directly (the page under test and its cookie are not involved).
 *
 *   const owner = await gatewayAs('owner')
 *   await owner.call('PUT', '/status/maintenance', { enabled: true, ... })
 */
import { mockOrigin } from '../../mocks/api-base'
import { pageCookieHeaders } from '../../mocks/in-page/in-page-gateway'
import { demoUsers } from './demo-users'
import { testGateway } from './test-gateway'

export type GatewayActor = {
  /** Sends one request; the answer's JSON body (null for 204), or an error naming what failed. */
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>
  /** The same, the answer as it came (a test of a refusal reads its status). */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
}

export async function gatewayAs(who: keyof typeof demoUsers, account?: string): Promise<GatewayActor> {
  let cookie = ''
  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await testGateway()
      .gateway()
      .fetch(
        new Request(`${mockOrigin}/api${path}`, {
          method,
          headers: {
            ...headers,
            Origin: mockOrigin,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...(cookie ? { [pageCookieHeaders.request]: cookie } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      )
    const setCookie = response.headers.get(pageCookieHeaders.response)
    if (setCookie) cookie = setCookie.split(';')[0] ?? ''
    return response
  }
  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await send(method, path, body, headers)
    if (!response.ok) throw new Error(`${who}: ${method} ${path} answered ${response.status} ${await response.text()}`)
    return (response.status === 204 ? null : await response.json()) as T
  }
  await call('POST', '/session', { email: demoUsers[who] })
  if (account) await call('PUT', '/session/account', { accountId: account })
  return { call, send }
}
