/**
 * The simulated billing backend over real HTTP: the same MSW handlers and outage scenarios that
 * development and the tests use (answered with msw's `getResponse`, no service worker, no
 * interception), in front of a built app served as static files. The production build, which has
 * no mock code, then runs as it will for real: against an API over the network.
 *
 * Besides `/api/*` and `/mock-provider/*`, a control API for benches and browser tests:
 *   GET    /__control/scenario             the scenario in force (name, options, timeline step)
 *   POST   /__control/scenario             {"name": "provider-down", "options": {"statusDelayMs": 15000}}:
 *                                          switch now (options as in mocks/scenarios/options.ts)
 *   POST   /__control/recover | /fail      timelines: jump to the next healthy / failing step
 *   POST   /__control/reset                healthy, seed data (owner signed in on Acme), log cleared
 *   GET    /__control/requests?since=<ms>  the API requests received since then, each with its
 *                                          provider capability (null: the vendor's own endpoint),
 *                                          its X-Bench-Client header (a bench's browser context),
 *                                          its Idempotency-Key header and the status answered
 *   DELETE /__control/requests             forget them
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { getResponse } from 'msw'
import { db } from '../../mocks/db'
import { handlers } from '../../mocks/handlers'
import { mockOrigin } from '../../mocks/handlers/http'
import { scenarioOptionsSchema, type ScenarioOptions } from '../../mocks/scenarios/options'
import { isScenarioName, type ScenarioName } from '../../mocks/scenarios/registry'
import { createScenarioRunner } from '../../mocks/scenarios/scenario-runner'
import { createHandlerHost } from './handler-host'
import { createRequestLog } from './request-log'
import { createStaticFiles } from './static-files'

export type MockServerOptions = {
  /** The built app to serve (`dist`, `dist-bench-baseline`). */
  root: string
  /** 0: any free port. */
  port?: number
  host?: string
  scenario?: ScenarioName
  scenarioOptions?: ScenarioOptions
  /** One line per request on stderr; off by default, so that a bench measures serving, not logging. */
  verbose?: boolean
}

