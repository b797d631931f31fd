/**
 * What is not an outage must never look like one: the operators' maintenance refusal, a session
 * that ended, a cancelled call. None counts against a breaker, none raises a breaker alert, none
 * shows "Something went wrong".
 */
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { expect, test, vi } from 'vitest'
import { QuerySection } from '@/components/query-section'
import { ApiError } from '@/lib/api/errors'
import { createResilienceRuntime } from '@/lib/resilience/runtime'
import { ResilienceProvider } from '@/lib/resilience/runtime-context'
import { mockOrigin } from '../../mocks/api-base'
import { pageCookieHeaders } from '../../mocks/in-page/in-page-gateway'
import { server } from '../../mocks/node'
import { reportSays, setMaintenance } from '../support/billing-status'
import { banners, errorAnswer, requestsTo, sleep, useFakeClock } from '../support/faults'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { OWNER_CART, storeCart } from '../support/saved-cart'
import { testGateway } from '../support/test-gateway'

const nav = () => within(screen.getByRole('navigation', { name: 'Billing' }))

/** The gateway ends the page's session (as when it expires); the page's cookie is left as it was. */
async function endSessionOnServer(): Promise<void> {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('billing_session='))
  const answer = await testGateway()
    .gateway()
    .fetch(
      new Request(`${mockOrigin}/api/session`, {
        method: 'DELETE',
        headers: { Origin: mockOrigin, [pageCookieHeaders.request]: cookie ?? '' },
      }),
    )
  expect(answer.status).toBe(204)
}

test('a write refused for maintenance counts against no breaker, raises no breaker alert, and shows the operators’ maintenance at once', async () => {
  await storeCart(OWNER_CART, [{ type: 'seats', seats: 30 }])
  const log = logRequests()
  useFakeClock()
  const { user } = await renderApp('/cart')
  const place = await screen.findByRole('button', { name: 'Place order' })
  await waitFor(() => expect(place).toBeEnabled())

  // Operators switch maintenance on between two polls; every order is refused with code maintenance.
  await setMaintenance({ enabled: true, reason: 'scheduled', message: 'Provider upgrade.', nextUpdateAt: null })
  const statusReads = requestsTo(log, '/api/billing-status').length
  await user.click(place)

  expect(await screen.findByText(banners.maintenance)).toBeInTheDocument()
  // Read at once after the refusal, not at the next poll.
  expect(requestsTo(log, '/api/billing-status').length).toBeGreaterThan(statusReads)
  expect(requestsTo(log, '/api/orders', 'POST')).toHaveLength(1) // a refusal is not retried
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
  await sleep(300)
  expect(requestsTo(log, '/api/alerts', 'POST')).toHaveLength(0)
})

test('a session that ends during an outage leads to sign-in, never to "billing unavailable"', async () => {
  reportSays({ subscription: 'down', invoices: 'down', payments: 'down', billingDetails: 'down' })
  const { user } = await renderApp('/')
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()

  await endSessionOnServer() // it expired: the page still holds its cookie
  await user.click(nav().getByRole('link', { name: 'Plans and add-ons' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to billing' })).toBeInTheDocument()
  expect(screen.queryByText(/unavailable/)).not.toBeInTheDocument()
})

test('a 401 from a provider call is a session problem, never an outage: not retried, no banner, no alert', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(401, { code: 'unauthenticated' })))
  const log = logRequests()
  useFakeClock()
  await renderApp('/')
  const overview = within(await screen.findByRole('region', { name: 'Overview' }))
  expect(await overview.findByText('Your session has ended. Sign in again.')).toBeInTheDocument()
  await sleep(500)
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
  expect(requestsTo(log, '/api/alerts', 'POST')).toHaveLength(0)
})

test('a cancelled call is never shown as an error: the section loads again, quietly', async () => {
  let calls = 0
  const queryFn = vi.fn(() =>
    ++calls === 1 ? Promise.reject(new ApiError('aborted', 'Cancelled')) : Promise.resolve('Fresh answer'),
  )
  function Section() {
    const query = useQuery({ queryKey: ['subscription', 'cancelled-once'], queryFn, retry: false })
    return (
      <QuerySection section="subscription.overview" title="Overview" query={query}>
        {(data) => <p>{data}</p>}
      </QuerySection>
    )
  }
  const runtime = createResilienceRuntime({ fetchStatus: () => new Promise(() => undefined) })
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ResilienceProvider runtime={runtime}>
        <Section />
      </ResilienceProvider>
    </QueryClientProvider>,
  )
  expect(await screen.findByText('Fresh answer')).toBeInTheDocument()
  expect(queryFn).toHaveBeenCalledTimes(2)
  expect(screen.queryByText('Something went wrong.')).not.toBeInTheDocument()
  expect(screen.queryByText(/unavailable/)).not.toBeInTheDocument()
})

test('a 503 from the provider is an outage signal; the same status with code "maintenance" is not', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(503, { code: 'maintenance' })))
  const log = logRequests()
  useFakeClock()
  await renderApp('/')
  expect(
    await within(await screen.findByRole('region', { name: 'Overview' })).findByText(
      'Overview is unavailable right now.',
    ),
  ).toBeInTheDocument()
  await sleep(500)
  expect(requestsTo(log, '/api/subscription')).toHaveLength(1)
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
})
