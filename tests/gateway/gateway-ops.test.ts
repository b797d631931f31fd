// @vitest-environment node
/**
 * What the platform reads from each instance on its own port: liveness, readiness (with where its
 * state lives) and Prometheus metrics that follow what Zuora does: the calls by capability and
 * outcome, the report's and the breakers' state, the API's answers.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  healthOf,
  reset,
  selectScenario,
  signedIn,
  startSim,
  users,
  watchReport,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
beforeAll(async () => {
  sim = await startSim()
}, 30_000)
afterAll(() => sim.close())

const metricsText = async () => {
  const answer = await fetch(`${sim.url}/metrics`)
  expect(answer.status).toBe(200)
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain/)
  return answer.text()
}

/** The value of one sample, by its name and labels as written ('' when absent). */
const sample = (text: string, name: string, labels: string) =>
  text
    .split('\n')
    .find((line) => line.startsWith(`${name}{`) && line.includes(labels))
    ?.split(' ')
    .at(-1) ?? ''

test('liveness and readiness answer on the instance’s port, readiness saying where state lives', async () => {
  const live = await fetch(`${sim.url}/healthz`)
  expect(live.status).toBe(200)
  expect(await live.json()).toMatchObject({ status: 'ok' })
  const ready = await fetch(`${sim.url}/readyz`)
  expect(ready.status).toBe(200)
  expect(await ready.json()).toMatchObject({ status: 'ready', store: 'memory' })
})

test('the metrics count Zuora’s calls and the API’s answers, and follow the report when Zuora goes down', async () => {
  await reset(sim)
  const owner = await signedIn(sim, users.owner)
  expect((await owner.get('/subscription')).status).toBe(200)
  const before = await metricsText()
  expect(
    Number(sample(before, 'billing_gateway_zuora_calls_total', 'capability="subscription",outcome="ok"')),
  ).toBeGreaterThan(0)
  expect(Number(sample(before, 'billing_gateway_http_responses_total', 'method="GET",status="2xx"'))).toBeGreaterThan(0)
  expect(sample(before, 'billing_gateway_report_state', 'capability="subscription"')).toBe('0')
  expect(sample(before, 'billing_gateway_store_mode', 'mode="memory"')).toBe('1')

  const startedAt = Date.now()
  await selectScenario(sim, 'provider-down')
  const watch = await watchReport(sim, (report) => healthOf(report, 'subscription') === 'down', {
    timeoutMs: 20_000,
    startedAt,
  })
  expect(watch.afterMs).not.toBeNull()
  const during = await metricsText()
  expect(sample(during, 'billing_gateway_report_state', 'capability="subscription"')).toBe('2')
  expect(sample(during, 'billing_gateway_breaker_state', 'capability="subscription"')).not.toBe('0')
  expect(
    Number(sample(during, 'billing_gateway_zuora_calls_total', 'capability="subscription",outcome="5xx"')),
  ).toBeGreaterThan(0)
  // The copy kept from the read before answers now, and is counted.
  expect((await owner.get('/subscription')).headers.get('x-billing-copy-as-of')).not.toBeNull()
  expect(Number(sample(await metricsText(), 'billing_gateway_stale_answers_total', ''))).toBeGreaterThan(0)
}, 40_000)
