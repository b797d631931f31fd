import { expect, test } from 'vitest'
import { breaker } from '@/config/resilience'
import type { BillingStatus } from '@/lib/api/schemas'
import { createProbeGate, providerHealthOf } from '@/lib/resilience/probe-gate'

const status = (components: Array<[string, BillingStatus['components'][number]['capability'], 'operational' | 'degraded' | 'down']>): BillingStatus => ({
  maintenance: { enabled: false, reason: null, message: null, since: null, nextUpdateAt: null, generation: 1 },
  components: components.map(([id, capability, health]) => ({ id, name: id, capability, status: health, updatedAt: '2026-11-28T12:00:00Z' })),
  timeline: [],
  checkedAt: '2026-11-28T12:00:00Z',
})

test('the worst component of each capability is its health; own components are ignored', () => {
  expect(
    providerHealthOf(
      status([
        ['api', null, 'down'],
        ['orders', 'subscription', 'degraded'],
        ['subs', 'subscription', 'down'],
        ['invoices', 'invoices', 'operational'],
      ]),
    ),
  ).toEqual({ subscription: 'down', invoices: 'operational' })
})

test('no probes while the status endpoint reports the capability down', () => {
  const gate = createProbeGate(() => 0)
  gate.update({ subscription: 'down' }, 0)
  expect(gate.allows('subscription', 1_000_000)).toBe(false)
  expect(gate.allows('invoices', 0)).toBe(true)
})

test('when the capability is reported back, probing resumes after a random delay within the spread', () => {
  const gate = createProbeGate(() => 0.5)
  gate.update({ subscription: 'down' }, 0)
  gate.update({ subscription: 'operational' }, 10_000)
  const resumesAt = 10_000 + breaker.probeSpreadMs / 2
  expect(gate.allows('subscription', resumesAt - 1)).toBe(false)
  expect(gate.allows('subscription', resumesAt)).toBe(true)
})

test('without news from the status endpoint the browser probes on its own (never stuck)', () => {
  const gate = createProbeGate(() => 0)
  expect(gate.allows('payments', 0)).toBe(true)
  gate.update({ payments: 'down' }, 0)
  gate.update(null, 5_000) // status endpoint unreachable
  expect(gate.allows('payments', 5_000)).toBe(true)
})
