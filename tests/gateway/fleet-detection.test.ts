// @vitest-environment node
/**
 * The fleet's health report over HTTP: two gateway instances sharing one Redis and one Zuora,
 * operators' alerts going to a PagerDuty-like webhook on loopback. Zuora down: both instances
 * report it, and the operators get one `trigger` per capability, not one per instance; a browser's
 * report of the same trouble joins that incident; Zuora back: one `resolve` each. Trouble on one
 * instance's own network: the fleet's report never leaves operational and nobody is paged.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createPagerDutySink } from '../../gateway/alerts/pagerduty'
import { startGatewaySim, type GatewaySim } from '../../gateway/node/sim-server'
import { createRedisStore, type SharedStore } from '../../gateway/stores/redis-store'
import { startRedisServer, type RedisServer } from '../../scripts/redis-server'
import { billingStatus, healthOf, pause, selectScenario, signedIn, users, watchReport } from './gateway-sim-client'

type PagerDutyEvent = {
  routing_key: string
  event_action: 'trigger' | 'resolve'
  dedup_key: string
  payload?: { severity: string; source: string }
}

let redis: RedisServer
let webhook: Server
let webhookUrl = ''
const events: PagerDutyEvent[] = []
const stores: SharedStore[] = []
const sims: GatewaySim[] = []

async function instancePair(prefix: string, faultyNetworkOnSecond = false): Promise<[GatewaySim, GatewaySim]> {
  const make = async (name: string, simulator?: GatewaySim['simulator'], faulty = false) => {
    const shared = createRedisStore({ url: redis.url, keyPrefix: `${prefix}:`, commandTimeoutMs: 2_000 })
    stores.push(shared)
    expect(await shared.waitUntilReady(10_000)).toBe(true)
    const sim = await startGatewaySim({
      shared,
      instanceId: name,
      simulator,
      alerts: createPagerDutySink({
        url: webhookUrl,
        routingKey: 'test-routing-key',
        http: (request) => fetch(request),
        source: name,
        log: () => undefined,
        backoffMs: [100, 200],
      }),
      // This instance's own network to Zuora answers 503 to everything; Zuora itself is fine.
      wrapZuora: faulty ? () => async () => new Response('upstream connect error', { status: 503 }) : undefined,
    })
    sims.push(sim)
    return sim
  }
  const first = await make(`${prefix}-a`)
  return [first, await make(`${prefix}-b`, first.simulator, faultyNetworkOnSecond)]
}

beforeAll(async () => {
  redis = await startRedisServer()
  webhook = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      events.push(JSON.parse(body) as PagerDutyEvent)
      response.writeHead(202, { 'Content-Type': 'application/json' })
      response.end('{"status":"success","message":"Event processed"}')
    })
  })
  await new Promise<void>((done) => webhook.listen(0, '127.0.0.1', done))
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/v2/enqueue`
}, 20_000)

afterAll(async () => {
  await Promise.all(sims.map((sim) => sim.close()))
  await Promise.all(stores.map((store) => store.close()))
  await new Promise((done) => webhook?.close(done))
  await redis?.stop()
})

test('Zuora down: both instances report it, operators get one trigger per capability, and one resolve when it is back', async () => {
  const [a, b] = await instancePair('down')
  const owner = await signedIn(a, users.owner)
  const startedAt = Date.now()
  await selectScenario(a, 'provider-down')
  for (const sim of [a, b]) {
    const watch = await watchReport(sim, (report) => healthOf(report, 'subscription') === 'down', {
      timeoutMs: 20_000,
      startedAt,
    })
    expect(watch.afterMs, `${sim.url} never reported down`).not.toBeNull()
  }
  // A browser meeting the same outage reports it: it joins the open incident.
  const report = await owner.call('POST', '/alerts', {
    body: {
      kind: 'breaker_open',
      incidentId: 'inc_browser_1',
      capability: 'subscription',
      occurredAt: new Date().toISOString(),
      detail: null,
    },
  })
  expect(report.status).toBe(202)
  await pause(1_000)

  const triggers = events.filter((event) => event.event_action === 'trigger' && event.payload?.severity === 'critical')
  const keys = triggers.map((event) => event.dedup_key)
  expect(keys.some((key) => key.startsWith('billing-subscription-'))).toBe(true)
  expect(new Set(keys).size).toBe(keys.length)
  expect(triggers.every((event) => event.routing_key === 'test-routing-key')).toBe(true)
  const own = await a.gateway().deps.own.read()
  expect(own.alerts.filter((alert) => alert.incidentId === 'inc_browser_1')).toEqual([])
  expect(own.incidents?.find((incident) => incident.capability === 'subscription')?.browserReports).toBe(1)

  const recoveredAt = Date.now()
  await selectScenario(a, 'healthy')
  for (const sim of [a, b]) {
    const watch = await watchReport(sim, (r) => healthOf(r, 'subscription') === 'operational', {
      timeoutMs: 40_000,
      startedAt: recoveredAt,
    })
    expect(watch.afterMs, `${sim.url} never reported recovery`).not.toBeNull()
  }
  await pause(1_000)
  const subscriptionKey = keys.find((key) => key.startsWith('billing-subscription-'))
  const resolves = events.filter((event) => event.event_action === 'resolve' && event.dedup_key === subscriptionKey)
  expect(resolves).toHaveLength(1)
  await Promise.all([a.close(), b.close()])
}, 90_000)

test('trouble on one instance’s own network never flips the fleet’s report, and nobody is paged', async () => {
  const [a, b] = await instancePair('lone', true)
  const before = events.length
  const seen: string[] = []
  for (const until = Date.now() + 8_000; Date.now() < until; await pause(250))
    for (const sim of [a, b]) seen.push(healthOf(await billingStatus(sim), 'subscription') ?? 'missing')
  expect(new Set(seen)).toEqual(new Set(['operational']))
  expect(events.slice(before)).toEqual([])
  const lone = b.gateway().deps.health.snapshot().capabilities.subscription.evidence
  expect(lone.rule).toBe('lone_instance')
}, 30_000)
