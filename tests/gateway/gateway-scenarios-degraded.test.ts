// @vitest-environment node
/**
 * The scenarios in which Zuora still answers, slowly or unreliably (provider-slow, provider-flaky,
 * cache-layer-failure: `degraded`, never `down`), and those in which one capability fails alone
 * (partial-invoices, partial-payments: that one `down`, the others untouched), through the gateway
 * over HTTP on real time. Each test runs on a gateway of its own, all at once.
 */
import { afterAll, beforeAll, test } from 'vitest'
import type { BillingStatus, Capability } from '../../src/lib/api/schemas'
import {
  browse,
  expectContract,
  failure,
  healthOf,
  selectScenario,
  signedIn,
  startSim,
  users,
  watchReport,
  type GatewaySim,
} from './gateway-sim-client'

const degradedScenarios = ['provider-slow', 'provider-flaky', 'cache-layer-failure'] as const
const partialScenarios = [
  { name: 'partial-invoices', capability: 'invoices', path: '/invoices' },
  { name: 'partial-payments', capability: 'payments', path: '/payment-method' },
] as const
const DEGRADED_WITHIN_MS = 12_000
/** No target of its own (issue 16 sets 5 s for a whole outage); measured 4–6 s with one admin, printed. */
const PARTIAL_DOWN_WITHIN_MS = 10_000

// A fresh gateway per test: none is shared, so none needs a reset.
const sims = new Map<string, GatewaySim>()
const simFor = (name: string) => sims.get(name) as GatewaySim
beforeAll(async () => {
  const names = [...degradedScenarios, ...partialScenarios.map((scenario) => scenario.name)]
  const started = await Promise.all(names.map(() => startSim()))
  names.forEach((name, index) => sims.set(name, started[index] as GatewaySim))
}, 30_000)
afterAll(() => Promise.all([...sims.values()].map((sim) => sim.close())))

const statuses = (report: BillingStatus) => report.components.map((component) => component.status)

test.concurrent.for(degradedScenarios)(
  '%s: the report says degraded within 12 s and never down; reads keep answering',
  { timeout: 40_000 },
  async (name, { expect }) => {
    const sim = simFor(name)
    const owner = await signedIn(sim, users.owner)
    const startedAt = Date.now()
    await selectScenario(sim, name)
    // A dozen tabs opening the subscription page at once.
    const reads = Promise.all(
      Array.from({ length: 12 }, async () => {
        const began = Date.now()
        const answer = await owner.get('/subscription')
        return { ...answer, ms: Date.now() - began }
      }),
    )
    // Every report of the whole period is read: `down` at any moment would be a false alarm.
    const watch = await watchReport(sim, (report) => healthOf(report, 'subscription') === 'degraded', {
      timeoutMs: DEGRADED_WITHIN_MS,
      startedAt,
      whole: true,
    })
    console.info(`[gateway] ${name}: subscription degraded after ${watch.afterMs} ms`)
    expect(watch.afterMs).not.toBeNull()
    for (const { atMs, report } of watch.seen) expect(statuses(report), `at ${atMs} ms`).not.toContain('down')

    const answers = await reads
    // Answered, slowly or not, fresh or from the copy, or refused for now: never an error of ours.
    for (const answer of answers) expect([200, 503]).toContain(answer.status)
    const fresh = answers.filter((answer) => answer.status === 200 && !answer.headers.has('x-billing-copy-as-of'))
    expect(fresh.length).toBeGreaterThan(0)
    for (const answer of fresh) expectContract('getSubscription', answer.body)
    if (name === 'provider-slow') {
      expect(answers.every((answer) => answer.status === 200)).toBe(true)
      expect(Math.min(...answers.map((answer) => answer.ms))).toBeGreaterThanOrEqual(2_900)
    }
    if (name === 'provider-flaky') expect(fresh.length).toBeLessThan(answers.length)
  },
)

test.concurrent.for(partialScenarios)(
  '$name: only $capability is down within 10 s; the other capabilities answer and stay operational',
  { timeout: 30_000 },
  async ({ name, capability, path }, { expect }) => {
    const sim = simFor(name)
    const owner = await signedIn(sim, users.owner)
    const startedAt = Date.now()
    await selectScenario(sim, name)
    // One admin on the failing page.
    const tab = browse(owner, path, 500)
    const watch = await watchReport(sim, (report) => healthOf(report, capability) === 'down', {
      timeoutMs: 12_000,
      startedAt,
    })
    const seenByTab = await tab.stop()
    console.info(`[gateway] ${name}: ${capability} down after ${watch.afterMs} ms`)
    expect(watch.afterMs).not.toBeNull()
    expect(watch.afterMs).toBeLessThanOrEqual(PARTIAL_DOWN_WITHIN_MS)
    const others = (['subscription', 'invoices', 'payments', 'billingDetails'] as Capability[]).filter(
      (other) => other !== capability,
    )
    for (const { atMs, report } of watch.seen)
      expect(
        others.map((other) => healthOf(report, other)),
        `at ${atMs} ms`,
      ).toEqual(others.map(() => 'operational'))
    expect(seenByTab).toContain(503)

    const failing = await owner.get(path)
    expect(failure(failing)).toEqual([503, 'provider_unavailable'])
    expect(Number(failing.headers.get('retry-after'))).toBeGreaterThan(0)
    for (const [other, endpoint] of [
      ['/subscription', 'getSubscription'],
      ['/billing-details', 'getBillingDetails'],
      ['/invoices', 'getInvoices'],
      ['/payment-method', 'getPaymentMethod'],
    ] as const) {
      if (other === path) continue
      const answer = await owner.get(other)
      expect(answer.status, other).toBe(200)
      expect(answer.headers.get('x-billing-copy-as-of'), other).toBeNull()
      expectContract(endpoint, answer.body)
    }
  },
)
