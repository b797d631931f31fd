/**
 * The app as `npm start` mounts it: in StrictMode, where React runs state initialisers twice and
 * keeps one result. The browser's own breakers must still pause edits when the health report lags
 * (issue 19: under the dev server the breakers opened in the runtime React threw away, and edits
 * were never paused), and the request layer must answer to the query client on screen.
 */
import { screen } from '@testing-library/react'
import { expect, test } from 'vitest'
import { banners } from '../support/banner-texts'
import { renderApp } from '../support/render-app'
import { useScenario } from '../support/scenario'

test('provider down, report withheld, StrictMode: this browser’s breaker pauses edits with its reason', async () => {
  await useScenario('provider-down', { statusDelayMs: 600_000 })
  await renderApp('/', { strict: true })

  expect(await screen.findByText(banners.autoMaintenance, {}, { timeout: 10_000 })).toBeInTheDocument()
  const changePlan = screen.getByRole('button', { name: 'Change plan' })
  expect(changePlan).toHaveAttribute('aria-disabled', 'true')
  expect(changePlan).toHaveAccessibleDescription(/^Paused: /)
}, 20_000)

test('malformed, report withheld, StrictMode: one unreadable answer pauses edits', async () => {
  await useScenario('malformed', { statusDelayMs: 600_000 })
  await renderApp('/', { strict: true })

  expect(await screen.findByText(banners.autoMaintenance, {}, { timeout: 10_000 })).toBeInTheDocument()
}, 20_000)
