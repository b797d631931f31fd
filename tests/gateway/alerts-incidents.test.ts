// @vitest-environment node
/**
 * One incident per outage of a capability (gateway/own/incidents.ts) and the PagerDuty Events API
 * v2 webhook that tells operators of it (gateway/alerts/pagerduty.ts): opened, changed, resolved
 * once each however many instances apply the change; events in the API's shape under one
 * dedup_key; a failed send retried, a refused one not.
 */
import { expect, test } from 'vitest'
import { createPagerDutySink, pagerDutyEvent } from '../../gateway/alerts/pagerduty'
import { applyHealthToIncidents, joinOpenIncident } from '../../gateway/own/incidents'
import { freshOwnState } from '../../gateway/own/own-store'

const at = (s: number) => new Date(Date.UTC(2026, 11, 7, 3, 0, s))

test('an outage opens one incident, worsening changes it, recovery resolves it; applying twice does nothing', () => {
  const state = freshOwnState(at(0))
  const opened = applyHealthToIncidents(state, 'subscription', 'degraded', '30 % failed', at(1))
  expect(opened).toMatchObject({ action: 'trigger', incident: { capability: 'subscription', health: 'degraded' } })
  expect(applyHealthToIncidents(state, 'subscription', 'degraded', '30 % failed', at(2))).toBeNull()
  const worse = applyHealthToIncidents(state, 'subscription', 'down', '16 failures in a row', at(3))
  expect(worse).toMatchObject({ action: 'trigger', incident: { health: 'down', key: opened?.incident.key } })
  expect(joinOpenIncident(state, 'subscription')?.browserReports).toBe(1)
  expect(joinOpenIncident(state, 'invoices')).toBeNull()
  const resolved = applyHealthToIncidents(state, 'subscription', 'operational', 'ok', at(4))
  expect(resolved).toMatchObject({
    action: 'resolve',
    incident: { key: opened?.incident.key, resolvedAt: at(4).toISOString() },
  })
  expect(applyHealthToIncidents(state, 'subscription', 'operational', 'ok', at(5))).toBeNull()
  expect(joinOpenIncident(state, 'subscription')).toBeNull()
  // The next outage is a new incident.
  const next = applyHealthToIncidents(state, 'subscription', 'down', 'again', at(6))
  expect(next?.incident.key).not.toBe(opened?.incident.key)
})

test('the events follow the Events API v2: trigger with a payload and severity, resolve by dedup_key alone', () => {
  const state = freshOwnState(at(0))
  const incident = applyHealthToIncidents(state, 'invoices', 'down', 'no answer for 4.0 s', at(1))!.incident
  expect(pagerDutyEvent('trigger', incident, 'rk', 'gw-a')).toMatchObject({
    routing_key: 'rk',
    event_action: 'trigger',
    dedup_key: incident.key,
    payload: { summary: 'Billing Invoices and PDFs down: no answer for 4.0 s', source: 'gw-a', severity: 'critical' },
  })
  expect(pagerDutyEvent('resolve', incident, 'rk', 'gw-a')).toEqual({
    routing_key: 'rk',
    event_action: 'resolve',
    dedup_key: incident.key,
  })
})

test('a send that fails is retried with backoff; one PagerDuty refuses (400) is not', async () => {
  const state = freshOwnState(at(0))
  const incident = applyHealthToIncidents(state, 'payments', 'degraded', 'slow', at(1))!.incident
  const statuses = [503, 0, 202]
  const sent: unknown[] = []
  const logged: Record<string, unknown>[] = []
  const flaky = createPagerDutySink({
    url: 'https://events.pagerduty.test/v2/enqueue',
    routingKey: 'rk',
    source: 'gw-a',
    backoffMs: [1, 1, 1],
    log: (event) => logged.push(event),
    http: async (request) => {
      sent.push(await request.json())
      const status = statuses.shift() ?? 202
      if (status === 0) throw new TypeError('fetch failed')
      return new Response('{}', { status })
    },
  })
  await flaky.notify('trigger', incident)
  expect(sent).toHaveLength(3)
  expect(logged.at(-1)).toMatchObject({ event: 'alert', outcome: 'sent', attempts: 3 })

  let calls = 0
  const refusing = createPagerDutySink({
    url: 'https://events.pagerduty.test/v2/enqueue',
    routingKey: 'wrong',
    source: 'gw-a',
    backoffMs: [1, 1, 1],
    log: (event) => logged.push(event),
    http: async () => {
      calls++
      return new Response('{"status":"invalid event"}', { status: 400 })
    },
  })
  await refusing.notify('resolve', incident)
  expect(calls).toBe(1)
  expect(logged.at(-1)).toMatchObject({ outcome: 'refused' })
})
