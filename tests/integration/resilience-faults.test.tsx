/**
 * One provider read (the subscription, on the billing home) failing in each way a provider or its
 * gateway fails: what the admin sees, and how many requests left the browser for it. The account
 * section is the vendor's own API: it keeps working through all of them.
 */
import { screen, within } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { expect, test } from 'vitest'
import { callHealth, retries, timeouts } from '@/config/resilience'
import { accountQueries } from '@/billing/api/get-account'
import { subscriptionQueries } from '@/billing/api/get-subscription'
import { billingStatusQueries } from '@/lib/availability/billing-status-query'
import { sessionQueries } from '@/lib/session/session-queries'
import { server } from '../../mocks/node'
import { banners, errorAnswer, gapsBetween, reasons, requestsTo, sleep, useFakeClock } from '../support/faults'
import { currentReport } from '../support/billing-status'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { saveCache } from '../support/saved-cache'
import { useScenario } from '../support/scenario'

const section = async (name: string) => within(await screen.findByRole('region', { name }))
const subscriptionGets = (log: ReturnType<typeof logRequests>) => requestsTo(log, '/api/subscription')

async function expectAccountWorks() {
  expect(await (await section('Account')).findByText('Acme Support')).toBeInTheDocument()
}

/** What an earlier visit of the owner left in the browser: the subscription answered 10 minutes ago. */
async function savedEarlierVisit() {
  const owner = await gatewayAs('owner')
  await saveCache([
    { queryKey: sessionQueries.me().queryKey, data: await owner.call('GET', '/me') },
    { queryKey: billingStatusQueries.current().queryKey, data: await currentReport() },
    { queryKey: accountQueries.detail().queryKey, data: await owner.call('GET', '/account'), ageMs: 10 * 60_000 },
    {
      queryKey: subscriptionQueries.detail().queryKey,
      data: await owner.call('GET', '/subscription'),
      ageMs: 10 * 60_000,
    },
  ])
}

/** Acme's subscription as the gateway answers it now. */
const acmeSubscription = async () =>
  (await gatewayAs('owner')).call<{ seats: Record<string, unknown> }>('GET', '/subscription')

test('a 500 is not retried: one request, the section says so with a retry, and the account keeps working', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(500), { once: true }))
  const log = logRequests()
  useFakeClock()
  const { user } = await renderApp('/')

  const overview = await section('Overview')
  expect(await overview.findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(overview.getByText('Billing is unavailable right now.')).toBeInTheDocument()
  await expectAccountWorks()
  await sleep(400)
  expect(subscriptionGets(log)).toHaveLength(1)
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()

  await user.click(overview.getByRole('button', { name: 'Try again' }))
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  expect(subscriptionGets(log)).toHaveLength(2)
})

