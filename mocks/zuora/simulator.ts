/**
 * The Zuora simulator: a stateful, in-process Zuora REST API v1 tenant behind a fetch-like
 * handler (Web Request → Response), which the gateway's HTTP client port calls instead of Zuora in
 * development, tests, the demo and benches. It runs in a browser (inside MSW) as well as on Node:
 * no `node:` imports, WebCrypto only.
 *
 * A call goes through, in order: the route (404 for a path Zuora has not), the scenario's fault
 * (Zuora's edge: down, hanging, slow...), the concurrency limit of its pool, the bearer token
 * (401 unknown or expired), the Idempotency-Key, then the operation. Every answer carries
 * Zuora's headers (limits.ts). A caller that aborts (request.signal) gets an AbortError at once,
 * while the operation goes on: a slow order is committed anyway.
 */
import { isoDate } from '../demo-data/dates'
import type { ScenarioName } from '../scenarios/names'
import type { ScenarioOptions } from '../scenarios/options'
import { createIdempotencyStore } from './idempotency'
import { createInvoiceBook } from './invoice-book'
import { createLimits } from './limits'
import { refuseUnauthenticated } from './oauth'
import { settleDueJobs, type OrderContext } from './orders'
import { json } from './responses'
import { isJsonRead, matchRoute, runOperation, type Route, type SimOperationName } from './router'
import { createScenarioControl, type SimScenarioState } from './scenario-control'
import { seedZuora } from './seed'
import type { SimState } from './state'
import { simStateFromPlain, simStateToPlain, type StoredSimState } from './state-json'

export type ZuoraSimulatorOptions = {
  /** The clock (ms since the epoch): the seed's dates, token expiry, timelines, async jobs, PDFs. */
  now?: () => number
  /** How the simulator waits (slow scenarios, orderCommitMs); tests pass a fake one. */
  sleep?: (ms: number) => Promise<void>
  /** The scenario to start in (healthy by default). */
  scenario?: ScenarioName
  scenarioOptions?: ScenarioOptions
}

/** One call received, as `GET /__control/calls` lists them. */
export type SimCall = {
  at: number
  method: string
  path: string
  operation: SimOperationName | null
  trackId: string | null
  idempotencyKey: string | null
  zuoraVersion: string | null
  /** null while unanswered, or when the caller gave up first. */
  status: number | null
}

const MAX_CALLS_KEPT = 10_000

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Settles with `work`, or rejects with the abort reason as soon as `signal` aborts. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error as Error)
      },
    )
  })
}

const noRoute = () => json({ message: 'no Route matched with those values' }, 404)

export type ZuoraSimulator = ReturnType<typeof createZuoraSimulator>

export function createZuoraSimulator(options: ZuoraSimulatorOptions = {}) {
  const now = options.now ?? (() => Date.now())
  const sleep = options.sleep ?? realSleep
  let state: SimState = seedZuora(now())
  const book = createInvoiceBook()
  const idempotency = createIdempotencyStore(now)
  const limits = createLimits(now)
  const scenarios = createScenarioControl({ now, sleep })
  scenarios.select(options.scenario ?? 'healthy', options.scenarioOptions ?? {})
  let calls: SimCall[] = []
  let requestCounter = 0

  const orderContext: OrderContext = {
    state: () => state,
    book,
    now,
    sleep,
    orderCommitMs: () => scenarios.options().orderCommitMs,
  }

  async function serve(route: Route, request: Request): Promise<Response> {
    settleDueJobs(orderContext)
    const fault = scenarios.currentFault()
    const call = { operation: route.operation, request, jsonRead: isJsonRead(route.operation) }
    return fault(call, () =>
      limits.withinConcurrency(route.pool ?? 'default', async () => {
        const open = route.operation === 'createToken' || route.operation === 'completePaymentPage'
        const refused = open ? null : refuseUnauthenticated(request, state, now())
        if (refused) return refused
        const ctx = { ...orderContext, request, params: route.params, today: () => isoDate(new Date(now())) }
        return idempotency.run(request, () => runOperation(route.operation, ctx))
      }),
    )
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const route = matchRoute(request.method, url.pathname)
    const call: SimCall = {
      at: now(),
      method: request.method,
      path: `${url.pathname}${url.search}`,
      operation: route?.operation ?? null,
      trackId: request.headers.get('Zuora-Track-Id'),
      idempotencyKey: request.headers.get('Idempotency-Key'),
      zuoraVersion: request.headers.get('Zuora-Version'),
      status: null,
    }
    calls.push(call)
    if (calls.length > MAX_CALLS_KEPT) calls = calls.slice(-MAX_CALLS_KEPT / 2)
    limits.countRequest()
    requestCounter += 1
    const requestId = `${now().toString(16)}-${requestCounter.toString(16).padStart(6, '0')}-sim`
    const answer = await raceAbort(route ? serve(route, request) : Promise.resolve(noRoute()), request.signal)
    call.status = answer.status
    return limits.decorate(answer, request, route?.pool ?? null, requestId)
  }

  const control = {
    select(name: ScenarioName, scenarioOptions: ScenarioOptions = {}, since?: number): SimScenarioState {
      return scenarios.select(name, scenarioOptions, since)
    },
    state: (): SimScenarioState => scenarios.state(),
    recoverNow: (): SimScenarioState => scenarios.recoverNow(),
    failNow: (): SimScenarioState => scenarios.failNow(),
    /** Healthy, the seed data, no tokens, keys, calls or jobs. */
    reset(): SimScenarioState {
      state = seedZuora(now())
      idempotency.clear()
      calls = []
      return scenarios.select('healthy')
    },
    /** A copy of the tenant's data as plain data (a page keeps it across reloads and shares it with other tabs). */
    exportState: (): StoredSimState => simStateToPlain(state),
    /** Takes data exported before; false (and nothing changed) when it cannot be read. */
    importState(stored: unknown): boolean {
      const restored = simStateFromPlain(stored)
      if (restored) state = restored
      return restored !== null
    },
    /** The calls received at or after `since` (ms since the epoch), oldest first. */
    calls: (since = 0): SimCall[] => calls.filter((call) => call.at >= since).map((call) => ({ ...call })),
  }

  return { handle, control }
}
