/**
 * The gateway in simulated mode, for `npm run gateway:sim`, the browser tests over HTTP and the
 * benches: the real gateway (the production code path) with the Zuora simulator in-process as its
 * HTTP client, the demo directory (sign in by email) and demo catalog, and control endpoints under
 * `/__control/`:
 *
 *   GET    /__control/scenario             the scenario in force at the simulated Zuora
 *   POST   /__control/scenario             {"name": "provider-down", "options": {"statusDelayMs": 15000}}
 *                                          (statusDelayMs holds the gateway's report back; the rest act at Zuora)
 *   POST   /__control/recover | /fail      timelines: jump to the next healthy / failing step
 *   POST   /__control/reset                healthy, seed data, a fresh gateway (sessions, copies, keys),
 *                                          the request log cleared
 *   GET    /__control/requests?since=ms    the API requests received (sim-request-log.ts): endpoint,
 *                                          capability, X-Bench-Client, Idempotency-Key, status
 *   DELETE /__control/requests             forget them
 *   GET    /__control/zuora-calls?since=ms the calls Zuora received
 *   GET    /__control/health               the detector's snapshot (per capability: computed, published, evidence)
 *
 * Never imported by the production entry (main.ts): the simulator is development and test only.
 */
import { demoBillingCatalog, demoGatewayDirectory, demoPaymentPages, demoZuoraClient } from '../../mocks/gateway-demo'
import { createGatewayScenarioSwitch } from '../../mocks/gateway-scenarios'
import { isScenarioName, type ScenarioName } from '../../mocks/scenarios/names'
import { scenarioOptionsSchema, type ScenarioOptions } from '../../mocks/scenarios/options'
import { createZuoraSimulator, type ZuoraSimulator } from '../../mocks/zuora'
import { createGateway, type Gateway } from '../compose'
import type { AlertSink } from '../alerts/pagerduty'
import type { HttpClient } from '../ports'
import type { SharedStore } from '../stores/redis-store'
import { startHost, type Host } from './http-host'
import { createGatewayMetrics } from './metrics'
import { createRequestLog } from './sim-request-log'

export type GatewaySimOptions = {
  port?: number
  host?: string
  /** A built app to serve beside /api (dist/); null serves the API alone. */
  root?: string | null
  scenario?: ScenarioName
  scenarioOptions?: ScenarioOptions
  /** JSON log lines on stdout. */
  log?: boolean
  /** Origins besides the server's own allowed to write (nginx in front: its origin). */
  allowedOrigins?: string[]
  /**
   * A fleet: the Zuora simulator the other instances call too (its owner warms and resets it),
   * the store they share (Redis) and this instance's name.
   */
  simulator?: ZuoraSimulator
  shared?: SharedStore
  instanceId?: string
  /** Where operators' alerts go (default: the log, if any). */
  alerts?: AlertSink
  /** Puts something between this instance and the simulator (a test's fault on one instance's network). */
  wrapZuora?: (http: HttpClient) => HttpClient
}

/** The host, the gateway now (a reset builds a new one) and the simulator it calls (a fleet shares it). */
export type GatewaySim = Host & { gateway(): Gateway; simulator: ZuoraSimulator }

const zuoraUrl = (path: string) => new URL(path, demoZuoraClient.baseUrl).toString()

async function warmUp(simulator: ReturnType<typeof createZuoraSimulator>): Promise<void> {
  const form = new URLSearchParams({
    client_id: demoZuoraClient.clientId,
    client_secret: demoZuoraClient.clientSecret,
    grant_type: 'client_credentials',
  })
  const token = (await (
    await simulator.handle(new Request(zuoraUrl('/oauth/token'), { method: 'POST', body: form }))
  ).json()) as { access_token?: string }
  const answer = await simulator.handle(
    new Request(zuoraUrl('/object-query/invoices?pageSize=1'), {
      headers: { Authorization: `Bearer ${token.access_token ?? ''}` },
    }),
  )
  await answer.body?.cancel()
  simulator.control.reset()
}

