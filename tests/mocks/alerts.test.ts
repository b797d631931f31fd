// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../mocks/db'
import { ALERT_RATE_LIMIT } from '../../gateway/own/status'
import { ok, refused, send, signInAs } from './support'
import '../support/legacy-contract/backend'

afterEach(() => {
  vi.useRealTimers()
})

const report = (incidentId: string, kind = 'breaker_open') => ({
  kind,
  incidentId,
  capability: 'invoices',
  occurredAt: new Date().toISOString(),
  detail: 'Invoices failed 5 times',
})

describe('alert intake', () => {
  it('accepts reports with 202 and folds repeats of one incident into one alert', async () => {
    for (const body of [
      report('inc-1'),
      report('inc-1'),
      report('inc-1'),
      report('inc-2'),
      report('inc-1', 'breaker_closed'),
    ]) {
      const response = await send('postAlert', { body })
      expect(response.status).toBe(202)
    }
    signInAs('viewer@acme.test') // another user of the same account, same incident
    await send('postAlert', { body: report('inc-1') })

    signInAs('ops@vendor.test')
    const { alerts } = await ok('getAlerts')
    expect(alerts.map((a) => [a.kind, a.incidentId, a.count])).toEqual([
      ['breaker_open', 'inc-1', 4], // newest report first
      ['breaker_closed', 'inc-1', 1],
      ['breaker_open', 'inc-2', 1],
    ])
    expect(alerts[0]).toMatchObject({ accountId: 'acc_acme', userId: 'usr_ana', capability: 'invoices' })
  })

  it('keeps reports of different accounts apart', async () => {
    await send('postAlert', { body: report('inc-9') })
    await ok('switchAccount', { body: { accountId: 'acc_globex' } })
    await send('postAlert', { body: report('inc-9') })
    signInAs('ops@vendor.test')
    const { alerts } = await ok('getAlerts')
    expect(alerts.map((a) => a.accountId)).toEqual(['acc_globex', 'acc_acme'])
  })

  it('validates reports', async () => {
    const response = await send('postAlert', { body: { ...report('inc-3'), kind: 'meltdown' } })
    expect(response.status).toBe(422)
  })

  it('rate-limits each user: past 30 reports a minute it answers 429 with Retry-After and records nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-03-02T10:00:00.000Z') })
    db.reset()
    expect(ALERT_RATE_LIMIT).toEqual({ max: 30, windowMs: 60_000 })
    for (let i = 0; i < 30; i++) {
      expect((await send('postAlert', { body: report(`inc-r${i % 3}`) })).status).toBe(202)
      vi.setSystemTime(Date.now() + 1_000) // one a second: all 30 within the last minute
    }
    const response = await send('postAlert', { body: report('inc-r0') })
    expect(response.headers.get('Retry-After')).toBe('30') // when the first of the 30 leaves the window
    await refused(response, 429, 'rate_limited')

    signInAs('viewer@acme.test') // another user of the same account is not held back
    expect((await send('postAlert', { body: report('inc-r0') })).status).toBe(202)

    signInAs('owner@acme.test')
    vi.setSystemTime(Date.now() + 30_000)
    expect((await send('postAlert', { body: report('inc-r0') })).status).toBe(202)

    signInAs('ops@vendor.test')
    const { alerts } = await ok('getAlerts')
    expect(alerts.reduce((sum, alert) => sum + alert.count, 0)).toBe(30 + 1 + 1)
  })

  it('refuses a report that breaks the schema or is not JSON, whatever its size', async () => {
    expect((await send('postAlert', { rawBody: '{"kind":' })).status).toBe(400)
    expect((await send('postAlert', { body: { ...report('inc-4'), detail: 'x'.repeat(501) } })).status).toBe(422)
    expect((await send('postAlert', { body: { ...report('inc-4'), occurredAt: 'yesterday' } })).status).toBe(422)
    signInAs('ops@vendor.test')
    expect((await ok('getAlerts')).alerts).toEqual([])
  })
})