test.each([502, 504])(
  'a %i is retried, five attempts in all, then the breaker opens: automatic maintenance and Change seats paused with the reason',
  async (status) => {
    await savedEarlierVisit()
    server.use(http.get('*/api/subscription', () => errorAnswer(status)))
    const log = logRequests()
    await renderApp('/')

    const banner = await screen.findByRole('alert', {}, { timeout: 8_000 })
    expect(within(banner).getByText(banners.autoMaintenance)).toBeInTheDocument()
    expect(within(banner).getByText(/^Our billing provider is not responding/)).toBeInTheDocument()
    expect(subscriptionGets(log)).toHaveLength(retries.maxRetries + 1)
    // Backoff between attempts: never back to back.
    for (const gap of gapsBetween(subscriptionGets(log))) expect(gap).toBeGreaterThanOrEqual(100)

    // The saved subscription stays on screen, with its age and why it is not fresh.
    const overview = await section('Overview')
    expect(overview.getByText('Professional')).toBeInTheDocument()
    expect(
      await overview.findByText(
        /^Saved data as of .+ Billing is unavailable right now\. We check again automatically\.$/,
      ),
    ).toBeInTheDocument()
    // A retry would be refused by the breaker: the app retries by itself, so none is offered.
    expect(overview.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()

    const changeSeats = overview.getByRole('button', { name: 'Change seats' })
    expect(changeSeats).toHaveAttribute('aria-disabled', 'true')
    expect(changeSeats).toHaveAccessibleDescription(reasons.breaker)
    // Its own reason, seen beneath it (Turn off renewal, in the overview too, has its own).
    const visibleReason = document.getElementById(changeSeats.getAttribute('aria-describedby') ?? '')
    expect(visibleReason).toHaveTextContent(reasons.breaker)
    expect(visibleReason).not.toHaveClass('visually-hidden')
    for (const name of ['Change plan', 'Manage add-ons', 'Turn off renewal']) {
      expect(screen.getByRole('button', { name })).toHaveAccessibleDescription(reasons.breaker)
    }
    await expectAccountWorks()
    expect(subscriptionGets(log)).toHaveLength(retries.maxRetries + 1)
  },
  15_000,
)

test('a 503 with Retry-After: 1 is retried no sooner than a second later, each time, then the breaker opens', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(503, { retryAfter: 1 })))
  const log = logRequests()
  await renderApp('/')

  expect(await screen.findByText(banners.autoMaintenance, {}, { timeout: 8_000 })).toBeInTheDocument()
  const attempts = subscriptionGets(log)
  expect(attempts).toHaveLength(retries.maxRetries + 1)
  const gaps = gapsBetween(attempts)
  expect(gaps).toHaveLength(retries.maxRetries)
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(990)
  expect(await (await section('Overview')).findByText('Overview is unavailable right now.')).toBeInTheDocument()
  await expectAccountWorks()
}, 15_000)