export type MockServer = { url: string; close: () => Promise<void> }

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const { root, port = 0, host = '127.0.0.1', verbose = false } = options
  const serveStatic = createStaticFiles(root)
  const handlerHost = createHandlerHost(handlers)
  const runner = createScenarioRunner({ host: handlerHost, db })
  const requests = createRequestLog()
  runner.select(options.scenario ?? 'healthy', options.scenarioOptions ?? {})

  async function answerApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const client = request.headers['x-bench-client']
    const key = request.headers['idempotency-key']
    const logged = requests.record(request.method ?? 'GET', url.pathname, typeof client === 'string' ? client : null, typeof key === 'string' ? key : null)
    // The handlers answer the app's own origin only (mocks/handlers/http.ts); under node that is
    // mockOrigin, whatever Host the browser sent.
    const fetchRequest = await toFetchRequest(request, new URL(`${url.pathname}${url.search}`, mockOrigin))
    const answer = await getResponse([...handlerHost.current()], fetchRequest)
    logged.status = answer?.status ?? 404
    // A hung scenario never gets here; a slow one may find the browser gone (its time-out).
    if (response.destroyed) return
    if (!answer) {
      sendJson(response, 404, { error: { code: 'not_found', message: `No such endpoint: ${request.method} ${url.pathname}` } })
      return
    }
    await sendFetchResponse(answer, request, response)
  }

  async function answerControl(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const route = `${request.method} ${url.pathname}`
    switch (route) {
      case 'GET /__control/scenario':
        return sendJson(response, 200, runner.getState())
      case 'POST /__control/scenario': {
        const body = (await readJson(request)) as { name?: unknown; options?: unknown }
        const name = typeof body.name === 'string' ? body.name : ''
        if (!isScenarioName(name)) throw new ControlError(400, `Unknown scenario "${name}"`)
        const parsed = scenarioOptionsSchema.safeParse(body.options ?? {})
        if (!parsed.success) throw new ControlError(400, `Bad scenario options: ${parsed.error.message}`)
        runner.select(name, parsed.data)
        return sendJson(response, 200, runner.getState())
      }
      case 'POST /__control/recover':
        runner.recoverNow()
        return sendJson(response, 200, runner.getState())
      case 'POST /__control/fail':
        runner.failNow()
        return sendJson(response, 200, runner.getState())
      case 'POST /__control/reset':
        runner.select('healthy')
        db.reset()
        requests.clear()
        return sendJson(response, 200, runner.getState())
      case 'GET /__control/requests': {
        const since = Number(url.searchParams.get('since') ?? 0)
        return sendJson(response, 200, { now: Date.now(), requests: requests.since(Number.isFinite(since) ? since : 0) })
      }
      case 'DELETE /__control/requests':
        requests.clear()
        return sendJson(response, 200, { now: Date.now() })
      default:
        throw new ControlError(404, `No control endpoint ${route}`)
    }
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? host}`)
    const method = request.method ?? 'GET'
    if (verbose) process.stderr.write(`${new Date().toISOString()} ${method} ${url.pathname}${url.search}\n`)
    let work: Promise<void>
    if (url.pathname.startsWith('/__control/')) work = answerControl(request, response, url)
    else if (url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/mock-provider/'))
      work = answerApi(request, response, url)
    else if (method === 'GET' || method === 'HEAD')
      work = Promise.resolve(serveStatic(decodeURIComponent(url.pathname), method, String(request.headers['accept-encoding'] ?? ''), response))
    else work = Promise.reject(new ControlError(405, `${method} is not served here`))
    work.catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return
      if (error instanceof ControlError) return sendJson(response, error.status, { error: { code: 'control', message: error.message } })
      // A handler that throws is a bug in the simulated backend: say so loudly.
      process.stderr.write(`mock-server: ${method} ${url.pathname} failed: ${error instanceof Error ? error.stack : String(error)}\n`)
      sendJson(response, 500, { error: { code: 'mock_error', message: 'The simulated backend failed; see the server log.' } })
    })
  })

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(port, host, () => done())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${host}:${address.port}`,
    close: () => closeServer(server, () => runner.dispose()),
  }
}

function closeServer(server: Server, dispose: () => void): Promise<void> {
  dispose()
  return new Promise((done) => {
    server.close(() => done())
    // Hung requests (provider-hang) would keep it open for ever.
    server.closeAllConnections()
  })
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = (await readBody(request)).toString('utf8')
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new ControlError(400, 'The body is not JSON')
  }
}

async function toFetchRequest(request: IncomingMessage, url: URL): Promise<Request> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  const method = request.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request)
  return new Request(url, { method, headers, body: body && body.length > 0 ? new Uint8Array(body) : undefined })
}

/**
 * JSON and text larger than a packet are gzipped when the browser accepts it, as a real API gateway
 * does, except an answer with a strong ETag (the billing status): compressed, it would be another
 * representation under the same strong validator, so it goes out as the handler made it. The
 * handler's caching headers pass through; `no-store` only where it set none. A 304 or 204 carries
 * no body and no Content-Length.
 */
async function sendFetchResponse(answer: Response, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let body: Buffer = Buffer.from(await answer.arrayBuffer())
  if (response.destroyed) return
  const headers: Record<string, string> = {}
  answer.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'content-encoding') headers[name] = value
  })
  const type = headers['content-type'] ?? ''
  const strongEtag = headers.etag !== undefined && !headers.etag.startsWith('W/')
  if (
    !strongEtag &&
    body.length > 1024 &&
    /json|text/.test(type) &&
    /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
  ) {
    body = gzipSync(body)
    headers['content-encoding'] = 'gzip'
    headers.vary = 'Accept-Encoding'
  }
  headers['cache-control'] ??= 'no-store'
  if (answer.status === 304 || answer.status === 204) {
    response.writeHead(answer.status, headers)
    response.end()
    return
  }
  headers['content-length'] = String(body.length)
  response.writeHead(answer.status, headers)
  response.end(body)
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' })
  response.end(text)
}
