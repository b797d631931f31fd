/**
 * A test's way into the gateway in simulated mode over real HTTP (gateway/node/sim-server.ts on
 * port 0): a cookie-keeping client per signed-in user, the control endpoints, the contract's
 * schemas as the check of every answer, and the one bounded wait on real time the gateway tests
 * use: the status report polled every 100 ms, as a browser's poll would see it.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { startGatewaySim, type GatewaySim } from '../../gateway/node/sim-server'
import type { ScenarioName } from '../../mocks/scenarios/names'
import type { ScenarioOptions } from '../../mocks/scenarios/options'
import { endpoints, type EndpointName } from '../../src/lib/api/contract'
import type { BillingStatus, Capability, ComponentHealth } from '../../src/lib/api/schemas'

export type { GatewaySim }

/**
 * One simulated gateway for a test file, started once (starting one costs seconds), reset before
 * each test and then handed to `each` (where the file signs its users in).
 */
export function gatewayPerFile(each: (sim: GatewaySim) => Promise<void>): void {
  let sim: GatewaySim | undefined
  beforeAll(async () => {
    sim = await startSim()
  }, 30_000)
  afterAll(() => sim?.close())
  beforeEach(async () => {
    if (!sim) throw new Error('The simulated gateway did not start')
    await reset(sim)
    await each(sim)
  })
}

/** The gateway and the simulator in-process, reached over HTTP (not through the tests' MSW). */
export async function startSim(): Promise<GatewaySim> {
  const sim = await startGatewaySim({ port: 0 })
  // The first invoice probe makes the simulator build its seeded invoice books (about a second of
  // CPU, on this thread): done here, so that it never delays a test's timers or its measures.
  for (const until = Date.now() + 20_000; Date.now() < until; await pause(100)) {
    const { calls } = (await control(sim, 'zuora-calls')) as { calls: { operation: string; status: number | null }[] }
    if (calls.some((call) => call.operation === 'queryInvoices' && call.status !== null)) return sim
  }
  throw new Error('The simulated gateway sent no invoice probe in 20 s')
}

export type Answer = {
  status: number
  headers: Headers
  text: string
  /** The body as JSON (throws when it is not). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads any field; expectContract checks the shape
  body: any
}

type CallOptions = { body?: unknown; headers?: Record<string, string>; form?: string }

async function send(url: string, method: string, options: CallOptions, cookie: string): Promise<Answer> {
  const headers: Record<string, string> = {
    ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...(options.form !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    ...(cookie ? { Cookie: cookie } : {}),
    ...options.headers,
  }
  const response = await fetch(url, {
    method,
    headers,
    body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    redirect: 'manual',
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    get body() {
      return JSON.parse(text) as unknown
    },
  }
}

export type Client = {
  call(method: string, path: string, options?: CallOptions): Promise<Answer>
  get(path: string, headers?: Record<string, string>): Promise<Answer>
  /** The `billing_session=…` pair this client sends ('' when signed out). */
  cookie(): string
}

/** A browser of one user: keeps the session cookie the gateway sets (and drops it when cleared). */
export function client(sim: GatewaySim): Client {
  let cookie = ''
  const call = async (method: string, path: string, options: CallOptions = {}) => {
    const answer = await send(`${sim.url}/api${path}`, method, options, cookie)
    const set = answer.headers.get('set-cookie')
    if (set) cookie = /Max-Age=0/i.test(set) ? '' : (set.split(';')[0] ?? '')
    return answer
  }
  return { call, get: (path, headers) => call('GET', path, { headers }), cookie: () => cookie }
}

export const users = {
  owner: 'owner@acme.test',
  viewer: 'viewer@acme.test',
  operator: 'ops@vendor.test',
} as const

/** A client signed in as `email` (the demo directory signs in by email alone). */
export async function signedIn(sim: GatewaySim, email: string): Promise<Client> {
  const browser = client(sim)
  const answer = await browser.call('POST', '/session', { body: { email } })
  expect(answer.status, answer.text).toBe(200)
  return browser
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each control endpoint answers its own shape
export async function control(sim: GatewaySim, path: string, body?: unknown): Promise<any> {
  const answer = await send(`${sim.url}/__control/${path}`, body === undefined ? 'GET' : 'POST', { body }, '')
  expect(answer.status, answer.text).toBe(200)
  return answer.body
}

export const reset = (sim: GatewaySim) => control(sim, 'reset', {})

export const selectScenario = (sim: GatewaySim, name: ScenarioName, options: ScenarioOptions = {}) =>
  control(sim, 'scenario', { name, options })

/** The answer's body parses with the contract's response schema for that endpoint. */
export function expectContract(name: EndpointName, body: unknown): void {
  const schema = endpoints[name].response
  if (typeof schema === 'string') throw new Error(`${name} answers ${schema}, not JSON`)
  const result = schema.safeParse(body)
  expect(result.success, result.success ? '' : `${name}: ${result.error.message}`).toBe(true)
}

/** The error code of a JSON error answer, with its status: `[422, 'validation_failed']`. */
export const failure = (answer: Answer): [number, string] => [
  answer.status,
  (answer.body as { error: { code: string } }).error.code,
]

export async function billingStatus(sim: GatewaySim): Promise<BillingStatus> {
  const answer = await send(`${sim.url}/api/billing-status`, 'GET', {}, '')
  expect(answer.status, answer.text).toBe(200)
  return answer.body as BillingStatus
}

export const healthOf = (report: BillingStatus, capability: Capability): ComponentHealth | undefined =>
  report.components.find((component) => component.capability === capability)?.status

export type ReportWatch = {
  /** Ms after the watch began at which `until` first held; null when it never did. */
  afterMs: number | null
  /** Every report read, with its time (ms after the watch began). */
  seen: { atMs: number; report: BillingStatus }[]
}

/**
 * Polls `GET /billing-status` every 100 ms until `until` holds or `timeoutMs` passes (real time,
 * bounded), from `startedAt` (when the fault began). With `whole: true` it keeps polling for the
 * whole `timeoutMs` (a "never" check reads every report of the period).
 */
export async function watchReport(
  sim: GatewaySim,
  until: (report: BillingStatus) => boolean,
  options: { timeoutMs: number; startedAt?: number; whole?: boolean },
): Promise<ReportWatch> {
  const startedAt = options.startedAt ?? Date.now()
  const seen: ReportWatch['seen'] = []
  let afterMs: number | null = null
  while (Date.now() - startedAt < options.timeoutMs) {
    const report = await billingStatus(sim)
    const atMs = Date.now() - startedAt
    seen.push({ atMs, report })
    if (afterMs === null && until(report)) {
      afterMs = atMs
      if (!options.whole) break
    }
    await pause(100)
  }
  return { afterMs, seen }
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * An admin reading `path` every `everyMs` until `stop()`: traffic, as one open tab makes it.
 * Returns the statuses it got.
 */
export function browse(browser: Client, path: string, everyMs: number) {
  let running = true
  const statuses: number[] = []
  const done = (async () => {
    while (running) {
      statuses.push((await browser.get(path)).status)
      await pause(everyMs)
    }
  })()
  return {
    statuses,
    stop: async () => {
      running = false
      await done
      return statuses
    },
  }
}

/** A priced change and the order body for it. */
export async function quoted(browser: Client, items: unknown[], promoCode: string | null = null) {
  const answer = await browser.call('POST', '/quotes', { body: { items, promoCode } })
  expect(answer.status, answer.text).toBe(201)
  return { quote: answer.body, order: { items, promoCode, quoteId: answer.body.id as string } }
}
