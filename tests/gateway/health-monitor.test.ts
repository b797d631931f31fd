// @vitest-environment node
import { expect, test } from 'vitest'
import type { RecordedCall } from '../../gateway/health/calls'
import { createLocalProbeLease, type ProbeLease } from '../../gateway/health/lease'
import { createHealthMonitor, type HealthChange } from '../../gateway/health/monitor'

function setup(options: { lease?: ProbeLease; holdBackMs?: number } = {}) {
  const clock = { time: 0, now: () => clock.time }
  const monitor = createHealthMonitor({ clock, lease: options.lease, config: { holdBackMs: options.holdBackMs ?? 0 } })
  const changes: HealthChange[] = []
  monitor.subscribe((change) => changes.push(change))
  /** One call of `latencyMs` starting now; the clock moves to its end. */
  const call = (outcome: RecordedCall['outcome'], latencyMs = 50, extra: Partial<RecordedCall> = {}) => {
    const startedAt = clock.time
    clock.time += latencyMs
    monitor.record({ capability: 'subscription', startedAt, endedAt: clock.time, outcome, ...extra })
  }
  const at = (ms: number) => {
    clock.time = ms
    monitor.tick()
  }
  const health = () => monitor.snapshot().capabilities.subscription
  return { clock, monitor, changes, call, at, health }
}

const unavailable = { type: 'failure', kind: '5xx' } as const

/** Fails every call, as probes would meet a provider answering 503, until the breaker opens. */
function failUntilDown(s: ReturnType<typeof setup>) {
  for (let i = 0; i < 16; i += 1) {
    s.call(unavailable)
    s.clock.time += 200
  }
}

test('sixteen failures in a row: down at once, the breaker open, the evidence says what was seen', () => {
  const s = setup()
  failUntilDown(s)
  const health = s.health()
  expect(health).toMatchObject({ computed: 'down', published: 'down', breaker: 'open' })
  expect(health.evidence.summary).toMatch(/^16 failures in a row over 3\.8 s \(5xx ×16\); breaker open/)
  expect(health.evidence.lastFailureKinds).toEqual(['5xx', '5xx', '5xx', '5xx', '5xx'])
  expect(s.changes.at(-1)).toMatchObject({ capability: 'subscription', transitions: ['trip'] })
})

test('answers that say nothing about Zuora (4xx, 401/403, idempotency 409/422) never count', () => {
  const s = setup()
  for (let i = 0; i < 40; i += 1) s.call({ type: 'ignored' }, 100)
  expect(s.health()).toMatchObject({ computed: 'operational', evidence: { calls: 0, failures: 0 } })
})

test('while open, admit fails fast with a Retry-After and lets one probe through per interval', async () => {
  const s = setup()
  failUntilDown(s)
  const openedAt = s.clock.time
  expect(await s.monitor.admit('subscription')).toEqual({ allowed: false, retryAfterMs: expect.any(Number) })
  s.clock.time = openedAt + 1_000
  expect(await s.monitor.admit('subscription')).toEqual({ allowed: true, probe: true })
  expect(s.health().breaker).toBe('half_open')
  // A second request while the probe is out is refused: one probe at a time.
  expect(await s.monitor.admit('subscription')).toMatchObject({ allowed: false })
  s.call(unavailable, 50, { probe: true })
  expect(s.health().breaker).toBe('open')
  // The probe failed: the next one waits for the interval, not for the lease.
  expect(await s.monitor.admit('subscription')).toMatchObject({ allowed: false })
  s.clock.time = openedAt + 2_000
  expect(await s.monitor.admit('subscription')).toEqual({ allowed: true, probe: true })
})

test('two answered probes close the breaker; the report follows once operational has held 5 s', async () => {
  const s = setup()
  failUntilDown(s)
  for (const wait of [1_000, 1_000]) {
    s.clock.time += wait
    expect(await s.monitor.admit('subscription')).toEqual({ allowed: true, probe: true })
    s.call({ type: 'ok' }, 200, { probe: true })
  }
  const closedAt = s.clock.time
  expect(s.health()).toMatchObject({ computed: 'operational', published: 'down', breaker: 'closed' })
  expect(await s.monitor.admit('subscription')).toEqual({ allowed: true })
  s.at(closedAt + 4_999)
  expect(s.health().published).toBe('down')
  s.at(closedAt + 5_000)
  expect(s.health()).toMatchObject({ published: 'operational', since: closedAt + 5_000 })
  expect(s.changes.flatMap((change) => change.transitions)).toEqual(['trip', 'probe', 'close'])
})

test('a call that went out before the breaker closed describes the outage, not now', async () => {
  const s = setup()
  failUntilDown(s)
  const staleStart = s.clock.time
  s.monitor.started('subscription', 'stale', staleStart)
  for (const wait of [1_000, 1_000]) {
    s.clock.time += wait
    await s.monitor.admit('subscription')
    s.call({ type: 'ok' }, 100, { probe: true })
  }
  s.monitor.record({
    capability: 'subscription',
    id: 'stale',
    startedAt: staleStart,
    endedAt: s.clock.time,
    outcome: { type: 'failure', kind: 'timeout' },
  })
  expect(s.health()).toMatchObject({ computed: 'operational', evidence: { failures: 0, inFlight: 0 } })
})

