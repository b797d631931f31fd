/**
 * Builds a gateway from its parts: the health detector first (the transport reports every call to
 * it), the transport on the given HTTP client, the stores on the given key-value store (memory for
 * one instance; Redis with this instance's memory behind it for a fleet), then the routes and the
 * runtime. Each host (Node, the simulated mode, the tests)
 * calls this with its own client, clock and configuration.
 */
import { createLogAlertSink, type AlertSink } from './alerts/pagerduty'
import { createGatewayApp } from './app'
import type { BillingCatalog } from './config/billing-catalog'
import { catalogIndex } from './config/billing-catalog'
import {
  defaultTimeouts,
  standardCookieHeaders,
  type CookieHeaders,
  type GatewayDeps,
  type IdentityConfig,
  type Timeouts,
} from './context'
import { createHealthMonitor, resolveHealthConfig, type HealthConfig } from './health'
import { createFleetExchange } from './health/fleet-exchange'
import { createStoreProbeLease } from './health/lease'
import { createStatuspageWatcher } from './health/statuspage'
import type { Directory } from './identity/directory'
import { createProviderTimings } from './http/provider-timing'
import { createOwnStore } from './own/own-store'
import { systemClock, type Clock, type HttpClient } from './ports'
import { createGatewayRuntime, healthObserver } from './runtime'
import { createFallbackStore } from './stores/fallback-store'
import { createMemoryStore, type MemoryStore } from './stores/memory-store'
import { createOrderKeyStore } from './stores/order-keys'
import type { SharedStore } from './stores/redis-store'
import { createSessionStore } from './stores/sessions'
import { createStaleCopyStore } from './stores/stale-copy'
import { createZuoraTransport, type ZuoraCallObserver } from './zuora/transport'

export type GatewaySetup = {
  http: HttpClient
  zuora: { baseUrl: string; clientId: string; clientSecret: string }
  catalog: BillingCatalog
  directory: Directory
  identity: IdentityConfig
  paymentPages: GatewayDeps['paymentPages']
  clock?: Clock
  /** This instance's memory (a test passes one to look into); by default 256 MiB, LRU. */
  store?: MemoryStore
  /**
   * The fleet's shared store (REDIS_URL): state goes there, with this instance's memory behind it
   * for when Redis fails (stores/fallback-store.ts). Without it, memory alone (one instance).
   */
  shared?: SharedStore
  /** This instance's name: the probe lease's holder, logs, metrics. */
  instanceId?: string
  /** Where operators' alerts go (default: the log). */
  alerts?: AlertSink
  /** Zuora's status page summary.json and the component to read in it: a hint, never a signal. */
  statuspage?: { url: string; component: string | null }
  /** Besides the health detector, who else hears of every Zuora call (the metrics). */
  observers?: readonly ZuoraCallObserver[]
  allowedOrigins?: readonly string[]
  timeouts?: Partial<Timeouts>
  health?: Partial<HealthConfig>
  faults?: GatewayDeps['faults']
  /** Inside MSW in a page: the headers the session cookie travels in instead of Cookie/Set-Cookie. */
  cookieHeaders?: CookieHeaders
  log?: GatewayDeps['log']
}

export type Gateway = {
  fetch(request: Request): Promise<Response>
  deps: GatewayDeps
  start(): void
  stop(): void
  /** One step of the runtime now (runtime.ts `tick`): for a host on a simulated clock. */
  tick(): void
}

export function createGateway(setup: GatewaySetup): Gateway {
  const clock = setup.clock ?? systemClock
  const log = setup.log ?? (() => undefined)
  const instanceId = setup.instanceId ?? 'gateway'
  const memory = setup.store ?? createMemoryStore({ clock, maxBytes: 256 * 1024 * 1024 })
  const fallback = setup.shared ? createFallbackStore({ shared: setup.shared, local: memory, clock, log }) : null
  const store = fallback ?? memory
  const lease = setup.shared
    ? createStoreProbeLease(store, instanceId, { intervalMs: resolveHealthConfig(setup.health).probeIntervalMs })
    : undefined
  const fleet = setup.shared ? createFleetExchange({ store, instance: instanceId }) : undefined
  const health = createHealthMonitor({ clock, config: setup.health, lease, fleet })
  const providerTimings = createProviderTimings()
  const observers = [healthObserver(health), providerTimings.observer, ...(setup.observers ?? [])]
  const observer: ZuoraCallObserver = {
    started: (call) => observers.forEach((each) => each.started?.(call)),
    finished: (call) => observers.forEach((each) => each.finished?.(call)),
  }
  const transport = createZuoraTransport(setup.zuora, { http: setup.http, clock, observer })
  const deps: GatewayDeps = {
    clock,
    transport,
    catalog: catalogIndex(setup.catalog),
    directory: setup.directory,
    identity: setup.identity,
    sessions: createSessionStore({ store, clock }),
    staleCopy: createStaleCopyStore({ store, clock }),
    orderKeys: createOrderKeyStore({ store }),
    store,
    own: createOwnStore({ store, clock }),
    health,
    allowedOrigins: setup.allowedOrigins ?? [],
    timeouts: { ...defaultTimeouts, ...setup.timeouts },
    paymentPages: setup.paymentPages,
    faults: setup.faults,
    cookieHeaders: setup.cookieHeaders ?? standardCookieHeaders,
    log,
    instanceId,
    fleet,
    statuspage: setup.statuspage
      ? createStatuspageWatcher({ ...setup.statuspage, http: setup.http, clock, log })
      : undefined,
    alerts: setup.alerts ?? createLogAlertSink(log),
    storeMode: () => fallback?.mode ?? 'memory',
    storeCounters: () => fallback?.counters() ?? null,
    providerTimings,
  }
  const app = createGatewayApp(deps)
  const runtime = createGatewayRuntime(deps)
  return {
    fetch: (request) => Promise.resolve(app.fetch(request)),
    deps,
    start: () => runtime.start(),
    stop: () => runtime.stop(),
    tick: () => runtime.tick(),
  }
}
