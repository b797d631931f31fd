/**
 * The gateway's Prometheus metrics (prom-client), served at `/metrics` on the instance's own port
 * (not through nginx). A registry per gateway, so that tests may run several in one process.
 *
 * Counted as they happen: every Zuora call by capability and outcome, with its latency; every API
 * answer by method and status class. Read at scrape time from what already counts them: the
 * report's and the breakers' state, stale-copy answers, order-key answers (a `done` is a replay),
 * the shared store's mode and fall-backs, the fleet's exchange failures, process memory.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { Gateway } from '../compose'
import type { CapabilityHealth } from '../health'
import { capabilities, healthRank } from '../health/calls'
import { outcomeOf } from '../runtime'
import type { ZuoraCallObserver } from '../zuora/transport'

export type GatewayMetrics = {
  registry: Registry
  /** Give to createGateway: every Zuora call is counted. */
  zuoraObserver: ZuoraCallObserver
  /** The gateway to read at scrape time (set once it exists, again after a simulated reset). */
  bind(gateway: Gateway): void
  /** One API answer (the Node host calls it). */
  answered(method: string, status: number, seconds: number): void
  /** The exposition text and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>
}

const breakerRank = { closed: 0, half_open: 1, open: 2 } as const

/** A counter whose value is read from elsewhere at scrape time. */
type Sample = { labels?: Record<string, string>; value: number }

function mirroredCounter(registry: Registry, name: string, help: string, labelNames: string[], read: () => Sample[]) {
  return new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset()
      for (const { labels = {}, value } of read()) this.inc(labels, value)
    },
  })
}

export function createGatewayMetrics(options: { instance: string }): GatewayMetrics {
  const registry = new Registry()
  registry.setDefaultLabels({ instance: options.instance })
  collectDefaultMetrics({ register: registry })
  let gateway: Gateway | null = null

  const zuoraCalls = new Counter({
    name: 'billing_gateway_zuora_calls_total',
    help: 'Zuora calls by capability and outcome (ok, a failure kind, shed, ignored, abandoned).',
    labelNames: ['capability', 'outcome'],
    registers: [registry],
  })
  const zuoraSeconds = new Histogram({
    name: 'billing_gateway_zuora_call_duration_seconds',
    help: 'How long Zuora calls took, by capability.',
    labelNames: ['capability'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3.5, 5, 10, 30],
    registers: [registry],
  })
  const answers = new Counter({
    name: 'billing_gateway_http_responses_total',
    help: 'API answers by method and status class.',
    labelNames: ['method', 'status'],
    registers: [registry],
  })
  const answerSeconds = new Histogram({
    name: 'billing_gateway_http_response_duration_seconds',
    help: 'How long API answers took.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 12],
    registers: [registry],
  })

  const capabilityGauge = (name: string, help: string, valueOf: (health: CapabilityHealth) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['capability'],
      registers: [registry],
      collect() {
        if (!gateway) return
        const snapshot = gateway.deps.health.snapshot()
        for (const capability of capabilities) this.set({ capability }, valueOf(snapshot.capabilities[capability]))
      },
    })
  capabilityGauge(
    'billing_gateway_report_state',
    'What the health report publishes per capability: 0 operational, 1 degraded, 2 down.',
    (health) => healthRank[health.published],
  )
  capabilityGauge(
    'billing_gateway_breaker_state',
    'The server breaker per capability: 0 closed, 1 half open, 2 open.',
    (health) => breakerRank[health.breaker],
  )
  new Gauge({
    name: 'billing_gateway_store_mode',
    help: "Where state lives: 1 for the current mode (memory: one instance; shared: the fleet's Redis; local: this instance's own while Redis fails).",
    labelNames: ['mode'],
    registers: [registry],
    collect() {
      if (!gateway) return
      const mode = gateway.deps.storeMode()
      for (const each of ['memory', 'shared', 'local']) this.set({ mode: each }, each === mode ? 1 : 0)
    },
  })
  mirroredCounter(
    registry,
    'billing_gateway_stale_answers_total',
    'Answers served from the gateway’s copy while Zuora failed.',
    [],
    () => (gateway ? [{ value: gateway.deps.staleCopy.counters().hits }] : []),
  )
  mirroredCounter(
    registry,
    'billing_gateway_order_keys_total',
    'How the order key store answered each keyed order: new, done (a replay), in_flight, mismatch, unknown.',
    ['result'],
    () =>
      gateway
        ? Object.entries(gateway.deps.orderKeys.counters()).map(([result, value]) => ({ labels: { result }, value }))
        : [],
  )
  mirroredCounter(
    registry,
    'billing_gateway_store_fallbacks_total',
    'Times this instance went from the fleet’s Redis to its own state.',
    [],
    () => {
      const counters = gateway?.deps.storeCounters()
      return counters ? [{ value: counters.fallbacks }] : []
    },
  )
  mirroredCounter(
    registry,
    'billing_gateway_store_local_answers_total',
    'Store operations answered from this instance’s own state because Redis failed.',
    [],
    () => {
      const counters = gateway?.deps.storeCounters()
      return counters ? [{ value: counters.localAnswers }] : []
    },
  )
  mirroredCounter(
    registry,
    'billing_gateway_fleet_exchange_failures_total',
    'Rounds of the fleet’s health-view exchange that failed.',
    [],
    () => (gateway?.deps.fleet ? [{ value: gateway.deps.fleet.failures }] : []),
  )

  return {
    registry,
    zuoraObserver: {
      finished(call) {
        const capability = call.capability ?? 'none'
        const outcome = call.abandoned ? { type: 'abandoned' as const } : outcomeOf(call.error, call.status, false)
        const label = outcome.type === 'failure' ? outcome.kind : outcome.type
        zuoraCalls.inc({ capability, outcome: label })
        zuoraSeconds.observe({ capability }, Math.max(0, call.endedAt - call.startedAt) / 1000)
      },
    },
    bind(bound) {
      gateway = bound
    },
    answered(method, status, seconds) {
      answers.inc({ method, status: `${Math.floor(status / 100)}xx` })
      answerSeconds.observe(seconds)
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() }
    },
  }
}
