/**
 * What the browser asked the billing API for, kept for the bench: which endpoint, and whether the
 * provider backs it (from contract.ts, as the scenarios decide which routes fail). Only what a
 * bench needs: a time, a method, a path, and a bounded history.
 */
import { endpoints, type EndpointName } from '../../src/lib/api/contract'
import type { Capability } from '../../src/lib/api/schemas'

export type LoggedRequest = {
  /** ms since the epoch, when the request arrived. */
  at: number
  method: string
  path: string
  endpoint: EndpointName | 'hostedPayment' | null
  /** The provider capability behind it; null for the vendor's own endpoints. */
  capability: Capability | null
  /** The `X-Bench-Client` header, so that a bench can tell its browser contexts apart; null without it. */
  client: string | null
  /** The `Idempotency-Key` header (orders), so that a bench can tell purchases apart; null without it. */
  idempotencyKey: string | null
  /**
   * The status the simulated backend answered with (201: a new order, 200: a replayed one), set
   * once it answered, even if the browser had gone by then; null while it has not (a hang).
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
  if (path.startsWith('/mock-provider/')) return { endpoint: 'hostedPayment', capability: 'payments' }
  const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path))
  return route ? { endpoint: route.name, capability: route.capability } : { endpoint: null, capability: null }
}

export function createRequestLog(now: () => number = Date.now) {
  let entries: LoggedRequest[] = []
  return {
    record(
      method: string,
      path: string,
      client: string | null = null,
      idempotencyKey: string | null = null,
    ): LoggedRequest {
      const entry: LoggedRequest = {
        at: now(),
        method,
        path,
        ...classify(method, path),
        client,
        idempotencyKey,
        status: null,
      }
      entries.push(entry)
      if (entries.length > maxEntries) entries = entries.slice(-maxEntries / 2)
      return entry
    },
    /** Requests that arrived at or after `since` (ms since the epoch). */
    since: (since = 0): LoggedRequest[] => entries.filter((entry) => entry.at >= since),
    clear: () => void (entries = []),
  }
}

export type RequestLog = ReturnType<typeof createRequestLog>