test('a 503 with a Retry-After longer than 5 s is not waited for: one request, the section fails at once', async () => {
  server.use(http.get('*/api/subscription', () => errorAnswer(503, { retryAfter: 30 })))
  const log = logRequests()
  useFakeClock()
  await renderApp('/')

  const overview = await section('Overview')
  expect(await overview.findByText('Overview is unavailable right now.')).toBeInTheDocument()
  // Shown well before the 30 s the server asked for.
  expect(performance.now() - subscriptionGets(log)[0]!.at).toBeLessThan(3_000)
  expect(overview.getByText('Billing is unavailable right now.')).toBeInTheDocument()
  expect(overview.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  await sleep(400)
  expect(subscriptionGets(log)).toHaveLength(1)
  // One failure is not an outage.
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
  await expectAccountWorks()
})

test('a 429 with Retry-After: 1 is retried after the wait, and the admin simply sees the data', async () => {
  server.use(
    http.get('*/api/subscription', () => errorAnswer(429, { retryAfter: 1, code: 'rate_limited' }), { once: true }),
  )
  const log = logRequests()
  await renderApp('/')

  const overview = await section('Overview')
  expect(await overview.findByText('Professional', {}, { timeout: 5_000 })).toBeInTheDocument()
  const attempts = subscriptionGets(log)
  expect(attempts).toHaveLength(2)
  expect(gapsBetween(attempts)[0]).toBeGreaterThanOrEqual(990)
  expect(overview.queryByText(/Billing is busy/)).not.toBeInTheDocument()
  expect(overview.getByRole('button', { name: 'Change seats' })).toBeEnabled()
})

test('a hung request gives up after the 5 s time-out, is sent once, and is recognised as a hang: changes pause at once', async () => {
  server.use(
    http.get('*/api/subscription', async () => {
      await delay('infinite')
      return HttpResponse.json({})
    }),
  )
  const log = logRequests()
  await renderApp('/')

  await expectAccountWorks()
  const overview = await section('Overview')
  expect(overview.getByText('Loading…')).toBeInTheDocument()
  expect(await overview.findByText('Billing took too long to answer.', {}, { timeout: 9_000 })).toBeInTheDocument()
  const waited = performance.now() - subscriptionGets(log)[0]!.at
  expect(waited).toBeGreaterThanOrEqual(4_900)
  expect(waited).toBeLessThan(8_000)
  expect(overview.getByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(overview.queryByText('Loading…')).not.toBeInTheDocument()
  // A hung provider would only hang again: no retry, and no second hang needed to decide.
  expect(subscriptionGets(log)).toHaveLength(1)
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Change plan' })).toHaveAccessibleDescription(reasons.breaker)
  // The breaker retries by itself: no "Try again" that it would refuse.
  expect(overview.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()
}, 15_000)

test('an answer in 2 s is waited for: the data shows, with no error and no banner', async () => {
  const subscription = await acmeSubscription()
  server.use(
    http.get('*/api/subscription', async () => {
      await delay(2_000)
      return HttpResponse.json(subscription)
    }),
  )
  const log = logRequests()
  await renderApp('/')

  await expectAccountWorks()
  const overview = await section('Overview')
  expect(overview.getByText('Loading…')).toBeInTheDocument()
  expect(await overview.findByText('Professional', {}, { timeout: 4_000 })).toBeInTheDocument()
  expect(overview.queryByText(/unavailable right now/)).not.toBeInTheDocument()
  expect(overview.getByRole('button', { name: 'Change seats' })).toBeEnabled()
  for (const title of Object.values(banners)) expect(screen.queryByText(title)).not.toBeInTheDocument()
  expect(subscriptionGets(log)).toHaveLength(1)
})

test('a read still on its way after 3 s says billing is slow, before it answers; the data then shows and changes stay possible', async () => {
  const subscription = await acmeSubscription()
  server.use(
    http.get('*/api/subscription', async () => {
      await delay(callHealth.slowAloneMs + 1_500)
      return HttpResponse.json(subscription)
    }),
  )
  await renderApp('/')

  const overview = await section('Overview')
  // The notice comes while the section still loads: the admin knows why they wait.
  expect(await screen.findByText(banners.slow, {}, { timeout: callHealth.slowAloneMs + 1_200 })).toBeInTheDocument()
  expect(overview.getByText('Loading…')).toBeInTheDocument()
  expect(await overview.findByText('Professional', {}, { timeout: 4_000 })).toBeInTheDocument()
  expect(overview.getByRole('button', { name: 'Change seats' })).toBeEnabled()
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
})

test('a read Zuora took over 2 s says billing is slow as it answers, because the gateway says how long Zuora took', async () => {
  const { user } = await renderApp('/')
  expect(await (await section('Overview')).findByText('Professional', {}, { timeout: 5_000 })).toBeInTheDocument()
  // Zuora turns slow, and the gateway's report lags (it would say so too); the admin opens Plans once
  // the subscription there is due to be read again.
  await useScenario('provider-slow', { slowMs: callHealth.providerSlowMs + 200, statusDelayMs: 600_000 })
  await sleep(3_100)
  const reads: { sentAt: number; answeredAt?: number }[] = []
  server.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname === '/api/subscription') reads.push({ sentAt: performance.now() })
  })
  server.events.on('response:mocked', ({ request }) => {
    const read = reads.find((each) => each.answeredAt === undefined)
    if (read && new URL(request.url).pathname === '/api/subscription') read.answeredAt = performance.now()
  })
  await user.click(screen.getByRole('link', { name: 'Plans and add-ons' }))

  expect(await screen.findByText(banners.slow, {}, { timeout: 8_000 })).toBeInTheDocument()
  // The notice came with the answer (this browser saw it in under 3 s, too soon to say slow on its
  // own clock), not from a read left on its way for 3 s.
  const [read] = reads
  expect(read?.answeredAt).toBeDefined()
  expect(read!.answeredAt! - read!.sentAt).toBeLessThan(callHealth.slowAloneMs)
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
})

