/**
 * Recovery in the middle of a session when the health report says nothing (the breaker's fallback
 * path), and the trials that find it. The breaker decides whether a trial is due from the wall clock
 * (Date.now(), 4–8 s after opening, then 8–16 s, then 12–24 s) and the runtime asks once a second on
 * a real timer: the tests stop and move only the wall clock. A trial is the refetch of what the page
 * shows (or the capability's cheapest read when the page shows none of it), never an extra probe.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { expect, test } from 'vitest'
import { retries } from '@/config/resilience'
import { server } from '../../mocks/node'
import { advanceWallClock, banners, errorAnswer, reasons, requestsTo, sleep, stopWallClock } from '../support/faults'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'

const section = async (name: string) => within(await screen.findByRole('region', { name }))

test('when the provider comes back the app recovers by itself after the breaker wait: "Billing is back", Change seats enabled, data refetched, no reload', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(503)))
  const log = logRequests()
  await renderApp('/')

  expect(await screen.findByText(banners.autoMaintenance, {}, { timeout: 8_000 })).toBeInTheDocument()
  const changePlan = screen.getByRole('button', { name: 'Change plan' })
  expect(changePlan).toHaveAccessibleDescription(reasons.breaker)
  const heading = screen.getByRole('heading', { level: 1, name: 'Subscription' })
  const attempts = retries.maxRetries + 1
  expect(requestsTo(log, '/api/subscription')).toHaveLength(attempts)

  // The runtime ticks, but the wait is not over: nothing is sent.
  stopWallClock()
  await sleep(1_500)
  expect(requestsTo(log, '/api/subscription')).toHaveLength(attempts)

  // The provider is back; once the wait is over the next tick refetches the page, and billing comes back.
  server.resetHandlers()
  const back = log.length
  advanceWallClock(9_000)

  expect(await screen.findByText(banners.recovered, {}, { timeout: 6_000 })).toBeInTheDocument()
  expect(screen.getByText(/^Changes are enabled again\./).closest('[role="status"]')).not.toBeNull()
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
  const overview = await section('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  const changeSeats = overview.getByRole('button', { name: 'Change seats' })
  expect(changeSeats).toBeEnabled()
  expect(changeSeats).not.toHaveAttribute('aria-disabled')
  expect(changePlan).not.toHaveAttribute('aria-disabled')

  // One request: the page's own refetch was the trial (no separate probe); the page was never reloaded.
  await sleep(300)
  expect(requestsTo(log.slice(back), '/api/subscription')).toHaveLength(1)
  expect(screen.getByRole('heading', { level: 1, name: 'Subscription' })).toBe(heading)
}, 20_000)

test('while the provider stays down each open capability sends exactly one trial per wait, however many ticks pass', async () => {
  server.use(
    http.get('*/api/subscription', () => errorAnswer(503)),
    http.get('*/api/invoices', () => errorAnswer(503)),
  )
  const log = logRequests()
  const { user } = await renderApp('/invoices')
  const attempts = retries.maxRetries + 1

  expect(await screen.findByText(banners.degraded, {}, { timeout: 8_000 })).toBeInTheDocument()
  await user.click(
    within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Subscription' }),
  )
  expect(await screen.findByText(banners.autoMaintenance, {}, { timeout: 8_000 })).toBeInTheDocument()
  stopWallClock()
  const counts = () => [requestsTo(log, '/api/subscription').length, requestsTo(log, '/api/invoices').length]
  expect(counts()).toEqual([attempts, attempts])

  // First wait (4–8 s) over: one trial each (the page's refetch; the cheapest read of invoices,
  // which this page does not show), then nothing for the next ticks (the next wait is 8–16 s).
  advanceWallClock(9_000)
  await waitFor(() => expect(counts()).toEqual([attempts + 1, attempts + 1]), { timeout: 5_000 })
  await sleep(2_000)
  expect(counts()).toEqual([attempts + 1, attempts + 1])

  // Second wait over: again one each.
  advanceWallClock(17_000)
  await waitFor(() => expect(counts()).toEqual([attempts + 2, attempts + 2]), { timeout: 5_000 })
  await sleep(1_500)
  expect(counts()).toEqual([attempts + 2, attempts + 2])
  expect(screen.getByText(banners.autoMaintenance)).toBeInTheDocument()
}, 30_000)
