// @vitest-environment node
import { expect, test } from 'vitest'
import { defaultHealthConfig as config, resolveHealthConfig } from '../../gateway/health/config'
import { judge, type CapabilityView } from '../../gateway/health/rules'
import { createCallWindow, emptyCounts, type CallCounts } from '../../gateway/health/window'

const counts = (parts: Partial<Omit<CallCounts, 'failures'>> & { failures?: Partial<CallCounts['failures']> }) => {
  const base = emptyCounts()
  const failures = { ...base.failures, ...parts.failures }
  const failed = Object.values(failures).reduce((a, b) => a + b, 0)
  const ok = parts.ok ?? 0
  return { ...base, ...parts, failures, calls: parts.calls ?? ok + failed + (parts.shed ?? 0) }
}

const view = (overrides: Partial<CapabilityView> = {}): CapabilityView => ({
  now: 100_000,
  window: counts({ ok: 20 }),
  recent: counts({ ok: 12 }),
  run: { length: 0, startedAt: null, kinds: [] },
  inFlight: 0,
  overdue: 0,
  stalledMs: null,
  shedUntil: null,
  lastRetryAfterMs: 0,
  lastFailureKinds: [],
  ...overrides,
})

test('a healthy window is operational and says what it saw', () => {
  const verdict = judge(view(), config)
  expect(verdict.health).toBe('operational')
  expect(verdict.evidence).toMatchObject({ rule: 'healthy', calls: 20, failures: 0 })
  expect(verdict.evidence.summary).toBe('20 calls in the last 5.0 s: 0 failed, 0 slow')
})

test('sixteen failures in a row over at least a second are down; fifteen are not', () => {
  const run = (length: number) => ({ length, startedAt: 96_000, kinds: Array(length).fill('5xx') })
  expect(judge(view({ run: run(15) }), config).health).toBe('operational')
  const verdict = judge(view({ run: run(16) }), config)
  expect(verdict.health).toBe('down')
  expect(verdict.evidence.summary).toBe('16 failures in a row over 4.0 s (5xx ×16)')
})

test('a run that lasted under a second is not down, however long (a burst at high traffic)', () => {
  const burst = { length: 40, startedAt: 99_500, kinds: Array(40).fill('5xx') }
  expect(judge(view({ run: burst }), config).health).not.toBe('down')
})

test('a long Retry-After is down while it lasts', () => {
  const shedding = view({ shedUntil: 120_000, lastRetryAfterMs: 30_000 })
  expect(judge(shedding, config)).toMatchObject({ health: 'down', evidence: { rule: 'shedding' } })
  expect(judge(shedding, config).evidence.summary).toBe('Zuora is shedding load: 429 with Retry-After 30.0 s')
})

test('mostly 429s is down; a few among many answers are not', () => {
  expect(judge(view({ window: counts({ ok: 2, shed: 3 }) }), config).evidence.rule).toBe('mostly_shed')
  expect(judge(view({ window: counts({ ok: 18, shed: 2 }) }), config).health).toBe('operational')
})

test('calls in flight with no answer since the youngest overdue one went out: a hang, down', () => {
  const verdict = judge(view({ inFlight: 4, overdue: 1, stalledMs: 3_600 }), config)
  expect(verdict).toMatchObject({ health: 'down', evidence: { rule: 'stalled' } })
  expect(verdict.evidence.summary).toBe('no answer for 3.6 s: 1 of 4 calls in flight past 3.5 s')
})

test('broken answers are down at a third of the recent calls, not at one or two', () => {
  const broken = (malformed: number, ok: number) => view({ recent: counts({ ok, failures: { malformed } }) })
  expect(judge(broken(3, 6), config).evidence.rule).toBe('broken_answers')
  expect(judge(broken(2, 2), config).health).not.toBe('down')
  expect(judge(broken(3, 20), config).health).not.toBe('down')
})

test('a busy, mostly failing provider is down by rate; the same rate on few calls is not', () => {
  const failing = (total: number) => counts({ ok: total / 5, failures: { '5xx': (total * 4) / 5 } })
  expect(judge(view({ window: failing(50) }), config).evidence.rule).toBe('failure_rate_high')
  expect(judge(view({ window: failing(20) }), config).health).toBe('degraded')
})

test('intermittent failures (40 %) and the incident cache layer (30 % + slow) read degraded, never down', () => {
  const flaky = judge(view({ window: counts({ ok: 12, failures: { '5xx': 8 } }) }), config)
  expect(flaky).toMatchObject({ health: 'degraded', evidence: { rule: 'failure_rate' } })
  expect(flaky.evidence.summary).toBe(
    'unreliable: 8 of 20 calls failed (5xx ×8): 40 % of calls in the last 5.0 s failed or were slow',
  )
  const cacheLayer = judge(view({ window: counts({ ok: 14, slow: 3, failures: { '5xx': 6 } }) }), config)
  expect(cacheLayer.health).toBe('degraded')
})

test('slow calls read degraded; one slow call among many does not', () => {
  expect(judge(view({ window: counts({ ok: 10, slow: 6 }) }), config).evidence.rule).toBe('slow_calls')
  expect(judge(view({ window: counts({ ok: 20, slow: 1 }) }), config).health).toBe('operational')
})

test('rates wait for volume: three failures of four calls say little', () => {
  const verdict = judge(view({ window: counts({ ok: 1, failures: { '5xx': 3 } }) }), config)
  expect(verdict).toMatchObject({ health: 'operational', evidence: { rule: 'too_few_calls' } })
})

test('1 % errors never read degraded at high volume', () => {
  expect(judge(view({ window: counts({ ok: 495, failures: { '5xx': 5 } }) }), config).health).toBe('operational')
})

test('the window sums the buckets within its span and forgets older ones', () => {
  const window = createCallWindow({ bucketMs: 1_000, windowMs: 5_000 })
  window.add(1_500, { type: 'failure', kind: '5xx' })
  window.add(3_200, { type: 'ok', slow: true })
  window.add(5_900, { type: 'shed' })
  expect(window.totals(5_900, 5_000)).toMatchObject({ calls: 3, ok: 1, slow: 1, shed: 1 })
  expect(window.totals(5_900, 3_000)).toMatchObject({ calls: 2, ok: 1, shed: 1 })
  expect(window.totals(7_000, 5_000)).toMatchObject({ calls: 2, failures: { '5xx': 0 } })
  window.add(100, { type: 'ok', slow: false }) // older than the window: dropped
  expect(window.totals(7_000, 5_000).calls).toBe(2)
})

test('a configuration mistake is named at creation, all of them at once', () => {
  expect(() => resolveHealthConfig({ degradedRate: 1.5, overdueMs: 1_000 })).toThrow(
    /degradedRate is a share[\s\S]*overdueMs must be longer than slowCallMs/,
  )
})
