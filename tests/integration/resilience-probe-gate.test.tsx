/**
 * The vendor's health report (the status endpoint, up during the outage) sees the provider from
 * the server side and drives availability: a capability it reports down pauses at once and nothing
 * is sent to it; when it reports it back, edits come back at once and the page's own refetch (at
 * this tab's random place in the recovery spread) is the breaker's trial.
 */
import { screen, waitFor } from '@testing-library/react'
import { http } from 'msw'
import { expect, test, vi } from 'vitest'
import { server } from '../../mocks/node'
import {
  advanceWallClock,
  banners,
  errorAnswer,
  reasons,
  requestsTo,
  returnToTab,
  sleep,
  stopWallClock,
} from '../support/faults'
import { reportSays } from '../support/billing-status'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'

test('a capability the report says is down pauses its changes at once, with the health check as the reason, and nothing is sent to it but a first read', async () => {
  reportSays({ subscription: 'down' })
  server.use(http.get('*/api/subscription', () => errorAnswer(503)))
  const log = logRequests()
  await renderApp('/')
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(screen.getByText(/^Our health check reports the billing provider down/)).toBeInTheDocument()
  expect(await screen.findByRole('button', { name: 'Change plan' })).toHaveAccessibleDescription(reasons.healthReport)
  // The report is read alongside "who am I", before the page asks the provider anything: the page,
  // with nothing to show, reads once for the gateway's copy (docs/decisions/026), and is not retried.
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)

  // Long past any breaker wait: nothing more, because the report says it is down.
  stopWallClock()
  advanceWallClock(60_000)
  returnToTab() // the report is read again
  await sleep(2_500) // two runtime ticks
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
})

test('when the report says the capability is back, changes come back and the page refetches once: no probe, no reload', async () => {
  vi.spyOn(Math, 'random').mockReturnValue(0) // this tab's place in the recovery spread: first
  reportSays({ subscription: 'down' })
  const log = logRequests()
  await renderApp('/')
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  // The page's first read, with nothing to show (docs/decisions/026), answered: a report that comes
  // back while it is on its way has that read for its trial (the query dedupes a refetch of it).
  await waitFor(() => expect(requestsTo(log, '/api/subscription')).toHaveLength(1))
  expect(await screen.findByText('Professional')).toBeInTheDocument()

  reportSays({ subscription: 'operational' })
  stopWallClock()
  advanceWallClock(10_000) // the next poll is due
  returnToTab()
  expect(await screen.findByText(banners.recovered, {}, { timeout: 5_000 })).toBeInTheDocument()
  expect(await screen.findByText('Professional')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Change seats' })).not.toHaveAttribute('aria-disabled')
  await sleep(300)
  await waitFor(() => expect(requestsTo(log, '/api/subscription')).toHaveLength(2))
}, 15_000)
