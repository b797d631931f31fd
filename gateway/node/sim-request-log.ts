/**
 * The API requests the simulated gateway received (sim-server.ts, `GET /__control/requests`), kept
 * for the benches and the browser tests over HTTP: which endpoint, whether the provider backs it
 * (from contract.ts), the bench's client header, the order's idempotency key and the status the
 * gateway answered. Only what they need, in a bounded history. What reached Zuora is the
 * simulator's own call log (`/__control/zuora-calls`); this is what the browsers sent.
 */
import { endpoints, type EndpointName } from '../../src/lib/api/contract'
import type { Capability } from '../../src/lib/api/schemas'

export type LoggedRequest = {
  /** ms since the epoch, when the request arrived. */
  at: number
  method: string
  path: string
  endpoint: EndpointName | null
  /** The provider capability behind it; null for the vendor's own endpoints. */
  capability: Capability | null
  /** The `X-Bench-Client` header, so that a bench can tell its browser contexts apart; null without it. */
  client: string | null
  /** The `Idempotency-Key` header (orders), so that a bench can tell purchases apart; null without it. */
  idempotencyKey: string | null
  /**
   * The status the gateway answered with, set once it answered, even if the browser had gone by
   * then; null while it has not (a call to a hanging Zuora, until the gateway's time-out).
   */
  status: number | null
}

/** Enough for a whole bench run; older entries are dropped first. */
const maxEntries = 100_000

type Route = { name: EndpointName; method: string; pattern: RegExp; capability: Capability | null }

const routes: Route[] = (Object.keys(endpoints) as EndpointName[])
  .map((name) => {
    const endpoint = endpoints[name]
    // Paths hold letters, dashes, dots, slashes and `{param}`: only the dots to escape.
    const path = endpoint.path.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^/]+')
    return { name, method: endpoint.method, pattern: new RegExp(`^/api${path}/?$`), capability: endpoint.capability }
  })
  // A fixed path before a parameter that would take it too (/invoices/export.csv, /invoices/{invoiceId}).
  .sort((a, b) => Number(a.pattern.source.includes('[^/]+')) - Number(b.pattern.source.includes('[^/]+')))

export function classify(method: string, path: string): Pick<LoggedRequest, 'endpoint' | 'capability'> {
  const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path))
  return route ? { endpoint: route.name, capability: route.capability } : { endpoint: null, capability: null }
}

export function createRequestLog(now: () => number = Date.now) {
  let entries: LoggedRequest[] = []
  return {
    /** Answers `request` with `answer`, logged on arrival and given its status when answered. */
    async observe(request: Request, answer: (request: Request) => Promise<Response>): Promise<Response> {
      const { pathname } = new URL(request.url)
      const entry: LoggedRequest = {
        at: now(),
        method: request.method,
        path: pathname,
        ...classify(request.method, pathname),
        client: request.headers.get('x-bench-client'),
        idempotencyKey: request.headers.get('idempotency-key'),
        status: null,
      }
      entries.push(entry)
      if (entries.length > maxEntries) entries = entries.slice(-maxEntries / 2)
      const response = await answer(request)
      entry.status = response.status
      return response
    },
    /** Requests that arrived at or after `since` (ms since the epoch). */
    since: (since = 0): LoggedRequest[] => entries.filter((entry) => entry.at >= since),
    clear: () => void (entries = []),
  }
}

export type RequestLog = ReturnType<typeof createRequestLog>
