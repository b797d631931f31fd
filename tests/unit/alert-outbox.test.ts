/**
 * The alert outbox (src/lib/availability/alert-reporter.ts) against the billing gateway's intake
 * (this test's gateway, tests/support/test-gateway.ts; the page signed in, as the app sends them):
 * bounded, given up after a few tries, and never trusting what storage holds.
 */
import { http } from 'msw'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import {
  alertDelivery,
  flushAlertOutbox,
  reportBlockedAction,
  reportBreakerChange,
} from '@/lib/availability/alert-reporter'
import { server } from '../../mocks/node'
import { signInPage } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { testGateway } from '../support/test-gateway'
import { errorAnswer } from '../support/faults'

const outbox = () =>
  JSON.parse(localStorage.getItem('billing-alerts-outbox') ?? '[]') as Array<{ id: string; attempts: number }>
const alertPosts = (log: ReturnType<typeof logRequests>) =>
  log.filter((request) => request.method === 'POST' && request.path === '/api/alerts')
/** The alerts the gateway's intake holds (its own state). */
const alerts = async () => (await testGateway().gateway().deps.own.read()).alerts
/** Lets the fetches of a flush reach the intake and come back. */
const settle = () => vi.advanceTimersByTimeAsync(50)

// The intake takes alerts only with a session (gateway/routes/own.ts), as from the signed-in app.
beforeEach(() => signInPage('owner'))

afterEach(() => {
  vi.useRealTimers()
})

test('keeps at most a few alerts waiting, the newest, and gives each up after five tries', async () => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
  server.use(http.post('*/api/alerts', () => errorAnswer(503)))
  const log = logRequests()
  for (let incident = 0; incident < 25; incident++) reportBreakerChange('breaker_open', 'invoices', `inc-${incident}`)
  await settle()
  expect(outbox()).toHaveLength(alertDelivery.maxPending)
  expect(outbox().at(-1)?.id).toBe('breaker_open:inc-24')
  expect(outbox().map((entry) => entry.attempts)).toEqual(Array(alertDelivery.maxPending).fill(1))

  // 2, 4, 8 and 16 s later: tried again each time, then dropped.
  for (const wait of [2_000, 4_000, 8_000, 16_000]) {
    await vi.advanceTimersByTimeAsync(wait)
    await settle()
  }
  expect(outbox()).toEqual([])
  expect(alertPosts(log)).toHaveLength(25 + (alertDelivery.maxAttempts - 1) * alertDelivery.maxPending)
  expect(localStorage.getItem('billing-alerts-sent')).toBeNull()
})

test('honours the intake’s Retry-After, and does not repeat a report the intake refused as invalid', async () => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
  server.use(
    http.post('*/api/alerts', () => errorAnswer(429, { retryAfter: 30, code: 'rate_limited' }), { once: true }),
  )
  const log = logRequests()
  reportBreakerChange('breaker_open', 'payments', 'inc-429')
  await settle()
  expect(outbox()).toEqual([expect.objectContaining({ id: 'breaker_open:inc-429', attempts: 1 })])
  await vi.advanceTimersByTimeAsync(29_000)
  expect(alertPosts(log)).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(1_000)
  await settle()
  expect(alertPosts(log)).toHaveLength(2)
  // The intake is the gateway's: its answer comes after its own work, not within a fixed tick.
  await vi.waitFor(() => expect(outbox()).toEqual([]))
  expect(await alerts()).toEqual([expect.objectContaining({ incidentId: 'inc-429', count: 1 })])

  server.use(http.post('*/api/alerts', () => errorAnswer(422, { code: 'validation_failed' })))
  reportBlockedAction('cart.checkout', 'subscription', 'inc-429')
  await settle()
  expect(outbox()).toEqual([])
})

test('a breaker change already accepted is not reported again; garbage in storage is ignored', async () => {
  localStorage.setItem('billing-alerts-sent', '"not a list"')
  localStorage.setItem('billing-alerts-outbox', '{"broken": true}')
  localStorage.setItem(
    'billing-alerts-throttle',
    JSON.stringify({ 'blocked_action:cart.checkout': Date.now() + 3_600_000 }),
  )
  const log = logRequests()
  reportBreakerChange('breaker_closed', 'subscription', 'inc-7')
  reportBlockedAction('cart.checkout', 'subscription', 'inc-7') // a throttle time in the future does not silence it
  await vi.waitFor(async () => expect(await alerts()).toHaveLength(2))
  reportBreakerChange('breaker_closed', 'subscription', 'inc-7')
  flushAlertOutbox()
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(alertPosts(log)).toHaveLength(2)
  expect(JSON.parse(localStorage.getItem('billing-alerts-sent') ?? '[]')).toEqual(['breaker_closed:inc-7'])
})
