// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { ok, send, signInAs } from './support'

const report = (incidentId: string, kind = 'breaker_open') => ({
  kind,
  incidentId,
  capability: 'invoices',
  occurredAt: new Date().toISOString(),
  detail: 'Invoices failed 5 times',
})

describe('alert intake', () => {
  it('accepts reports with 202 and folds repeats of one incident into one alert', async () => {
    for (const body of [report('inc-1'), report('inc-1'), report('inc-1'), report('inc-2'), report('inc-1', 'breaker_closed')]) {
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
})
