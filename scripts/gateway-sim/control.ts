/**
 * A client for the simulated gateway's control endpoints (gateway/node/sim-server.ts), as the
 * benches, Lighthouse and the browser tests over HTTP use them: switch the scenario, reset, read
 * the requests the gateway received, the calls Zuora received and the detector's snapshot.
 * Nothing here runs in a page: it sends no Origin, which the control endpoints serve.
 */
import type { GatewayScenarioState } from '../../mocks/gateway-scenarios'
import type { ScenarioName } from '../../mocks/scenarios/names'
import type { ScenarioOptions } from '../../mocks/scenarios/options'
import type { SimCall } from '../../mocks/zuora/simulator'
import type { LoggedRequest } from '../../gateway/node/sim-request-log'
import type { HealthSnapshot } from '../../gateway/health'

export type { LoggedRequest }

export type GatewaySimControl = {
  /** Switches the scenario now; resolves with the time (ms since the epoch) the simulator switched. */
  setScenario: (name: ScenarioName, options?: ScenarioOptions) => Promise<number>
  /**
   * The same, for options this checkout may not know yet (the server drops an option it does not
   * know): resolves with the switch time and the options put in force (statusDelayMs: the report's
   * hold-back at the gateway; the others at the simulated Zuora).
   */
  selectScenario: (
    name: ScenarioName,
    options?: Record<string, number>,
  ) => Promise<{ startedAt: number; options: Record<string, unknown> }>
  /** Healthy, seed data, a fresh gateway (no sessions, copies or keys), request log cleared. */
  reset: () => Promise<void>
  /** The API requests the gateway received at or after `since` (ms since the epoch). */
  requests: (since?: number) => Promise<LoggedRequest[]>
  /** The calls Zuora received at or after `since`. */
  zuoraCalls: (since?: number) => Promise<SimCall[]>
  /** The detector's snapshot now: per capability, what the calls show (computed) and what the report says (published). */
  health: () => Promise<HealthSnapshot>
}

export function gatewaySimControl(url: string, label = 'gateway-sim'): GatewaySimControl {
  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${url}/__control/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok)
      throw new Error(`${label}: ${method} /__control/${path} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as T
  }
  const select = async (name: ScenarioName, options: Record<string, number>) => {
    const state = await control<GatewayScenarioState>('POST', 'scenario', { name, options })
    return { startedAt: state.startedAt, options: { ...state.options, statusDelayMs: state.statusDelayMs } }
  }
  return {
    setScenario: async (name, options = {}) => (await select(name, options)).startedAt,
    selectScenario: (name, options = {}) => select(name, options),
    reset: async () => void (await control('POST', 'reset')),
    requests: async (since = 0) =>
      (await control<{ requests: LoggedRequest[] }>('GET', `requests?since=${since}`)).requests,
    zuoraCalls: async (since = 0) => (await control<{ calls: SimCall[] }>('GET', `zuora-calls?since=${since}`)).calls,
    health: () => control<HealthSnapshot>('GET', 'health'),
  }
}

/**
 * Waits (bounded) until the gateway's detector computes `wanted` for every capability: a scenario
 * acts at the simulated Zuora, and the gateway finds out from its own calls within seconds. What
 * the report publishes may lag behind (a better state is held before it is published).
 */
export async function untilComputed(
  control: Pick<GatewaySimControl, 'health'>,
  wanted: HealthSnapshot['capabilities'][keyof HealthSnapshot['capabilities']]['computed'],
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { capabilities } = await control.health()
    if (Object.values(capabilities).every((health) => health.computed === wanted)) return
    if (Date.now() > deadline)
      throw new Error(
        `The gateway did not compute ${wanted} within ${timeoutMs / 1000} s: ${JSON.stringify(capabilities)}`,
      )
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A session cookie (`name=value`) for a demo user, for a client that is not a page (Lighthouse's headers). */
export async function demoSessionCookie(origin: string, email = 'owner@acme.test'): Promise<string> {
  const answer = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  })
  const cookie = answer.headers.get('set-cookie')?.split(';')[0]
  if (!answer.ok || !cookie) throw new Error(`Signing in as ${email} at ${origin} answered ${answer.status}`)
  return cookie
}
