/**
 * The gateway on Node's HTTP server: `/api/*` to the gateway's Web handler (through
 * @hono/node-server's adaptor), `/__control/*` to the simulated mode's control endpoints when there
 * are any, and every other GET to the built app (`dist/`, SPA fallback) when a root is given.
 * With `ops`: `/healthz`, `/readyz` and `/metrics` for the platform (on this port only).
 * Graceful stop: no new connections, requests in flight (an order) run to their end, bounded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import type { GatewayMetrics } from './metrics'
import { createStaticFiles } from './static-files'

export type HostOptions = {
  fetch: (request: Request) => Promise<Response>
  port: number
  host: string
  root: string | null
  control?: (request: Request) => Promise<Response>
  /** `/healthz`, `/readyz` and `/metrics` on this port (not through nginx, which passes /api only). */
  ops?: {
    instance: string
    /** False while the instance drains before it stops: the load balancer should send no more. */
    ready(): boolean
    metrics?: GatewayMetrics
    /** What readiness reports beside itself (where state lives now, say). */
    details?(): Record<string, unknown>
  }
}

export type Host = { url: string; server: Server; close(graceMs?: number): Promise<void> }

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
  response.end(JSON.stringify(body))
}

export async function startHost(options: HostOptions): Promise<Host> {
  const api = getRequestListener(options.fetch)
  const control = options.control ? getRequestListener(options.control) : null
  const serveStatic = options.root ? createStaticFiles(options.root) : null

  const { ops } = options
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    if (path === '/api' || path.startsWith('/api/')) {
      if (ops?.metrics) {
        const started = performance.now()
        const metrics = ops.metrics
        response.once('finish', () =>
          metrics.answered(request.method ?? 'GET', response.statusCode, (performance.now() - started) / 1000),
        )
      }
      return void api(request, response)
    }
    // Liveness: the process answers. Readiness: and it takes traffic (not draining before a stop).
    if (ops && path === '/healthz') return sendJson(response, 200, { status: 'ok', instance: ops.instance })
    if (ops && path === '/readyz') {
      const ready = ops.ready()
      return sendJson(response, ready ? 200 : 503, {
        status: ready ? 'ready' : 'draining',
        instance: ops.instance,
        ...ops.details?.(),
      })
    }
    if (ops?.metrics && path === '/metrics') {
      void ops.metrics.scrape().then(
        ({ contentType, body }) => {
          response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' })
          response.end(body)
        },
        (error: unknown) => sendJson(response, 500, { error: { code: 'metrics_failed', message: String(error) } }),
      )
      return
    }
    if (control && path.startsWith('/__control/')) return void control(request, response)
    if (serveStatic && (request.method === 'GET' || request.method === 'HEAD')) {
      let decoded: string
      try {
        decoded = decodeURIComponent(path)
      } catch {
        return sendJson(response, 400, { error: { code: 'bad_request', message: 'The path is not valid.' } })
      }
      return serveStatic(decoded, request.method, String(request.headers['accept-encoding'] ?? ''), response)
    }
    sendJson(response, 404, { error: { code: 'not_found', message: `No such endpoint: ${request.method} ${path}` } })
  })
  // Hung upstream calls must not hold a client's socket for ever; Zuora's own limit is 120 s.
  server.requestTimeout = 130_000
  server.headersTimeout = 20_000
  server.keepAliveTimeout = 65_000
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else socket.destroy()
  })
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port, options.host, () => done())
  })
  const address = server.address() as AddressInfo
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: (graceMs = 10_000) =>
      new Promise<void>((done) => {
        server.close(() => done())
        server.closeIdleConnections()
        setTimeout(() => {
          server.closeAllConnections()
          done()
        }, graceMs).unref()
      }),
  }
}
