/**
 * `npm run gateway`: the billing gateway in production, on Node, in front of Zuora. The
 * configuration (config/env.ts) is checked first: every mistake is printed at once and the process
 * exits with 2. Then it listens (nginx in front: deploy/nginx/), logs one JSON line per request and
 * event to stdout, and on SIGTERM stops taking connections and lets the requests in flight (an
 * order) finish before it exits.
 */
import { createPagerDutySink } from '../alerts/pagerduty'
import { createGateway } from '../compose'
import { readGatewayConfig } from '../config/env'
import { verifyPassword } from '../identity/password'
import { createRedisStore } from '../stores/redis-store'
import { survivingClientAborts } from './client-aborts'
import { startHost } from './http-host'
import { createGatewayMetrics } from './metrics'

const log = (event: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...event })}\n`)

survivingClientAborts(log)

const result = readGatewayConfig(process.env)
if (!result.ok) {
  process.stderr.write(
    `The gateway cannot start. Fix these and start it again:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`,
  )
  process.exit(2)
}
const { config } = result
for (const warning of config.warnings) log({ event: 'config_warning', message: warning })

// A fleet shares its state through Redis; the gateway starts whether or not Redis answers yet, and
// answers from its own memory until it does (stores/fallback-store.ts).
const shared = config.redisUrl
  ? createRedisStore({ url: config.redisUrl, commandTimeoutMs: config.redisCommandTimeoutMs, log })
  : undefined

const metrics = createGatewayMetrics({ instance: config.instanceId })
let stopping = false
/** How long /readyz says 503 before the listener closes (a probe every second or two notices). */
const READINESS_NOTICE_MS = 2_000

const gateway = createGateway({
  http: (request) => fetch(request),
  zuora: config.zuora,
  catalog: config.catalog,
  directory: config.directory,
  identity: config.identityHeader
    ? { mode: 'header', header: config.identityHeader }
    : { mode: 'password', verify: verifyPassword },
  paymentPages: config.paymentPages,
  allowedOrigins: config.allowedOrigins,
  health: { holdBackMs: config.statusDelayMs },
  log,
  shared,
  instanceId: config.instanceId,
  observers: [metrics.zuoraObserver],
  statuspage: config.statuspage ?? undefined,
  alerts: config.alerts
    ? createPagerDutySink({ ...config.alerts, http: (request) => fetch(request), source: config.instanceId, log })
    : undefined,
})
metrics.bind(gateway)
gateway.start()
const host = await startHost({
  fetch: gateway.fetch,
  port: config.port,
  host: config.host,
  root: config.root,
  ops: {
    instance: config.instanceId,
    ready: () => !stopping,
    metrics,
    details: () => ({ store: gateway.deps.storeMode() }),
  },
})
log({
  event: 'listening',
  url: host.url,
  instance: config.instanceId,
  zuora: config.zuora.baseUrl,
  store: shared ? 'redis' : 'memory',
  accounts: config.directory.accounts.length,
})

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return
    stopping = true
    log({ event: 'stopping', signal })
    // First /readyz says 503 for a moment, so that a load balancer that probes it stops sending
    // here while this instance still answers; then no new connections, and what is in flight (an
    // order may take up to the order time-out) finishes, bounded.
    void new Promise((resolve) => setTimeout(resolve, READINESS_NOTICE_MS))
      .then(() => host.close(15_000))
      .then(async () => {
        gateway.stop()
        await shared?.close()
        log({ event: 'stopped' })
        process.exit(0)
      })
  })
}