test('a hang is down before any time-out fires: calls in flight past 3.5 s and no answer since', () => {
  const s = setup()
  s.call({ type: 'ok' }, 100)
  for (let i = 0; i < 4; i += 1) s.monitor.started('subscription', `hang-${i}`, 1_000 + i * 500)
  s.at(4_500)
  expect(s.health().computed).toBe('operational')
  s.at(4_550)
  expect(s.health()).toMatchObject({ computed: 'down', published: 'down', evidence: { rule: 'stalled', overdue: 1 } })
  expect(s.health().evidence.summary).toBe(
    'no answer for 3.5 s: 1 of 4 calls in flight past 3.5 s; breaker open for 0.0 s, 0 of 2 probes answered',
  )
})

test('a slow provider still answering is not a hang', () => {
  const s = setup()
  // Calls of 3 s every 500 ms: always some in flight, one answering every 500 ms.
  for (let start = 0; start < 20_000; start += 500) s.monitor.started('subscription', `slow-${start}`, start)
  for (let end = 3_000; end < 23_000; end += 500) {
    s.clock.time = end
    s.monitor.record({
      capability: 'subscription',
      id: `slow-${end - 3_000}`,
      startedAt: end - 3_000,
      endedAt: end,
      outcome: { type: 'ok' },
    })
    expect(s.health().computed).not.toBe('down')
  }
  expect(s.health()).toMatchObject({ computed: 'degraded', evidence: { rule: 'slow_calls' } })
})

test('a hanging probe holds the lease only until it is overdue; then the next probe may go', async () => {
  const s = setup()
  failUntilDown(s)
  s.clock.time += 1_000
  expect(await s.monitor.admit('subscription')).toEqual({ allowed: true, probe: true })
  s.monitor.started('subscription', 'hanging-probe', s.clock.time)
  s.clock.time += 3_400
  expect(await s.monitor.admit('subscription')).toMatchObject({ allowed: false })
  s.clock.time += 100
  expect(s.monitor.dueProbes()).toEqual(expect.arrayContaining(['subscription']))
  expect(await s.monitor.admit('subscription')).toEqual({ allowed: true, probe: true })
})

test('a 429 with a long Retry-After is down for that long: no probe, no call before it ends', async () => {
  const s = setup()
  s.call({ type: 'shed', retryAfterMs: 30_000 })
  expect(s.health()).toMatchObject({ computed: 'down', published: 'down', evidence: { rule: 'shedding' } })
  const admission = await s.monitor.admit('subscription')
  expect(admission).toEqual({ allowed: false, retryAfterMs: 30_000 })
  s.at(29_000)
  expect(s.monitor.dueProbes()).not.toContain('subscription')
  s.at(30_050)
  expect(s.monitor.dueProbes()).toContain('subscription')
})

test('probes keep an idle capability fed: every 500 ms, every 250 ms for 5 s after a failure', () => {
  const s = setup()
  s.call({ type: 'ok' }, 100)
  s.at(400)
  expect(s.monitor.dueProbes()).not.toContain('subscription')
  s.at(500)
  expect(s.monitor.dueProbes()).toContain('subscription')
  s.call(unavailable, 100)
  s.at(850)
  expect(s.monitor.dueProbes()).toContain('subscription')
  s.call({ type: 'ok' }, 100)
  s.at(950 + 5_000)
  expect(s.monitor.dueProbes()).toContain('subscription')
  s.call({ type: 'ok' }, 100)
  s.at(s.clock.time + 250)
  expect(s.monitor.dueProbes()).not.toContain('subscription')
})

test('instances sharing a lease send one probe between them', async () => {
  const lease = createLocalProbeLease({ now: () => 0 })
  const a = setup({ lease })
  const b = setup({ lease })
  failUntilDown(a)
  failUntilDown(b)
  a.clock.time += 1_000
  b.clock.time += 1_000
  const admissions = await Promise.all([a.monitor.admit('subscription'), b.monitor.admit('subscription')])
  expect(admissions.filter((admission) => admission.allowed)).toHaveLength(1)
})

test('when the shared lease cannot be reached, the instance still probes, one at a time', async () => {
  const broken: ProbeLease = {
    tryAcquire: () => Promise.reject(new Error('store down')),
    release: () => Promise.reject(new Error('store down')),
  }
  const s = setup({ lease: broken })
  failUntilDown(s)
  s.clock.time += 1_000
  expect(await s.monitor.admit('subscription')).toEqual({ allowed: true, probe: true })
  expect(await s.monitor.admit('subscription')).toMatchObject({ allowed: false })
})

test('holdBackMs delays the report, never the breaker', async () => {
  const s = setup({ holdBackMs: 10_000 })
  failUntilDown(s)
  expect(s.health()).toMatchObject({ computed: 'down', published: 'operational', breaker: 'open' })
  expect(await s.monitor.admit('subscription')).toMatchObject({ allowed: false })
  s.at(s.health().computedSince + 10_000)
  expect(s.health().published).toBe('down')
})

test('other capabilities are untouched by one capability failing', () => {
  const s = setup()
  failUntilDown(s)
  const { capabilities } = s.monitor.snapshot()
  expect(capabilities.invoices).toMatchObject({ computed: 'operational', published: 'operational', breaker: 'closed' })
})
