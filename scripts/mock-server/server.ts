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
 *
 * Split by concern: the checks every request passes are in request-guards.ts, reading and
 * writing bodies in http-messages.ts, the control endpoints in control-endpoints.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { getResponse } from 'msw'
import { db } from '../../mocks/db'
import { handlers } from '../../mocks/handlers'
import { mockOrigin } from '../../mocks/handlers/http'
import type { ScenarioOptions } from '../../mocks/scenarios/options'
import type { ScenarioName } from '../../mocks/scenarios/registry'
import { createScenarioRunner } from '../../mocks/scenarios/scenario-runner'
import { createControlEndpoints } from './control-endpoints'
import { createHandlerHost } from './handler-host'
import { sendFetchResponse, sendJson, toFetchRequest } from './http-messages'
import { ControlError, checkHost, ownOrigins, refuseCrossSite, requestUrl, urlHost } from './request-guards'
import { createRequestLog } from './request-log'
import { createStaticFiles } from '../../gateway/node/static-files'

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
    const logged = requests.record(
      request.method ?? 'GET',
      url.pathname,
      typeof client === 'string' ? client : null,
      typeof key === 'string' ? key : null,
    )
    // The handlers answer the app's own origin only (mocks/handlers/http.ts); under node that is
    // mockOrigin, whatever Host the browser sent.
    const fetchRequest = await toFetchRequest(request, new URL(`${url.pathname}${url.search}`, mockOrigin))
    const answer = await getResponse([...handlerHost.current()], fetchRequest)
    logged.status = answer?.status ?? 404
    // A hung scenario never gets here; a slow one may find the browser gone (its time-out).
    if (response.destroyed) return
    if (!answer) {
      sendJson(response, 404, {
        error: { code: 'not_found', message: `No such endpoint: ${request.method} ${url.pathname}` },
      })
      return
    }
    await sendFetchResponse(answer, request, response)
  }

  const answerControl = createControlEndpoints(runner, requests)

  // Known once listening (port 0 picks one).
  let origin = ''
  let origins = new Set<string>()

  function dispatch(request: IncomingMessage, response: ServerResponse, method: string, url: URL): Promise<void> {
    if (url.pathname.startsWith('/__control/')) {
      refuseCrossSite(request, origins)
      return answerControl(request, response, url)
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/mock-provider/'))
      return answerApi(request, response, url)
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
      process.stderr.write(
        `mock-server: ${method} ${path} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
      )
      sendJson(response, 500, {
        error: { code: 'mock_error', message: 'The simulated backend failed; see the server log.' },
      })
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
