// @vitest-environment node
/**
 * The report is written when what the gateway publishes changes. A write that is lost (the store
 * failed, or an instance or a tab saved an older document over it) must not leave the report
 * wrong until the next change: the runtime writes it again once it has held for
 * REPORT_RECONCILE_MS. Against the Zuora simulator, on Vitest's fake clock: the gateway's timers
 * (its runtime's tick, the reconcile) and Date move only as the test moves them, so the seconds
 * the report must hold are not waited for.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { createGateway, type Gateway } from '../../gateway/compose'
import { REPORT_RECONCILE_MS } from '../../gateway/runtime'
import { setComponentHealth } from '../../gateway/own/status'
import { demoBillingCatalog, demoGatewayDirectory, demoPaymentPages, demoZuoraClient } from '../../mocks/gateway-demo'
import { createZuoraSimulator } from '../../mocks/zuora'

const gateways: Gateway[] = []
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
})
afterEach(() => {
  gateways.splice(0).forEach((gateway) => gateway.stop())
  vi.useRealTimers()
})

function startGateway() {
  const simulator = createZuoraSimulator({ now: () => Date.now() })
  const logged: Record<string, unknown>[] = []
  const gateway = createGateway({
    http: (request) => simulator.handle(request),
    zuora: demoZuoraClient,
    catalog: demoBillingCatalog(),
    directory: demoGatewayDirectory(new Date()),
    identity: { mode: 'email-only' },
    paymentPages: demoPaymentPages(simulator),
    log: (event) => logged.push(event),
  })
  gateways.push(gateway)
  gateway.start()
  return { gateway, simulator, logged }
}

const shown = async (gateway: Gateway) =>
  (await gateway.deps.own.read()).status.components.find((c) => c.capability === 'subscription')?.status

/** Moves the clock on 100 ms at a time (the gateway's timers firing on the way) until `check` holds. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const startedAt = Date.now()
  while (!(await check())) {
    if (Date.now() - startedAt > timeoutMs) throw new Error(`not within ${timeoutMs} ms`)
    await vi.advanceTimersByTimeAsync(100)
  }
  return Date.now() - startedAt
}

test('a report overwritten with an older state is written again from what the gateway publishes', async () => {
  const { gateway, simulator, logged } = startGateway()
  simulator.control.select('provider-down')
  await waitFor(async () => (await shown(gateway)) === 'down', 10_000)
  const incidents = (await gateway.deps.own.read()).incidents ?? []
  expect(
    incidents.filter((incident) => incident.capability === 'subscription' && incident.resolvedAt === null),
  ).toHaveLength(1)

  // The write is lost: another writer puts back the report of before the outage.
  await gateway.deps.own.mutate((draft) => setComponentHealth(draft, 'subscription', 'operational', new Date()))
  expect(await shown(gateway)).toBe('operational')

  const tookMs = await waitFor(async () => (await shown(gateway)) === 'down', REPORT_RECONCILE_MS * 3)
  console.info(`[gateway] report written again after ${tookMs} ms`)
  expect(logged).toContainEqual(
    expect.objectContaining({ event: 'health_rewritten', capability: 'subscription', health: 'down' }),
  )
  // Still one incident for the one outage.
  const after = (await gateway.deps.own.read()).incidents ?? []
  expect(
    after.filter((incident) => incident.capability === 'subscription' && incident.resolvedAt === null),
  ).toHaveLength(1)
}, 20_000)

test('a report that shows what the gateway publishes is left alone', async () => {
  const { gateway, logged } = startGateway()
  await vi.advanceTimersByTimeAsync(REPORT_RECONCILE_MS * 2 + 500)
  expect(await shown(gateway)).toBe('operational')
  expect(logged.filter((event) => event.event === 'health_rewritten')).toEqual([])
}, 10_000)
