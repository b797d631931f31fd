/**
 * What the gateway bench asks of the gateway with its Zuora simulator beside it
 * (gateway/node/sim-server.ts) over real HTTP on loopback: the control endpoints, a signed-in admin
 * (cookie session), and the status report's `subscription` component. Plain `fetch` without an
 * Origin header, as curl would: the control endpoints and the gateway's cross-site check let such
 * a client through.
 */
import type { ScenarioName } from '../../mocks/scenarios/names'
import type { ScenarioOptions } from '../../mocks/scenarios/options'

export type ComponentStatus = 'operational' | 'degraded' | 'down'

/** Every call gets this long; a report that cannot be read in time is a failed poll, not a hang. */
const CALL_TIMEOUT_MS = 5_000

async function send(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(CALL_TIMEOUT_MS) })
}

async function expectOk(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`)
  return response
}

const postJson = (url: string, body: unknown) =>
  send(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

export function gatewayControl(baseUrl: string) {
  return {
    async scenario(name: ScenarioName, options: ScenarioOptions = {}): Promise<void> {
      await expectOk(await postJson(`${baseUrl}/__control/scenario`, { name, options }), `switch to ${name}`)
    },
    async reset(): Promise<void> {
      await expectOk(await send(`${baseUrl}/__control/reset`, { method: 'POST' }), 'reset')
    },
    /** How many Zuora calls the gateway made since `since` (epoch ms); null if the server cannot say. */
    async zuoraCallsSince(since: number): Promise<number | null> {
      const response = await send(`${baseUrl}/__control/zuora-calls?since=${since}`)
      if (!response.ok) return null
      const body: unknown = await response.json()
      const calls = typeof body === 'object' && body !== null && 'calls' in body ? body.calls : null
      return Array.isArray(calls) ? calls.length : null
    },
  }
}

/** The `subscription` component of `GET /api/billing-status`, or null when the report could not be read. */
export async function subscriptionComponent(baseUrl: string): Promise<ComponentStatus | null> {
  try {
    const response = await send(`${baseUrl}/api/billing-status`)
    if (!response.ok) return null
    const body = (await response.json()) as { components?: { capability?: unknown; status?: unknown }[] }
    const status = body.components?.find((component) => component.capability === 'subscription')?.status
    return status === 'operational' || status === 'degraded' || status === 'down' ? status : null
  } catch {
    return null
  }
}

/**
 * A session cookie for the demo owner (`POST /api/session`), as `name=value` for a Cookie header;
 * with the password when the directory asks for one (deploy/gateway/directory.example.json).
 */
export async function signInOwner(baseUrl: string, password?: string): Promise<string> {
  const body = password === undefined ? { email: 'owner@acme.test' } : { email: 'owner@acme.test', password }
  const response = await expectOk(await postJson(`${baseUrl}/api/session`, body), 'sign in')
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('billing_session='))
  if (!cookie) throw new Error('sign in: no billing_session cookie in the answer')
  await response.arrayBuffer()
  return cookie.split(';')[0]!
}

/** One read; resolves to its status (0 when it failed or timed out), with its body read. */
export async function readStatus(url: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  try {
    const response = await send(url, { headers, signal: AbortSignal.timeout(timeoutMs) })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 0
  }
}
