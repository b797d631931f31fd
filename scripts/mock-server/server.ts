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
 *
 * The control endpoints refuse (403) a request from a page of another origin (its `Origin`, or
 * without one `Sec-Fetch-Site: cross-site`/`same-site`), so that a web page the QA happens to visit
 * cannot switch the scenario or reset the data; curl, the bench and Playwright's `request` send no
 * Origin and are served. Whatever a client sends (a path that is not valid percent-encoding, any
 * Host, huge or garbage headers, a body that is not JSON or too large), it gets a 4xx and the
 * server keeps running.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
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

/** A request refused with a 4xx and an apiErrorSchema-shaped body: the client's mistake, not the server's. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'control',
  ) {
    super(message)
  }
}

const badRequest = (message: string) => new ControlError(400, message, 'bad_request')

/** Far more than any API or control body; a larger one is refused before it fills the memory. */
const maxBodyBytes = 1024 * 1024

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]']
const wildcardHosts = ['0.0.0.0', '::', '']

/** `host` as it is written in a URL (IPv6 in brackets). */
const urlHost = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)

/**
 * The origins pages of this server have: its own, and on a loopback (or every) address the other
 * loopback names of the same port. Never derived from the Host header, which a DNS-rebinding
 * page controls.
 */
export function ownOrigins(host: string, port: number): Set<string> {
  const own = new Set([`http://${urlHost(host)}:${port}`])
  if (loopbackHosts.includes(urlHost(host)) || wildcardHosts.includes(host)) {
    for (const name of loopbackHosts) own.add(`http://${name}:${port}`)
  }
  return own
}

/** Throws 403 unless the request comes from one of `own` or from no page at all (curl, a bench). */
function refuseCrossSite(request: IncomingMessage, own: Set<string>): void {
  const origin = request.headers.origin
  if (origin !== undefined) {
    if (!own.has(origin)) throw new ControlError(403, `Control requests from ${origin.slice(0, 200)} are refused: only this server's own pages or clients without an Origin may use them.`)
    return
  }
  const site = request.headers['sec-fetch-site']
  if (site === 'cross-site' || site === 'same-site') throw new ControlError(403, 'Control requests from another site are refused.')
}

/**
 * A Host header must at least be a host name (and port): it plays no part in answering (see
 * requestUrl), but one that is not a host at all is a broken or hostile client. Any name is fine
 * (the server may be reached by a LAN address), and HTTP/1.0 may send none.
 */
function checkHost(value: string | undefined): void {
  if (value === undefined) return
  let parsed: URL | null
  try {
    parsed = value.length > 0 && value.length <= 300 ? new URL(`http://${value}`) : null
  } catch {
    parsed = null
  }
  if (!parsed || parsed.hostname !== value.toLowerCase().replace(/:\d+$/, '') || parsed.username !== '' || parsed.password !== '')
    throw badRequest('The Host header is not a host name.')
}

/**
 * The request target as a URL on this server's own origin (the Host header plays no part). Only
 * an origin-form target (`/path?query`) whose path decodes is accepted; anything else is a 400.
 */
function requestUrl(target: string | undefined, origin: string): URL {
  if (!target?.startsWith('/')) throw badRequest('The request target must be a path.')
  let url: URL
  try {
    // Appended, not resolved: `//elsewhere/x` is a path here, not another host.
    url = new URL(`${origin}${target}`)
  } catch {
    throw badRequest('The request target is not a valid URL.')
  }
  try {
    decodeURIComponent(url.pathname)
  } catch {
    throw badRequest('The path is not valid percent-encoding.')
  }
  return url
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
        const body = await readJson(request)
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

  // Known once listening (port 0 picks one).
  let origin = ''
  let origins = new Set<string>()

  function dispatch(request: IncomingMessage, response: ServerResponse, method: string, url: URL): Promise<void> {
    if (url.pathname.startsWith('/__control/')) {
      refuseCrossSite(request, origins)
      return answerControl(request, response, url)
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/mock-provider/')) return answerApi(request, response, url)
    if (method === 'GET' || method === 'HEAD') {
      serveStatic(decodeURIComponent(url.pathname), method, String(request.headers['accept-encoding'] ?? ''), response)
      return Promise.resolve()
    }
    throw new ControlError(405, `${method} is not served here`)
  }

  const server = createServer((request, response) => {
    const method = request.method ?? 'GET'
    let path = String(request.url).slice(0, 200)
    let work: Promise<void>
    // Nothing a client sends may throw out of here: an exception in this listener ends the process.
    try {
      checkHost(request.headers.host)
      const url = requestUrl(request.url, origin)
      path = url.pathname
      if (verbose) process.stderr.write(`${new Date().toISOString()} ${method} ${url.pathname}${url.search}\n`)
      work = dispatch(request, response, method, url)
    } catch (error) {
      work = Promise.reject(error)
    }
    work.catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return
      if (error instanceof ControlError) {
        // Unread body of a refused request: let it go instead of answering before reading it.
        request.resume()
        return sendJson(response, error.status, { error: { code: error.code, message: error.message } })
      }
      // A handler that throws is a bug in the simulated backend: say so loudly.
      process.stderr.write(`mock-server: ${method} ${path} failed: ${error instanceof Error ? error.stack : String(error)}\n`)
      sendJson(response, 500, { error: { code: 'mock_error', message: 'The simulated backend failed; see the server log.' } })
    })
  })
  // What Node's parser refuses (headers over its limit, a malformed request line) never reaches
  // the listener: answer it here and drop the connection.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  })

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(port, host, () => done())
  })
  const address = server.address() as AddressInfo
  origin = `http://${urlHost(host)}:${address.port}`
  origins = ownOrigins(host, address.port)
  return {
    url: origin,
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
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > maxBodyBytes) throw new ControlError(413, 'The body is too large.', 'payload_too_large')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > maxBodyBytes) throw new ControlError(413, 'The body is too large.', 'payload_too_large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** A control body: a JSON object, `{}` when empty. */
async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(request)).toString('utf8')
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ControlError(400, 'The body is not JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ControlError(400, 'The body must be a JSON object')
  return body as Record<string, unknown>
}

async function toFetchRequest(request: IncomingMessage, url: URL): Promise<Request> {
  const headers = new Headers()
  try {
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined) continue
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
    }
  } catch {
    throw badRequest('A request header is not valid.')
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
