/**
 * How long Zuora took over an answer: the gateway's tally of one request's Zuora calls, and the
 * browser's reading of the Server-Timing header it becomes (gateway/http/provider-timing.ts,
 * src/lib/api/provider-timing.ts). Over HTTP: tests/gateway/gateway-provider-timing.test.ts.
 */
import { expect, test } from 'vitest'
import { createProviderTimings, serverTiming } from '../../gateway/http/provider-timing'
import type { CallEnd } from '../../gateway/zuora/transport'
import { providerTimingMs } from '@/lib/api/provider-timing'

let nextId = 1
const call = (trackId: string, startedAt: number, endedAt: number, extra: Partial<CallEnd> = {}): CallEnd => ({
  id: nextId++,
  operation: 'getSubscriptionsByAccount',
  capability: 'subscription',
  startedAt,
  endedAt,
  status: 200,
  error: null,
  trackId,
  abandoned: false,
  probe: false,
  ...extra,
})

test("an answer is charged with its own calls only: never another request's, a probe's or an abandoned one", () => {
  const timings = createProviderTimings()
  timings.begin('fast')
  timings.begin('slow')
  timings.observer.finished?.(call('slow', 0, 2_600))
  timings.observer.finished?.(call('probe-subscriptions', 0, 3_000, { probe: true }))
  timings.observer.finished?.(call('fast', 2_500, 2_580))
  timings.observer.finished?.(call('fast', 2_500, 2_560))
  timings.observer.finished?.(call('fast', 0, 9_000, { abandoned: true }))
  expect(timings.end('fast')).toEqual({ calls: 2, slowestMs: 80 })
  expect(timings.end('slow')).toEqual({ calls: 1, slowestMs: 2_600 })
  // Nothing kept once answered: a late call of a request already answered is not counted anywhere.
  timings.observer.finished?.(call('slow', 0, 5_000))
  expect(timings.end('slow')).toBeNull()
})

test('an answer that called no Zuora has no tally, so no header', () => {
  const timings = createProviderTimings()
  timings.begin('own')
  expect(timings.end('own')).toBeNull()
})

test('the header the gateway writes is the one the browser reads', () => {
  const header = serverTiming({ calls: 2, slowestMs: 2_345.6 })
  expect(header).toBe('zuora;dur=2346;desc="slowest of 2 calls"')
  expect(providerTimingMs(header)).toBe(2_346)
})

test('the browser finds the metric among others, and takes anything else as saying nothing', () => {
  expect(providerTimingMs('cdn-cache;desc=HIT, edge;dur=3, zuora;desc="x";dur=2100.5')).toBe(2_100.5)
  expect(providerTimingMs('Zuora;DUR="1500"')).toBe(1_500)
  expect(providerTimingMs(null)).toBeNull()
  expect(providerTimingMs('')).toBeNull()
  expect(providerTimingMs('db;dur=5000')).toBeNull()
  expect(providerTimingMs('zuora;dur=-5')).toBeNull()
  expect(providerTimingMs('zuora;dur=soon')).toBeNull()
  expect(providerTimingMs('zuora;dur=1e400')).toBeNull()
  expect(providerTimingMs('zuora')).toBeNull()
})
