import { expect, test } from 'vitest'
import type { BillingStatus } from '@/lib/api/schemas'
import { createHealthReport, providerHealthOf } from '@/lib/resilience/health-report'

const component = (
  capability: BillingStatus['components'][number]['capability'],
  status: 'operational' | 'degraded' | 'down',
) => ({
  id: `${capability}-${status}`,
  name: String(capability),
  capability,
  status,
  updatedAt: '2026-11-28T12:00:00Z',
})

test('each capability takes the worst health of its components; the vendor own components are not provider capabilities', () => {
  const status = {
    components: [
      component(null, 'down'),
      component('invoices', 'operational'),
      component('invoices', 'degraded'),
      component('subscription', 'down'),
    ],
  } as BillingStatus
  expect(providerHealthOf(status)).toEqual({ invoices: 'degraded', subscription: 'down' })
})

test('the report tells which capabilities went down and which came back, including when it stops answering', () => {
  const report = createHealthReport()
  expect(report.update({ subscription: 'down', invoices: 'degraded' })).toEqual({
    wentDown: ['subscription'],
    cameBack: [],
  })
  expect(report.isDown('subscription')).toBe(true)
  expect(report.update({ subscription: 'down', invoices: 'down' })).toEqual({ wentDown: ['invoices'], cameBack: [] })
  expect(report.update({ subscription: 'operational', invoices: 'down' })).toEqual({
    wentDown: [],
    cameBack: ['subscription'],
  })
  // Unreadable: it says nothing any more, so nothing is held down by it (the breakers decide).
  expect(report.update(null)).toEqual({ wentDown: [], cameBack: ['invoices'] })
  expect(report.isDown('invoices')).toBe(false)
  expect(report.current()).toBeNull()
})
