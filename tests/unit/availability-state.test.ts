import { expect, test } from 'vitest'
import type { Maintenance } from '@/lib/api/schemas'
import { createAvailabilityStore } from '@/lib/availability/availability-store'
import { closedSnapshot } from '@/lib/resilience/shared-breaker'

const maintenance = (overrides: Partial<Maintenance> = {}): Maintenance => ({
  enabled: false,
  reason: null,
  message: null,
  since: null,
  nextUpdateAt: null,
  generation: 1,
  ...overrides,
})
const open = {
  state: 'open' as const,
  incidentId: 'incident-1',
  since: Date.parse('2026-11-28T12:00:00Z'),
  released: false,
}
const released = { ...open, state: 'half-open' as const, released: true }
const withBreaker = (
  store: ReturnType<typeof createAvailabilityStore>,
  capability: 'subscription' | 'invoices',
  snapshot: typeof open | typeof released | typeof closedSnapshot,
) => store.update({ breakers: { ...store.inputs().breakers, [capability]: snapshot } })

function setup() {
  const store = createAvailabilityStore(() => Date.parse('2026-11-28T12:30:00Z'))
  store.update({ maintenance: maintenance(), report: {} })
  return store
}

test('operational when the flag is off, the report says nothing is wrong and every breaker is closed', () => {
  expect(setup().get()).toMatchObject({ status: 'operational', source: null })
})

test("the operators' flag puts billing in maintenance with their message", () => {
  const store = setup()
  store.update({
    maintenance: maintenance({ enabled: true, message: 'Provider incident', since: '2026-11-28T12:00:00Z' }),
  })
  expect(store.get()).toMatchObject({ status: 'maintenance', source: 'operators', message: 'Provider incident' })
  expect(store.get().since).toBe(Date.parse('2026-11-28T12:00:00Z'))
})

test('the health report saying subscriptions are down puts billing in automatic maintenance, whatever the breaker says', () => {
  const store = setup()
  store.update({ report: { subscription: 'down' } })
  expect(store.get()).toMatchObject({ status: 'maintenance', source: 'health-report' })
  expect(store.get().capabilities.subscription).toEqual({ state: 'down', source: 'health-report', why: null })
})

test('the report saying a capability is degraded is a notice naming it, not a pause', () => {
  const store = setup()
  store.update({ report: { invoices: 'degraded' } })
  expect(store.get()).toMatchObject({ status: 'degraded', source: 'health-report' })
  expect(store.get().capabilities.invoices.state).toBe('degraded')
  expect(store.get().capabilities.subscription.state).toBe('operational')
})

test("the breaker of the capability edits depend on is the fallback: automatic maintenance from the browser's own calls", () => {
  const store = setup()
  withBreaker(store, 'subscription', open)
  expect(store.get()).toMatchObject({ status: 'maintenance', source: 'breaker', since: open.since })
})

test('a breaker released by the report (its next call is the trial) no longer pauses edits', () => {
  const store = setup()
  withBreaker(store, 'subscription', open)
  withBreaker(store, 'subscription', released)
  expect(store.get().status).toBe('recovering')
  expect(store.get().capabilities.subscription.state).toBe('operational')
})

test('another capability failing only degrades billing, and names what is down', () => {
  const store = setup()
  withBreaker(store, 'invoices', open)
  expect(store.get()).toMatchObject({ status: 'degraded', source: 'breaker' })
  expect(store.get().capabilities.invoices.state).toBe('down')
  expect(store.get().capabilities.subscription.state).toBe('operational')
})

test("the browser's own slow or failing calls are a notice saying which, never a pause", () => {
  const store = setup()
  store.update({ calls: { ...store.inputs().calls, subscription: 'slow' } })
  expect(store.get()).toMatchObject({ status: 'degraded', source: 'browser' })
  expect(store.get().capabilities.subscription).toEqual({ state: 'degraded', source: 'browser', why: 'slow' })
  // A slow notice ending is not a recovery: nothing was unavailable.
  store.update({ calls: { ...store.inputs().calls, subscription: null } })
  expect(store.get().status).toBe('operational')
})

test('when the status endpoint cannot be reached the state is never "all is well"', () => {
  const store = setup()
  store.update({ report: null })
  expect(store.get()).toMatchObject({ status: 'degraded', source: 'status-unreachable' })
  withBreaker(store, 'subscription', open)
  expect(store.get()).toMatchObject({ status: 'maintenance', source: 'breaker' })
})

test("an unreachable status endpoint outranks this browser's own slow or unreliable notice, which the capability keeps", () => {
  const store = setup()
  store.update({ report: null, calls: { ...store.inputs().calls, subscription: 'unreliable' } })
  expect(store.get()).toMatchObject({ status: 'degraded', source: 'status-unreachable' })
  expect(store.get().capabilities.subscription).toEqual({ state: 'degraded', source: 'browser', why: 'unreliable' })
})

test('leaving maintenance goes through "recovering", then operational', () => {
  const store = setup()
  withBreaker(store, 'subscription', open)
  withBreaker(store, 'subscription', closedSnapshot)
  expect(store.get().status).toBe('recovering')
  store.endRecovering()
  expect(store.get().status).toBe('operational')
})