export async function startGatewaySim(options: GatewaySimOptions = {}): Promise<GatewaySim> {
  const simulator = options.simulator ?? createZuoraSimulator()
  const log = options.log
    ? (event: Record<string, unknown>) => console.log(JSON.stringify({ at: new Date().toISOString(), ...event }))
    : undefined

  // The simulator makes its 10,000 seeded invoices on first use, which blocks this process for a
  // second or more: do it now, before anyone measures a call (and before a probe looks hung).
  if (!options.simulator) await warmUp(simulator)

  const metrics = createGatewayMetrics({ instance: options.instanceId ?? 'gateway-sim' })
  const build = () =>
    createGateway({
      http: (options.wrapZuora ?? ((http: HttpClient) => http))((request) => simulator.handle(request)),
      zuora: demoZuoraClient,
      catalog: demoBillingCatalog(),
      directory: demoGatewayDirectory(new Date()),
      identity: { mode: 'email-only' },
      paymentPages: demoPaymentPages(simulator),
      allowedOrigins: options.allowedOrigins ?? [],
      faults: { ownApiDown: () => scenarios.name() === 'own-api-down' },
      log,
      shared: options.shared,
      instanceId: options.instanceId,
      alerts: options.alerts,
      observers: [metrics.zuoraObserver],
    })
  let gateway = build()
  metrics.bind(gateway)
  gateway.start()

  const scenarios = createGatewayScenarioSwitch({ simulator, gateway: () => gateway })
  const requests = createRequestLog()
  const select = (name: ScenarioName, scenarioOptions: ScenarioOptions) => scenarios.select(name, scenarioOptions)
  const describe = () => scenarios.describe()
  const reply = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    })

  async function control(request: Request): Promise<Response> {
    const url = new URL(request.url)
    // A page of another site must not switch the scenario or reset the data.
    const origin = request.headers.get('origin')
    if (origin !== null && origin !== url.origin && !(options.allowedOrigins ?? []).includes(origin))
      return reply(
        { error: { code: 'forbidden', message: 'Control endpoints answer this server’s own pages only.' } },
        403,
      )
    switch (`${request.method} ${url.pathname}`) {
      case 'GET /__control/scenario':
        return reply(describe())
      case 'POST /__control/scenario': {
        let body: Record<string, unknown>
        try {
          body = (await request.json()) as Record<string, unknown>
        } catch {
          return reply({ error: { code: 'bad_request', message: 'Send JSON: {"name": …, "options": {…}}' } }, 400)
        }
        const name = typeof body.name === 'string' ? body.name : ''
        if (!isScenarioName(name))
          return reply({ error: { code: 'bad_request', message: `Unknown scenario "${name}"` } }, 400)
        const parsed = scenarioOptionsSchema.safeParse(body.options ?? {})
        if (!parsed.success)
          return reply(
            { error: { code: 'bad_request', message: `Bad scenario options: ${parsed.error.message}` } },
            400,
          )
        await select(name, parsed.data)
        return reply(describe())
      }
      case 'POST /__control/recover':
        simulator.control.recoverNow()
        return reply(describe())
      case 'POST /__control/fail':
        simulator.control.failNow()
        return reply(describe())
      case 'POST /__control/reset':
        gateway.stop()
        simulator.control.reset()
        scenarios.forget()
        gateway = build()
        metrics.bind(gateway)
        gateway.start()
        requests.clear()
        return reply(describe())
      case 'GET /__control/requests': {
        const since = Number(url.searchParams.get('since') ?? 0)
        return reply({ now: Date.now(), requests: requests.since(Number.isFinite(since) ? since : 0) })
      }
      case 'DELETE /__control/requests':
        requests.clear()
        return reply({ now: Date.now() })
      case 'GET /__control/zuora-calls': {
        const since = Number(url.searchParams.get('since') ?? 0)
        return reply({ now: Date.now(), calls: simulator.control.calls(Number.isFinite(since) ? since : 0) })
      }
      case 'GET /__control/health':
        return reply(gateway.deps.health.snapshot())
      default:
        return reply(
          { error: { code: 'not_found', message: `No control endpoint ${request.method} ${url.pathname}` } },
          404,
        )
    }
  }

  if (options.scenario) await select(options.scenario, options.scenarioOptions ?? {})
  const host = await startHost({
    fetch: (request) => requests.observe(request, (logged) => gateway.fetch(logged)),
    control,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    root: options.root ?? null,
    ops: {
      instance: options.instanceId ?? 'gateway-sim',
      ready: () => true,
      metrics,
      details: () => ({ store: gateway.deps.storeMode() }),
    },
  })
  return {
    ...host,
    gateway: () => gateway,
    simulator,
    close: async (graceMs) => {
      gateway.stop()
      await host.close(graceMs ?? 1_000)
    },
  }
}
