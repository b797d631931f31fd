/**
 * The billing gateway: every endpoint of the contract (docs/openapi.json) under `/api`, as one
 * Web `Request → Response` handler. Hono routes (it runs the same handler on Node, in a worker or
 * in a browser: docs/decisions/024-the-gateway-runs-on-web-requests.md); everything else is
 * injected (GatewayDeps). Every answer carries the request id that also went to Zuora as
 * Zuora-Track-Id, and one JSON log line; one that called Zuora says how long Zuora took
 * (Server-Timing: http/provider-timing.ts).
 */
import { Hono } from 'hono'
import { publicOrigin, type GatewayDeps } from './context'
import { GatewayError } from './http/errors'
import { serverTiming } from './http/provider-timing'
import { errorResponse, json } from './http/respond'
import { changeRequestRoutes } from './routes/change-requests'
import { billingDetailsRoutes } from './routes/billing-details'
import { identityRoutes } from './routes/identity'
import { invoiceExportRoutes } from './routes/invoice-export'
import { invoiceRoutes } from './routes/invoices'
import { invoicePaymentRoutes } from './routes/invoice-payments'
import { orderRoutes } from './routes/orders'
import { ownRoutes } from './routes/own'
import { paymentRoutes } from './routes/payments'
import { renewalRoutes } from './routes/renewal'
import { scheduledChangeRoutes } from './routes/scheduled-change'
import { subscriptionRoutes } from './routes/subscription'
import type { GatewayEnv } from './routes/types'
import { refuseCrossSiteWrite } from './stores/session-cookie'

const requestIdPattern = /^[\w.:-]{1,64}$/

/** The simulated payment page posts a plain form (same origin): its session id is its credential. */
const isPaymentPageForm = (path: string) => /^\/api\/payment-pages\/[^/]+\/complete$/.test(path)

export function createGatewayApp(deps: GatewayDeps): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>().basePath('/api')

  app.use(async (c, next) => {
    const started = deps.clock.now()
    const offered = c.req.header('X-Request-Id')
    const requestId = offered && requestIdPattern.test(offered) ? offered : crypto.randomUUID()
    c.set('requestId', requestId)
    const request = c.req.raw
    const url = new URL(request.url)
    const allowed = [url.origin, publicOrigin(request), ...deps.allowedOrigins]
    const refusal = isPaymentPageForm(url.pathname)
      ? (refuseCrossSiteWrite(new Request(request.url, { method: 'GET', headers: request.headers }), allowed) ??
        (request.headers.get('origin') !== null && !allowed.includes(request.headers.get('origin') ?? '')
          ? 'origin not allowed'
          : null))
      : refuseCrossSiteWrite(request, allowed)
    if (refusal) throw new GatewayError(403, 'cross_site_refused', `Refused: ${refusal}.`)
    deps.providerTimings.begin(requestId)
    try {
      await next()
    } finally {
      const tally = deps.providerTimings.end(requestId)
      if (tally) c.res.headers.set('Server-Timing', serverTiming(tally))
    }
    c.res.headers.set('X-Request-Id', requestId)
    deps.log({
      event: 'request',
      requestId,
      method: request.method,
      path: url.pathname,
      status: c.res.status,
      ms: deps.clock.now() - started,
    })
  })

  for (const routes of [
    identityRoutes,
    ownRoutes,
    changeRequestRoutes,
    subscriptionRoutes,
    renewalRoutes,
    scheduledChangeRoutes,
    orderRoutes,
    // Before invoiceRoutes: its /invoices/:invoiceId would take /invoices/export.csv.
    invoiceExportRoutes,
    invoiceRoutes,
    invoicePaymentRoutes,
    paymentRoutes,
    billingDetailsRoutes,
  ])
    routes(app, deps)

  app.notFound((c) =>
    json(
      { error: { code: 'not_found', message: `No such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` } },
      404,
    ),
  )

  app.onError((error, c) => {
    const requestId = c.get('requestId') ?? ''
    const response = error instanceof GatewayError ? errorResponse(error) : internalError(deps, error, requestId)
    response.headers.set('X-Request-Id', requestId)
    return response
  })

  return app
}

function internalError(deps: GatewayDeps, error: unknown, requestId: string): Response {
  deps.log({
    event: 'error',
    requestId,
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  })
  return json({ error: { code: 'internal', message: `The billing API failed (request ${requestId}).` } }, 500)
}
