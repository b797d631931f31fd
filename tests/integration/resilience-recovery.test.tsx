/**
 * Recovery in the middle of a session, and the probes that find it. The breaker decides whether a
 * probe is due from the wall clock (Date.now(), 4–8 s after opening, then 8–16 s, then 12–24 s)
 * and the prober asks once a second on a real timer: the tests stop and move only the wall clock.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { expect, test } from 'vitest'
import { server } from '../../mocks/node'
import { advanceWallClock, banners, errorAnswer, reasons, requestsTo, sleep, stopWallClock } from '../support/faults'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'

const section = async (name: string) => within(await screen.findByRole('region', { name }))

test('when the provider comes back the app recovers by itself after the probe wait: "Billing is back", Change seats enabled, data refetched, no reload', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(503)))
  const log = logRequests()
  renderApp('/')

  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  const changePlan = screen.getByRole('button', { name: 'Change plan' })
  expect(changePlan).toHaveAccessibleDescription(reasons.breaker)
  const heading = screen.getByRole('heading', { level: 1, name: 'Subscription' })
  expect(requestsTo(log, '/api/subscription')).toHaveLength(3)

  // The prober ticks, but the wait is not over: nothing is sent.
  stopWallClock()
  await sleep(1_500)
  expect(requestsTo(log, '/api/subscription')).toHaveLength(3)

  // The provider is back; once the wait is over the next tick probes, and billing comes back.
  server.resetHandlers()
  const back = log.length
  advanceWallClock(9_000)

  expect(await screen.findByText(banners.recovered, {}, { timeout: 6_000 })).toBeInTheDocument()
  expect(screen.getByText('Changes are enabled again and pages have been refreshed.').closest('[role="status"]')).not.toBeNull()
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
  const overview = await section('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  const changeSeats = overview.getByRole('button', { name: 'Change seats' })
  expect(changeSeats).toBeEnabled()
  expect(changeSeats).not.toHaveAttribute('aria-disabled')
  expect(changePlan).not.toHaveAttribute('aria-disabled')

  // One probe, then one refetch of the page's data; the page was never reloaded.
  await sleep(300)
  expect(requestsTo(log.slice(back), '/api/subscription')).toHaveLength(2)
  expect(screen.getByRole('heading', { level: 1, name: 'Subscription' })).toBe(heading)
})

test('while the provider stays down each open capability sends exactly one probe per wait, however many ticks pass', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(503)), http.get('*/api/invoices', () => errorAnswer(503)))
  const log = logRequests()
  const { user } = renderApp('/invoices')

  expect(await screen.findByText(banners.degraded)).toBeInTheDocument()
  await user.click(within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Subscription' }))
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  stopWallClock()
  const counts = () => [requestsTo(log, '/api/subscription').length, requestsTo(log, '/api/invoices').length]
  expect(counts()).toEqual([3, 3])

  // First wait (4–8 s) over: one probe each, then nothing for the next ticks (the next wait is 8–16 s).
  advanceWallClock(9_000)
  await waitFor(() => expect(counts()).toEqual([4, 4]), { timeout: 5_000 })
  await sleep(2_000)
  expect(counts()).toEqual([4, 4])

  // Second wait over: again one each.
  advanceWallClock(17_000)
  await waitFor(() => expect(counts()).toEqual([5, 5]), { timeout: 5_000 })
  await sleep(1_500)
  expect(counts()).toEqual([5, 5])
  expect(screen.getByText(banners.autoMaintenance)).toBeInTheDocument()
}, 20_000)
