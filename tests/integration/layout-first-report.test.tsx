/**
 * A page opens together with what the health report says, so that an outage banner never arrives
 * a moment later and pushes the page down (layout shift), but a status endpoint that does not
 * answer never holds the page for long (src/app/layout/use-first-status-read.ts).
 */
import { screen } from '@testing-library/react'
import { http } from 'msw'
import { expect, test } from 'vitest'
import { firstStatusWaitMs } from '@/app/layout/use-first-status-read'
import { server } from '../../mocks/node'
import { reportSays } from '../support/billing-status'
import { banners, gate, sleep } from '../support/faults'
import { renderApp } from '../support/render-app'

/** Holds every health report request until the test opens the gate, then lets the report answer. */
function holdHealthReport() {
  const held = gate()
  server.use(http.get('*/api/billing-status', async () => void (await held.opened)))
  return held
}

test('while the first health report is on its way the page waits, then shows with the outage banner in the same moment', async () => {
  // The report says the provider is down (before the hold: the hold goes in front of it).
  reportSays({ subscription: 'down', invoices: 'down', payments: 'down', billingDetails: 'down' })
  const held = holdHealthReport()
  await renderApp('/')

  await screen.findByRole('navigation', { name: 'Billing' })
  await sleep(firstStatusWaitMs / 2)
  expect(screen.queryByRole('heading', { level: 1, name: 'Subscription' })).not.toBeInTheDocument()
  expect(screen.getByText('Loading the billing admin center…')).toBeInTheDocument()

  held.open()
  const heading = await screen.findByRole('heading', { level: 1, name: 'Subscription' })
  // The banner was there when the page first showed: it is above the heading, not added later.
  const banner = screen.getByText(banners.autoMaintenance, { exact: true })
  expect(banner.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
})

test('a health report that does not answer holds the page no longer than the wait', async () => {
  holdHealthReport() // the gateway's report says all is well, when it answers
  await renderApp('/')

  await screen.findByRole('navigation', { name: 'Billing' })
  await sleep(firstStatusWaitMs + 200)
  expect(await screen.findByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  expect(await screen.findByText('Professional')).toBeInTheDocument()
})
