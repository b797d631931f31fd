// @vitest-environment node
/**
 * Zuora's status page as a hint, never a signal (gateway/health/statuspage.ts): what a summary.json
 * says of the tenant's component, probes going at the suspect cadence while it reports trouble,
 * the report itself never moved by it, and an unreadable page being no hint at all.
 */
import { expect, test } from 'vitest'
import { createHealthMonitor } from '../../gateway/health/monitor'
import { createStatuspageWatcher, hintFromSummary } from '../../gateway/health/statuspage'

/** The shape of Statuspage's public `GET /api/v2/summary.json`, trimmed. */
const summary = (indicator: string, components: [string, string][]) => ({
  page: { id: 'zuora', name: 'Zuora', url: 'https://trust.zuora.com' },
  status: { indicator, description: indicator === 'none' ? 'All Systems Operational' : 'Partial System Outage' },
  components: components.map(([name, status], i) => ({ id: `c${i}`, name, status })),
  incidents: [],
})

test('the configured component decides; without one, the page’s overall indicator', () => {
  const body = summary('minor', [
    ['NA1 Production API', 'partial_outage'],
    ['EU Production API', 'operational'],
  ])
  expect(hintFromSummary(body, 'na1 production api', 1)).toEqual({
    troubled: true,
    said: 'NA1 Production API: partial_outage',
    at: 1,
  })
  expect(hintFromSummary(body, 'EU Production API', 1)).toMatchObject({ troubled: false })
  expect(hintFromSummary(body, null, 1)).toMatchObject({ troubled: true, said: 'minor: Partial System Outage' })
  expect(hintFromSummary(summary('none', []), null, 1)).toMatchObject({ troubled: false })
  expect(hintFromSummary({ not: 'a summary' }, null, 1)).toBeNull()
})

test('while the page reports trouble probes go at the suspect cadence, and the report does not move', () => {
  const clock = { time: 10_000, now: () => clock.time }
  const monitor = createHealthMonitor({ clock })
  const probe = () => {
    const due = monitor.dueProbes()
    for (const capability of due)
      monitor.record({ capability, startedAt: clock.time, endedAt: clock.time + 50, outcome: { type: 'ok' } })
    return due.includes('subscription')
  }
  probe()
  clock.time += 250
  expect(probe()).toBe(false) // calm: every 500 ms
  monitor.setHint({ troubled: true, said: 'NA1 Production API: major_outage', at: clock.time })
  clock.time += 250
  expect(probe()).toBe(true) // hinted: every 200 ms
  const snapshot = monitor.snapshot()
  expect(snapshot.capabilities.subscription.published).toBe('operational')
  expect(snapshot.statuspage?.said).toBe('NA1 Production API: major_outage')
})

test('a page that cannot be read is no hint, and each change of what it says is logged once', async () => {
  const answers: (() => Response)[] = [
    () => Response.json(summary('major', [['NA1 Production API', 'major_outage']])),
    () => Response.json(summary('major', [['NA1 Production API', 'major_outage']])),
    () => new Response('<html>Bad gateway</html>', { status: 502 }),
  ]
  const logged: Record<string, unknown>[] = []
  const watcher = createStatuspageWatcher({
    url: 'https://trust.zuora.test/api/v2/summary.json',
    component: 'NA1 Production API',
    http: async () => answers.shift()!(),
    clock: { now: () => 5 },
    log: (event) => logged.push(event),
  })
  await watcher.poll()
  expect(watcher.current()).toMatchObject({ troubled: true })
  await watcher.poll()
  await watcher.poll()
  expect(watcher.current()).toBeNull()
  expect(logged).toEqual([
    { event: 'statuspage', troubled: true, said: 'NA1 Production API: major_outage' },
    { event: 'statuspage', troubled: null, said: 'unreadable' },
  ])
})
