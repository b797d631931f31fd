/**
 * A gallery frame of an outage opens on a gateway that has already seen it
 * (src/dev/gallery/gateway-seen-fault.ts): the gateway inside MSW, on a clock that starts
 * FAULT_SEEN_MS in the past, stepped up to real time with the fault at the simulated Zuora. What
 * the report then says is what the detector computed from its probes, read through the contract
 * as the frame's app reads it.
 */
import { afterEach, expect, test } from 'vitest'
import type { BillingStatus } from '@/lib/api/schemas'
import { signInOnGateway } from '@/dev/gallery/gateway-as-user'
import { FAULT_SEEN_MS, catchUpWithFault, createCatchUpClock } from '@/dev/gallery/gateway-seen-fault'
import { mockOrigin, simulatedApiBase } from '../../mocks/api-base'
import { createInPageGateway, type InPageGateway } from '../../mocks/in-page/in-page-gateway'
import type { ScenarioName } from '../../mocks/scenarios/names'

const backends: InPageGateway[] = []
afterEach(() => backends.splice(0).forEach((backend) => backend.stop()))

/** A frame's gateway after `scenario` has been in force at the simulated Zuora for FAULT_SEEN_MS. */
async function openedDuring(scenario: ScenarioName) {
  const clock = createCatchUpClock(FAULT_SEEN_MS)
  const backend = createInPageGateway({ apiBase: simulatedApiBase, origin: mockOrigin, storage: null, clock })
  backends.push(backend)
  const owner = await signInOnGateway(backend, mockOrigin, 'owner')
  const selectedAt = clock.now()
  await backend.scenarios.select(scenario, {})
  await catchUpWithFault(backend, clock)
  return { backend, clock, owner, selectedAt }
}

const healthOf = (report: BillingStatus) =>
  Object.fromEntries(report.components.flatMap((c) => (c.capability ? [[c.capability, c.status]] : [])))

test('Zuora down: the report says every provider capability down, from what was seen, dated within the outage', async () => {
  const { clock, owner, selectedAt } = await openedDuring('provider-down')
  expect(clock.behindMs).toBe(0)
  expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50)

  const report = await owner.call<BillingStatus>('GET', '/billing-status')
  expect(healthOf(report)).toEqual({ subscription: 'down', invoices: 'down', payments: 'down', billingDetails: 'down' })
  // Dated when the detector saw it: after the fault began, before the frame opened.
  for (const component of report.components.filter((c) => c.capability !== null)) {
    expect(Date.parse(component.updatedAt)).toBeGreaterThan(selectedAt)
    expect(Date.parse(component.updatedAt)).toBeLessThan(Date.now())
  }
  // What was seen, for the operators, as the runtime words it on real time.
  expect(report.timeline.map((entry) => entry.message)).toContainEqual(
    expect.stringMatching(/^Subscriptions and orders: down \(\d+ failures in a row over [\d.]+ s \(5xx ×\d+\)/),
  )
})

test('Zuora down: the gateway has opened its breakers, so a read fails fast instead of calling Zuora', async () => {
  const { backend, owner } = await openedDuring('provider-down')
  const callsBefore = backend.simulator.control.calls().length
  await expect(owner.call('GET', '/subscription')).rejects.toThrow(/answered 503/)
  expect(backend.simulator.control.calls().length).toBe(callsBefore)
})

test('only invoices failing at Zuora: only invoices are down, the rest of the report stays operational', async () => {
  const { owner } = await openedDuring('partial-invoices')
  const report = await owner.call<BillingStatus>('GET', '/billing-status')
  expect(healthOf(report)).toEqual({
    subscription: 'operational',
    invoices: 'down',
    payments: 'operational',
    billingDetails: 'operational',
  })
})

test('a healthy Zuora seen as long: nothing is reported, nothing fails', async () => {
  const { owner } = await openedDuring('healthy')
  const report = await owner.call<BillingStatus>('GET', '/billing-status')
  expect(new Set(Object.values(healthOf(report)))).toEqual(new Set(['operational']))
  await expect(owner.call('GET', '/subscription')).resolves.toMatchObject({ plan: { id: 'plan_professional' } })
})
