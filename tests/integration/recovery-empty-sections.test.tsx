/**
 * When the report says billing is back, a section that had nothing to show (its read failed during
 * the outage, and no copy answered) is read again within seconds, so it never says "unavailable"
 * under "Billing is back"; the data that was shown waits for this tab's place in the recovery spread
 * (minutes, so that a fleet does not come back in one burst: record 009).
 */
import { screen, within } from '@testing-library/react'
import { http } from 'msw'
import { afterEach, expect, test, vi } from 'vitest'
import { emptySectionSpreadMs, recoverySpreadMs } from '@/config/resilience'
import { server } from '../../mocks/node'
import { reportSays } from '../support/billing-status'
import { banners, errorAnswer } from '../support/faults'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'

afterEach(() => vi.restoreAllMocks())

test('a section left empty by the outage loads again within seconds of "Billing is back", not at the end of the spread', async () => {
  // This tab's place in both spreads: the last (9.9 s for empty sections, 178 s for the rest).
  vi.spyOn(Math, 'random').mockReturnValue(0.99)
  expect(0.99 * emptySectionSpreadMs).toBeLessThan(15_000)
  expect(0.99 * recoverySpreadMs).toBeGreaterThan(60_000)
  let subscriptionFails = true
  server.use(http.get('*/api/subscription', () => (subscriptionFails ? errorAnswer(503) : undefined)))
  reportSays({ subscription: 'down' })
  await renderApp('/')
  const overview = within(await screen.findByRole('region', { name: 'Overview' }))
  expect(
    await overview.findByText(
      'Billing is unavailable right now. We check again automatically.',
      {},
      { timeout: 15_000 },
    ),
  ).toBeInTheDocument()

  const log = logRequests()
  subscriptionFails = false
  reportSays({})
  expect(await screen.findByText(banners.recovered, {}, { timeout: 20_000 })).toBeInTheDocument()
  expect(await overview.findByText('Professional', {}, { timeout: 15_000 })).toBeInTheDocument()
  expect(log.filter((request) => request.path === '/api/subscription').length).toBeGreaterThan(0)
}, 60_000)
