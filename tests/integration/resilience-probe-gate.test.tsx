/**
 * The status endpoint (the vendor's own, up during the outage) watches the provider server-side.
 * While it reports a capability down, browsers hold their probes; when it reports it back, they
 * probe (after a random spread) and recover.
 */
import { screen, waitFor } from '@testing-library/react'
import { http } from 'msw'
import { expect, test } from 'vitest'
import { breaker } from '@/config/resilience'
import { db } from '../../mocks/db'
import { server } from '../../mocks/node'
import { advanceWallClock, banners, errorAnswer, requestsTo, returnToTab, sleep, stopWallClock } from '../support/faults'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'

test('no probe leaves while the status endpoint reports the provider down; one does once it reports it back', async () => {
  db.setComponentHealth('subscription', 'down')
  server.use(http.get('*/api/subscription', () => errorAnswer(503)))
  const log = logRequests()
  renderApp('/')
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(requestsTo(log, '/api/subscription')).toHaveLength(3)

  // Long past any probe wait: still nothing, because the status endpoint says it is down.
  stopWallClock()
  advanceWallClock(60_000)
  returnToTab() // the status is read again
  await sleep(2_500) // two prober ticks
  expect(requestsTo(log, '/api/subscription')).toHaveLength(3)

  // The provider is back and the status endpoint says so: the next tick probes and billing returns.
  server.resetHandlers()
  db.setComponentHealth('subscription', 'operational')
  const statusReads = requestsTo(log, '/api/billing-status').length
  returnToTab()
  await waitFor(() => expect(requestsTo(log, '/api/billing-status').length).toBeGreaterThan(statusReads))
  await sleep(100)
  advanceWallClock(breaker.probeSpreadMs) // past this browser's random place in the spread
  expect(await screen.findByText(banners.recovered, {}, { timeout: 10_000 })).toBeInTheDocument()
  await waitFor(() => expect(requestsTo(log, '/api/subscription')).toHaveLength(5)) // the probe, then the refetch
}, 20_000)
