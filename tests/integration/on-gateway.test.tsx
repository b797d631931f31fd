/**
 * The app on the billing gateway inside MSW: the pages read what the gateway makes of the
 * simulated Zuora, and pause edits when the gateway's computed report says so.
 */
import { screen, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { server } from '../../mocks/node'
import { renderAppOnGateway } from '../support/render-on-gateway'

test('the subscription page shows what the gateway reads from the simulated Zuora', async () => {
  // The gateway names every answer (X-Request-Id, also sent to Zuora); the contract backend does not.
  const answeredBy: string[] = []
  server.events.on('response:mocked', ({ request, response }) => {
    if (new URL(request.url).pathname === '/api/subscription')
      answeredBy.push(response.headers.has('x-request-id') ? 'gateway' : 'contract backend')
  })
  await renderAppOnGateway('/')
  const overview = await screen.findByRole('region', { name: 'Overview' })
  expect(await within(overview).findByText('Professional')).toBeInTheDocument()
  expect(within(overview).getByText('Seats purchased').nextElementSibling).toHaveTextContent('25')
  expect(await screen.findByRole('button', { name: 'Change seats' })).toBeEnabled()
  expect(answeredBy.length).toBeGreaterThan(0)
  expect(new Set(answeredBy)).toEqual(new Set(['gateway']))
})

test('provider-down at the simulated Zuora: the computed report pauses edits, with the reason shown', async () => {
  const { page } = await renderAppOnGateway('/')
  expect(await screen.findByRole('button', { name: 'Change seats' })).toBeEnabled()
  await page.scenarios.select('provider-down', {})
  await expect
    .poll(
      () =>
        screen.getByRole('button', { name: 'Change seats' }).hasAttribute('disabled') ||
        screen.getByRole('button', { name: 'Change seats' }).getAttribute('aria-disabled') === 'true',
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true)
  expect(screen.getAllByText(/Billing is unavailable right now/).length).toBeGreaterThan(0)
}, 30_000)
