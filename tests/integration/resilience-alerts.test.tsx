/**
 * What the operators hear from the admins' browsers: the breaker opening and closing (once per
 * incident, with the same incident id) and each attempt at an action the outage blocked.
 */
import { screen } from '@testing-library/react'
import { http } from 'msw'
import { expect, test } from 'vitest'
import { server } from '../../mocks/node'
import { advanceWallClock, banners, errorAnswer, requestsTo, sleep, stopWallClock } from '../support/faults'
import { renderApp } from '../support/render-app'
import { testGateway } from '../support/test-gateway'
import { logRequests } from '../support/request-log'

/** Five failed attempts with their backoff (src/config/resilience.ts) open the breaker: seconds, on a busy machine. */
const breakerOpened = () => screen.findByText(banners.autoMaintenance, {}, { timeout: 10_000 })
const alertPosts = (log: ReturnType<typeof logRequests>) => requestsTo(log, '/api/alerts', 'POST')
/** The alerts the gateway's intake holds (its own state), newest first. */
const alerts = async () => (await testGateway().gateway().deps.own.read()).alerts
const alertsOf = async (kind: string) => (await alerts()).filter((alert) => alert.kind === kind)

test('the breaker opening and closing is reported once each, under one incident id, and a blocked click is reported too', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(503)))
  const log = logRequests()
  const { user } = await renderApp('/')

  expect(await breakerOpened()).toBeInTheDocument()
  await expect.poll(() => alertPosts(log).length).toBe(1)
  await expect.poll(async () => (await alertsOf('breaker_open')).length).toBe(1)
  const [opened] = await alertsOf('breaker_open')
  expect(opened).toMatchObject({ capability: 'subscription', count: 1, accountId: 'acc_acme', userId: 'usr_ana' })
  const incidentId = opened?.incidentId
  expect(incidentId).toMatch(/^[0-9a-f-]{36}$/)

  // The admin tries anyway: the operators learn how many people the outage is stopping.
  await user.click(screen.getByRole('button', { name: 'Change plan' }))
  await expect.poll(() => alertPosts(log).length).toBe(2)
  await expect
    .poll(() => alertsOf('blocked_action'))
    .toEqual([
      expect.objectContaining({ capability: 'subscription', incidentId, detail: 'subscription.changePlan', count: 1 }),
    ])
  expect(screen.getByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()

  stopWallClock()
  server.resetHandlers()
  advanceWallClock(9_000)
  expect(await screen.findByText(banners.recovered, {}, { timeout: 6_000 })).toBeInTheDocument()
  await expect.poll(() => alertPosts(log).length).toBe(3)
  await expect
    .poll(() => alertsOf('breaker_closed'))
    .toEqual([expect.objectContaining({ capability: 'subscription', incidentId, count: 1 })])

  // Nothing is repeated afterwards.
  await sleep(500)
  expect(alertPosts(log)).toHaveLength(3)
  expect(await alertsOf('breaker_open')).toHaveLength(1)
  expect((await alertsOf('breaker_open'))[0]?.count).toBe(1)
})

test('an operator sees the reports of the incident on the status page', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(503)))
  const log = logRequests()
  const { unmount } = await renderApp('/')
  expect(await breakerOpened()).toBeInTheDocument()
  await expect.poll(() => alertPosts(log).length).toBe(1)
  await expect.poll(async () => (await alerts()).length).toBe(1)
  unmount()

  localStorage.clear() // the operator is another person, in another browser
  await renderApp('/status', { as: 'operator' })
  const row = await screen.findByRole('row', { name: /Breaker opened/ })
  expect(row).toHaveTextContent('Subscription and orders')
  expect(row).toHaveTextContent((await alerts())[0]?.incidentId ?? 'missing')
})

test('a blocked click repeated 5 times in a minute sends one alert', async () => {
  // Whatever an older version or a bad extension left in storage is ignored, not trusted.
  localStorage.setItem('billing-alerts-throttle', '{"blocked_action:subscription.changePlan":')
  localStorage.setItem('billing-alerts-outbox', JSON.stringify([{ id: 1 }, 'junk']))
  server.use(http.get('*/api/subscription', () => errorAnswer(503)))
  const log = logRequests()
  const { user } = await renderApp('/')
  expect(await breakerOpened()).toBeInTheDocument()
  await expect.poll(async () => (await alertsOf('breaker_open')).length).toBe(1)

  const changePlan = screen.getByRole('button', { name: 'Change plan' })
  for (let click = 0; click < 5; click++) await user.click(changePlan)
  await expect.poll(async () => (await alertsOf('blocked_action')).length).toBe(1)
  await sleep(500)
  expect(alertPosts(log)).toHaveLength(2) // breaker_open, one blocked_action
  expect(await alertsOf('blocked_action')).toEqual([
    expect.objectContaining({ detail: 'subscription.changePlan', count: 1 }),
  ])

  // Another blocked action is another report; the same one again a minute later is one more (the
  // intake folds the reports of one incident into one alert, and counts them).
  await user.click(screen.getByRole('button', { name: 'Manage add-ons' }))
  await expect.poll(async () => (await alertsOf('blocked_action'))[0]?.count).toBe(2)
  stopWallClock()
  advanceWallClock(61_000)
  await user.click(changePlan)
  await expect.poll(async () => (await alertsOf('blocked_action'))[0]?.count).toBe(3)
  expect(alertPosts(log)).toHaveLength(4)
})

test('an alert refused with 503 then accepted is sent twice and recorded once', async () => {
  server.use(
    http.get('*/api/subscription', () => errorAnswer(503)),
    http.post('*/api/alerts', () => errorAnswer(503, { code: 'service_unavailable' }), { once: true }),
  )
  const log = logRequests()
  await renderApp('/')
  expect(await breakerOpened()).toBeInTheDocument()

  // Refused: it waits in the outbox (a reload would send it), not counted as sent.
  await expect.poll(() => alertPosts(log).length).toBe(1)
  await expect.poll(() => localStorage.getItem('billing-alerts-outbox')).toContain('"attempts":1')
  expect(localStorage.getItem('billing-alerts-sent')).toBeNull()
  expect(await alertsOf('breaker_open')).toEqual([])

  // Sent again after the backoff (2 s), and accepted.
  await expect.poll(() => alertPosts(log).length, { timeout: 5_000 }).toBe(2)
  await expect
    .poll(() => alertsOf('breaker_open'))
    .toEqual([expect.objectContaining({ capability: 'subscription', count: 1 })])
  const [first, second] = alertPosts(log)
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_900)
  await expect.poll(() => localStorage.getItem('billing-alerts-outbox')).toBe('[]')
  expect(localStorage.getItem('billing-alerts-sent')).toContain(
    `breaker_open:${(await alertsOf('breaker_open'))[0]?.incidentId}`,
  )
  await sleep(300)
  expect(alertPosts(log)).toHaveLength(2)
})