test('a network error is retried, five attempts in all, then the breaker opens and the section says billing cannot be reached', async () => {
  server.use(http.get('*/api/subscription', () => HttpResponse.error()))
  const log = logRequests()
  await renderApp('/')

  expect(await screen.findByText(banners.autoMaintenance, {}, { timeout: 8_000 })).toBeInTheDocument()
  const overview = await section('Overview')
  expect(await overview.findByText("Can't reach billing. Check your connection.")).toBeInTheDocument()
  expect(overview.getByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(subscriptionGets(log)).toHaveLength(retries.maxRetries + 1)
  const changePlan = screen.getByRole('button', { name: 'Change plan' })
  expect(changePlan).toHaveAttribute('aria-disabled', 'true')
  expect(changePlan).toHaveAccessibleDescription(reasons.breaker)
  await expectAccountWorks()
}, 15_000)

test('malformed JSON is not retried, is reported as an answer that could not be read, and pauses changes at once', async () => {
  server.use(
    http.get(
      '*/api/subscription',
      () => new HttpResponse('{"id": "sub_acme", "plan": ', { headers: { 'Content-Type': 'application/json' } }),
    ),
  )
  const log = logRequests()
  useFakeClock()
  await renderApp('/')

  const overview = await section('Overview')
  expect(await overview.findByText('Billing sent an answer we could not read.')).toBeInTheDocument()
  expect(overview.getByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(overview.queryByText('Professional')).not.toBeInTheDocument()
  await sleep(400)
  expect(subscriptionGets(log)).toHaveLength(1)
  // A provider that answers garbage is not usable: one such answer is enough to pause changes.
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  await expectAccountWorks()
})

test('an answer that breaks the contract (seats as text) is not retried, not half-shown, pauses changes, and the page does not crash', async () => {
  const subscription = await acmeSubscription()
  server.use(
    http.get('*/api/subscription', () =>
      HttpResponse.json({ ...subscription, seats: { ...subscription.seats, purchased: '25' } }),
    ),
  )
  const log = logRequests()
  useFakeClock()
  await renderApp('/')

  const overview = await section('Overview')
  expect(await overview.findByText('Billing sent an answer we could not read.')).toBeInTheDocument()
  expect(overview.queryByText('Professional')).not.toBeInTheDocument()
  // Both sections fed by the subscription fail the same way; the rest of the page stands.
  expect(
    within(await screen.findByRole('region', { name: 'Add-ons' })).getByText('Add-ons is unavailable right now.'),
  ).toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  await expectAccountWorks()
  await sleep(400)
  expect(subscriptionGets(log)).toHaveLength(1)
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
})

test('a hang is recognised while the admin keeps moving between pages: moving on does not cancel the call before its time-out', async () => {
  const log = logRequests()
  useFakeClock()
  const { user } = await renderApp('/')
  expect(await (await section('Overview')).findByText('Professional')).toBeInTheDocument()
  await sleep(3_100) // the page's data is now stale: the next view checks it again
  server.use(
    http.get('*/api/subscription', async () => {
      await delay('infinite')
      return HttpResponse.json({})
    }),
  )
  const nav = within(screen.getByRole('navigation', { name: 'Billing' }))
  const firstAction = Date.now() // on the fake clock, as the time-out is
  let seenAt: number | null = null
  for (let view = 0; view < 5 && seenAt === null; view++) {
    await user.click(nav.getByRole('link', { name: view % 2 === 0 ? 'Plans and add-ons' : 'Subscription' }))
    // The admin stays 2 s on each page; the banner is looked for all along.
    const shown = await screen.findByText(banners.autoMaintenance, {}, { timeout: 2_000 }).catch(() => null)
    if (shown) seenAt = Date.now()
  }
  expect(seenAt).not.toBeNull()
  expect(seenAt! - firstAction).toBeLessThanOrEqual(timeouts.providerReadMs + 3_000)
  expect(requestsTo(log, '/api/subscription').length).toBeGreaterThan(1)
}, 20_000)
