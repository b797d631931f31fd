/**
 * The Zuora simulator (mocks/zuora) alone over HTTP on 127.0.0.1, for the gateway on Node, benches
 * and curl: `npm run zuora-sim -- --port 4010 [--scenario provider-down] [--option seed=7]`.
 * OAuth client `demo-client` / `demo-secret`; Zuora accounts A00000001 (Acme), A00000002 (Globex).
 *
 * Besides Zuora's own paths (gateway/zuora/spec/operations.ts) and the simulated Payment Pages
 * completion (`POST /__simulated/payment-pages/complete`, see mocks/zuora/payments.ts):
 *   GET  /__control/scenario           the scenario in force (name, options, timeline step)
 *   POST /__control/scenario           {"name": "provider-flaky", "options": {"seed": 7}}: switch now
 *   POST /__control/recover | /fail    timelines: jump to the next healthy / failing step
 *   POST /__control/reset              healthy, seed data, no tokens, keys or calls
 *   GET  /__control/calls?since=<ms>   the calls received since then: method, path, operation,
 *                                      status, Zuora-Track-Id, Idempotency-Key, Zuora-Version
 * The control endpoints refuse a page of another origin (403), as the gateway simulator's do.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { createZuoraSimulator, type ZuoraSimulator, type ZuoraSimulatorOptions } from '../mocks/zuora'
import { isScenarioName } from '../mocks/scenarios/names'
import { scenarioOptionNames, scenarioOptionsSchema, type ScenarioOptions } from '../mocks/scenarios/options'
import { readJson, sendFetchResponse, sendJson, toFetchRequest } from './http/http-messages'
import { ControlError, checkHost, ownOrigins, refuseCrossSite, requestUrl } from './http/request-guards'

export type ZuoraSimServer = { url: string; simulator: ZuoraSimulator; close: () => Promise<void> }

async function answerControl(simulator: ZuoraSimulator, request: IncomingMessage, response: ServerResponse, url: URL) {
  const { control } = simulator
  switch (`${request.method} ${url.pathname}`) {
    case 'GET /__control/scenario':
      return sendJson(response, 200, control.state())
    case 'POST /__control/scenario': {
      const body = await readJson(request)
      const name = typeof body.name === 'string' ? body.name : ''
      if (!isScenarioName(name)) throw new ControlError(400, `Unknown scenario "${name}"`)
      const parsed = scenarioOptionsSchema.safeParse(body.options ?? {})
      if (!parsed.success) throw new ControlError(400, `Bad scenario options: ${parsed.error.message}`)
      return sendJson(response, 200, control.select(name, parsed.data))
    }
    case 'POST /__control/recover':
      return sendJson(response, 200, control.recoverNow())
    case 'POST /__control/fail':
      return sendJson(response, 200, control.failNow())
    case 'POST /__control/reset':
      return sendJson(response, 200, control.reset())
    case 'GET /__control/calls': {
      const since = Number(url.searchParams.get('since') ?? 0)
      return sendJson(response, 200, { now: Date.now(), calls: control.calls(Number.isFinite(since) ? since : 0) })
    }
    default:
      throw new ControlError(404, `No control endpoint ${request.method} ${url.pathname}`)
  }
}

export async function startZuoraSimServer(
  options: { port?: number; host?: string } & ZuoraSimulatorOptions = {},
): Promise<ZuoraSimServer> {
  const { port = 0, host = '127.0.0.1', ...simulatorOptions } = options
  const simulator = createZuoraSimulator(simulatorOptions)
  let origin = ''
  let origins = new Set<string>()

  async function answerZuora(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    // The caller's time-out closes the connection: the simulator sees it as an abort.
    const gone = new AbortController()
    response.on('close', () => {
      if (!response.writableFinished) gone.abort(new DOMException('The client closed the connection', 'AbortError'))
    })
    const fetchRequest = new Request(await toFetchRequest(request, url), { signal: gone.signal })
    let answer: Response
    try {
      answer = await simulator.handle(fetchRequest)
    } catch (error) {
      if (gone.signal.aborted) return
      throw error
    }
    await sendFetchResponse(answer, request, response)
  }

  const server = createServer((request, response) => {
    let work: Promise<void>
    try {
      checkHost(request.headers.host)
      const url = requestUrl(request.url, origin)
      if (url.pathname.startsWith('/__control/')) {
        refuseCrossSite(request, origins)
        work = answerControl(simulator, request, response, url)
      } else work = answerZuora(request, response, url)
    } catch (error) {
      work = Promise.reject(error)
    }
    work.catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return
      if (error instanceof ControlError) {
        request.resume()
        return sendJson(response, error.status, { error: { code: error.code, message: error.message } })
      }
      process.stderr.write(
        `zuora-sim: ${request.method} ${request.url} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
      )
      sendJson(response, 500, {
        success: false,
        reasons: [{ code: 50000060, message: 'The simulator failed; see its log.' }],
      })
    })
  })
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(port, host, () => done())
  })
  const address = server.address() as AddressInfo
  origin = `http://${host}:${address.port}`
  origins = ownOrigins(host, address.port)
  return {
    url: origin,
    simulator,
    close: () =>
      new Promise((done) => {
        server.close(() => done())
        // A hanging scenario would keep connections open for ever.
        server.closeAllConnections()
      }),
  }
}

function parseArgs(argv: string[]): { port: number; scenario?: string; options: ScenarioOptions } {
  let port = 4010
  let scenario: string | undefined
  const options: Record<string, number> = {}
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, value] = [argv[i], argv[i + 1] ?? '']
    if (flag === '--port') port = Number(value)
    else if (flag === '--scenario') scenario = value
    else if (flag === '--option') {
      const [name = '', number = ''] = value.split('=')
      if (!(scenarioOptionNames as string[]).includes(name)) throw new Error(`Unknown option ${name}`)
      options[name] = Number(number)
    } else throw new Error(`Unknown argument ${flag}`)
    i += 1
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0 to 65535`)
  return { port, scenario, options: scenarioOptionsSchema.parse(options) }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.scenario !== undefined && !isScenarioName(args.scenario))
    throw new Error(`Unknown scenario ${args.scenario}`)
  const server = await startZuoraSimServer({
    port: args.port,
    scenario: args.scenario !== undefined && isScenarioName(args.scenario) ? args.scenario : 'healthy',
    scenarioOptions: args.options,
  })
  process.stdout.write(
    `Zuora simulator on ${server.url} (OAuth client demo-client / demo-secret; accounts A00000001, A00000002; scenario ${server.simulator.control.state().name})\n`,
  )
  const stop = () => void server.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`zuora-sim: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
