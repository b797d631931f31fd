/**
 * What the admin sees in each outage scenario: the whole app, on the billing gateway in front of
 * the simulated Zuora, put into the scenario by the same name QA use in the toolbar and the
 * `?scenario=` link. The scenario acts at Zuora; the gateway's report is computed from what its
 * calls meet, so a report that says "down" takes it a few seconds: those waits are long.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import type { Capability, ComponentHealth } from '@/lib/api/own-schemas'
import { currentReport } from '../support/billing-status'
import { returnToTab } from '../support/faults'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { useScenario } from '../support/scenario'
import { banners } from '../support/banner-texts'

const section = async (name: string) => within(await screen.findByRole('region', { name }))

/**
 * Until the gateway's own report says so of a capability: its calls and probes meet the scenario at
 * Zuora, and its report follows after a few seconds of them (tests/gateway test how). A test of the
 * app under a prompt report opens the page once it does.
 */
async function untilReportSays(capability: Capability, status: ComponentHealth): Promise<void> {
  await expect
    .poll(async () => (await currentReport()).components.find((c) => c.capability === capability)?.status, {
      timeout: 20_000,
      interval: 250,
    })
    .toBe(status)
}

/** The subscription overview loaded, with its seat change allowed. */
async function expectSubscriptionWorks() {
  const overview = await section('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  const changeSeats = overview.getByRole('button', { name: 'Change seats' })
  expect(changeSeats).toBeEnabled()
  expect(changeSeats).not.toHaveAttribute('aria-disabled')
}

test('healthy: the subscription loads, changes are allowed and no banner shows', async () => {
  await useScenario('healthy')
  await renderApp('/')
  await expectSubscriptionWorks()
  for (const title of Object.values(banners)) expect(screen.queryByText(title)).not.toBeInTheDocument()
})

test('provider-down: the subscription section is unavailable, changes are paused by the health report, the account still shows', async () => {
  await useScenario('provider-down')
  await untilReportSays('subscription', 'down')
  await renderApp('/')

  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  const overview = await section('Overview')
  expect(await overview.findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(overview.getByText('Billing is unavailable right now. We check again automatically.')).toBeInTheDocument()
  expect(await (await section('Account')).findByText('Acme Support')).toBeInTheDocument()
  const changePlan = screen.getByRole('button', { name: 'Change plan' })
  expect(changePlan).toHaveAttribute('aria-disabled', 'true')
  expect(changePlan).toHaveAccessibleDescription('Paused: the billing provider is unavailable')
}, 40_000)

test('provider-hang: the report says down, so the account shows and changes pause without waiting for a time-out; the subscription, with nothing to show, is read once', async () => {
  await useScenario('provider-hang')
  await untilReportSays('subscription', 'down')
  const requests = logRequests()
  const started = performance.now()
  await renderApp('/')

  expect(await (await section('Account')).findByText('Acme Support')).toBeInTheDocument()
  expect(screen.getByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Change plan' })).toHaveAttribute('aria-disabled', 'true')
  expect(performance.now() - started).toBeLessThan(3_000)
  // Its one first read (docs/decisions/026) is for the gateway, which answers it at once from its
  // copy or with a 503 (its own breaker is open); this simulated backend hangs it to its time-out.
  const overview = await section('Overview')
  expect(await overview.findByText('Overview is unavailable right now.', {}, { timeout: 7_000 })).toBeInTheDocument()
  expect(overview.getByText('Billing is unavailable right now. We check again automatically.')).toBeInTheDocument()
  expect(requests.filter((request) => request.path === '/api/subscription')).toHaveLength(1)
}, 40_000)

test('provider-flaky, report prompt: a notice names what is unreliable while changes stay possible', async () => {
  await useScenario('provider-flaky')
  for (const capability of ['subscription', 'invoices', 'payments', 'billingDetails'] as const)
    await untilReportSays(capability, 'degraded')
  await renderApp('/')

  expect(await screen.findByText(banners.slow)).toBeInTheDocument()
  expect(
    screen.getByText(
      /^Failing now and then: subscriptions and orders and invoices and PDFs and payment methods and billing contacts\.$/,
    ),
  ).toBeInTheDocument()
  expect(
    screen.getByText('Changes still work; they may take a little longer, and we retry for you.'),
  ).toBeInTheDocument()
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
  expect(await screen.findByRole('button', { name: 'Change plan' })).not.toHaveAttribute('aria-disabled')
  expect(document.querySelector('.banner-slot')).toHaveAttribute('data-availability-source', 'health-report')
}, 90_000)

test('provider-slow: the subscription shows loading, then loads, without any banner', async () => {
  // A running gateway holds a Zuora token: one read before the scenario gets it, as another admin's
  // would have (a cold gateway's first read also waits 3 s for its token, past its own read budget).
  await (await gatewayAs('owner')).call('GET', '/subscription')
  await useScenario('provider-slow')
  const started = Date.now()
  await renderApp('/')

  expect(await (await section('Account')).findByText('Acme Support')).toBeInTheDocument()
  expect((await section('Overview')).getByText('Loading…')).toBeInTheDocument()
  expect(await (await section('Overview')).findByText('Professional', {}, { timeout: 5_000 })).toBeInTheDocument()
  expect(Date.now() - started).toBeGreaterThanOrEqual(2_900)
  await expectSubscriptionWorks()
  expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument()
}, 10_000)

test('partial-invoices: the invoice list is unavailable, while the subscription and seat changes work', async () => {
  await useScenario('partial-invoices')
  await untilReportSays('invoices', 'down')
  const { user } = await renderApp('/invoices')

  const history = await section('Invoice history')
  expect(await history.findByText('Invoice history is unavailable right now.')).toBeInTheDocument()
  expect(await screen.findByText(banners.degraded)).toBeInTheDocument()
  expect(screen.getByText('Not responding right now: invoices and PDFs. Everything else works.')).toBeInTheDocument()

  await user.click(
    within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Subscription' }),
  )
  await expectSubscriptionWorks()
}, 40_000)

test('partial-payments: the card on file is unavailable, while seat changes work', async () => {
  await useScenario('partial-payments')
  await untilReportSays('payments', 'down')
  const { user } = await renderApp('/payment-method')

  const card = await section('Card on file')
  expect(await card.findByText('Card on file is unavailable right now.')).toBeInTheDocument()
  expect(
    await screen.findByText('Not responding right now: payment methods. Everything else works.'),
  ).toBeInTheDocument()

  await user.click(
    within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Subscription' }),
  )
  await expectSubscriptionWorks()
}, 40_000)

test('maintenance: the banner shows the operators’ message and Change seats is disabled with the reason', async () => {
  await useScenario('maintenance')
  await renderApp('/')

  const banner = await screen.findByRole('alert')
  expect(within(banner).getByText(banners.maintenance)).toBeInTheDocument()
  expect(within(banner).getByText(/We are upgrading our billing provider/)).toBeInTheDocument()
  const overview = await section('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  const changeSeats = overview.getByRole('button', { name: 'Change seats' })
  expect(changeSeats).toHaveAttribute('aria-disabled', 'true')
  expect(changeSeats).toHaveAccessibleDescription('Paused: billing is in maintenance')
})

test('rate-limited, report prompt: changes are paused by the health check and only the page’s first read is sent', async () => {
  await useScenario('rate-limited')
  await untilReportSays('subscription', 'down')
  const requests = logRequests()
  await renderApp('/')

  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Change plan' })).toHaveAccessibleDescription(
    'Paused: the billing provider is unavailable',
  )
  // The subscription has nothing to show: one read for the gateway's copy (docs/decisions/026), not retried.
  const overview = await section('Overview')
  expect(await overview.findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(requests.filter((request) => request.path === '/api/subscription')).toHaveLength(1)
}, 40_000)

test('own-api-down: the status cannot be checked, the account is unavailable, and the admin is still recognised', async () => {
  await useScenario('own-api-down')
  await renderApp('/')

  expect(await screen.findByText(banners.statusUnknown)).toBeInTheDocument()
  expect(await (await section('Account')).findByText('Account is unavailable right now.')).toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  // The provider is down too: once its breaker opens, changes are paused.
  // (The gateway's own calls to the failing Zuora take seconds to end, before the browser's retries.)
  expect(await screen.findByText(banners.autoMaintenance, {}, { timeout: 20_000 })).toBeInTheDocument()
}, 30_000)

test('outage-then-recovery: changes pause during the outage and come back on their own after "recover now"', async () => {
  const scenario = await useScenario('outage-then-recovery')
  await untilReportSays('subscription', 'down')
  await renderApp('/')

  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(await (await section('Overview')).findByText('Overview is unavailable right now.')).toBeInTheDocument()

  // This browser's random place in the probe spread (probe-gate.ts) is the start of it; and the
  // admin looks at the tab again, so the status endpoint's news comes at once instead of in 5 s.
  vi.spyOn(Math, 'random').mockReturnValue(0)
  scenario.recoverNow()
  returnToTab()

  // The next probe finds the provider back: no reload, no cache to clear.
  expect(await screen.findByText(banners.recovered, {}, { timeout: 12_000 })).toBeInTheDocument()
  await waitFor(() => expect(screen.queryByText(banners.autoMaintenance)).not.toBeInTheDocument())
  await expectSubscriptionWorks()
}, 45_000)
