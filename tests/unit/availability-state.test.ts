import { expect, test } from 'vitest'
import type { BillingStatus, Maintenance } from '@/lib/api/schemas'
import { useAvailabilityStore } from '@/lib/availability/availability-store'

const maintenance = (overrides: Partial<Maintenance> = {}): Maintenance => ({
  enabled: false,
  reason: null,
  message: null,
  since: null,
  nextUpdateAt: null,
  generation: 1,
  ...overrides,
})
const status = (m: Maintenance): BillingStatus => ({ maintenance: m, components: [], timeline: [], checkedAt: new Date().toISOString() })
const open = { state: 'open' as const, incidentId: 'incident-1', since: Date.parse('2026-11-28T12:00:00Z') }
const closed = { state: 'closed' as const, incidentId: null, since: null }
const store = () => useAvailabilityStore.getState()

test('operational when the flag is off and every breaker is closed', () => {
  store().setStatus(status(maintenance()))
  expect(store().availability).toMatchObject({ status: 'operational', source: null })
})

test("the operators' flag puts billing in maintenance with their message", () => {
  store().setStatus(status(maintenance({ enabled: true, message: 'Provider incident', since: '2026-11-28T12:00:00Z' })))
  expect(store().availability).toMatchObject({ status: 'maintenance', source: 'operators', message: 'Provider incident' })
  expect(store().availability.since).toBe(Date.parse('2026-11-28T12:00:00Z'))
})

test('the breaker of the capability edits depend on puts billing in automatic maintenance', () => {
  store().setStatus(status(maintenance()))
  store().setBreaker('subscription', open)
  expect(store().availability).toMatchObject({ status: 'maintenance', source: 'breaker', since: open.since })
})

test('another capability failing only degrades billing, and names what is down', () => {
  store().setStatus(status(maintenance()))
  store().setBreaker('invoices', open)
  expect(store().availability).toMatchObject({ status: 'degraded', source: 'breaker' })
  expect(store().availability.capabilities).toMatchObject({ invoices: 'open', subscription: 'closed' })
})

test('when the status endpoint cannot be reached the state is never "all is well"', () => {
  store().setStatusUnreachable()
  expect(store().availability).toMatchObject({ status: 'degraded', source: 'status-unreachable' })
  store().setBreaker('subscription', open)
  expect(store().availability).toMatchObject({ status: 'maintenance', source: 'breaker' })
})

test('leaving maintenance goes through "recovering", then operational', () => {
  store().setStatus(status(maintenance()))
  store().setBreaker('subscription', open)
  store().setBreaker('subscription', closed)
  expect(store().availability.status).toBe('recovering')
  store().endRecovering()
  expect(store().availability.status).toBe('operational')
})
