/**
 * Outage scenarios as QA use them in a real browser (the demo build, the real MSW service worker):
 * switched from the toolbar or by a `?scenario=` link, kept across reloads, followed by every tab,
 * and a timed outage that ends with edits enabled again on its own, without a reload.
 *
 * The backend is the billing gateway in the page: a scenario acts at the simulated Zuora (the
 * toolbar's texts are the simulator's, mocks/zuora/scenarios.ts), and the report the pages obey is
 * computed from what the gateway's calls meet, a few seconds after a switch (record 031): an outage
 * shows once the gateway or this browser's breaker has seen it, and the waits below are for that.
 */
import { expect, test, type Page } from '@playwright/test'
import { breaker, recoverySpreadMs } from '../../src/config/resilience'
import { letTimePassUntilVisible, signIn } from './support'
import { useScenario } from './support-scenario'
import { banners } from '../support/banner-texts'

const toolbarOf = (page: Page) => page.getByRole('region', { name: 'Outage scenarios' })
const nav = (page: Page) => page.getByRole('navigation', { name: 'Billing' })

/** Marks the current document: the mark is gone if the page reloads or navigates for real. */
const markDocument = (page: Page) =>
  page.evaluate(() => void ((window as unknown as { sameDocument?: boolean }).sameDocument = true))
const isSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true)

test('switching from the toolbar puts the running app into an outage and out of it, without a reload', async ({
  page,
}) => {
  // Start on the status page: it calls nothing provider-backed, so nothing is loaded from the provider yet.
  await signIn(page, 'owner', '/status')
  await markDocument(page)
  const toolbar = toolbarOf(page)

  await toolbar.getByLabel('Scenario').selectOption('provider-down')
  await expect(toolbar.getByText("Every Zuora call, the OAuth token's too, answers the edge's HTML 503.")).toBeVisible()
  await nav(page).getByRole('link', { name: 'Subscription' }).click()
  // Seen by this browser's breaker (the subscription's first read fails five times) or by the
  // gateway's report (down a few seconds after the switch, then the next poll), whichever first.
  await expect(page.getByText(banners.autoMaintenance, { exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText('Overview is unavailable right now.')).toBeVisible()
  const changePlan = page.getByRole('button', { name: 'Change plan' })
  await expect(changePlan).toHaveAttribute('aria-disabled', 'true')
  // Which signal comes first is a race the app handles either way: this browser's breaker ("not
  // responding") or the health report's next poll ("unavailable"), whose down it may meet first.
  await expect(changePlan).toHaveAccessibleDescription(/^Paused: the billing provider is (not responding|unavailable)$/)

  // Back to healthy: the app finds out by itself (the report once the gateway's probes have held,
  // or its breaker's next trial) and turns edits back on.
  // Which banner says so depends on that same race ("Billing is back" after the breaker's trial, or
  // the report's operational with the outage's failures still in the slow-or-unreliable window):
  // what must hold either way is that edits come back, without a reload.
  await toolbar.getByLabel('Scenario').selectOption('healthy')
  await expect(changePlan).not.toHaveAttribute('aria-disabled', { timeout: 45_000 })
  await expect(page.getByText(banners.autoMaintenance, { exact: true })).toBeHidden()
  expect(await isSameDocument(page)).toBe(true)
})

test('a ?scenario= link switches the scenario, with its options, and leaves the address', async ({ page }) => {
  await signIn(page, 'owner')
  await page.goto('/invoices?status=paid&scenario=maintenance')
  await expect(page.getByText(banners.maintenance, { exact: true })).toBeVisible()
  await expect(page.getByText(/We are upgrading our billing provider/).first()).toBeVisible()
  await expect(toolbarOf(page).getByLabel('Scenario')).toHaveValue('maintenance')
  // The scenario parameter is gone; the page's own parameters stay.
  await expect(page).toHaveURL(/\/invoices\?status=paid$/)
  await nav(page).getByRole('link', { name: 'Subscription' }).click()
  await expect(page.getByRole('button', { name: 'Change seats' })).toHaveAttribute('aria-disabled', 'true')

  await page.goto('/?scenario=provider-slow&slowMs=1500')
  await expect(toolbarOf(page).getByLabel('Scenario')).toHaveValue('provider-slow')
  await expect(toolbarOf(page).getByText('Now: slowMs 1500.')).toBeVisible()
  await expect(page.getByText('Seats purchased')).toBeVisible()
})

test('a link to a scenario that does not exist says so, and the app runs healthy', async ({ page }) => {
  await signIn(page, 'owner')
  await page.goto('/?scenario=provider-on-fire')
  await expect(toolbarOf(page).getByRole('alert')).toHaveText(/Unknown scenario "provider-on-fire": using healthy\./)
  await expect(toolbarOf(page).getByLabel('Scenario')).toHaveValue('healthy')
  await expect(page.getByRole('button', { name: 'Change seats' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Change seats' })).not.toHaveAttribute('aria-disabled')
  await expect(page).not.toHaveURL(/scenario=/)
})

test('the chosen scenario survives a reload, a second tab starts in it, and follows a change made in the first', async ({
  context,
  page,
}) => {
  await signIn(page, 'owner')
  await useScenario(page, 'maintenance')
  await expect(page.getByText(banners.maintenance, { exact: true })).toBeVisible()

  await page.reload()
  await expect(page.getByText(banners.maintenance, { exact: true })).toBeVisible()
  await expect(toolbarOf(page).getByLabel('Scenario')).toHaveValue('maintenance')

  const second = await context.newPage()
  await second.goto('/')
  await expect(second.getByText(banners.maintenance, { exact: true })).toBeVisible()
  await expect(toolbarOf(second).getByLabel('Scenario')).toHaveValue('maintenance')
  await expect(second.getByRole('button', { name: 'Change seats' })).toHaveAttribute('aria-disabled', 'true')

  // Chosen in the first tab, followed live in the second: maintenance ends there too.
  await toolbarOf(page).getByLabel('Scenario').selectOption('healthy')
  await expect(toolbarOf(second).getByLabel('Scenario')).toHaveValue('healthy')
  await expect(second.getByText(banners.maintenance, { exact: true })).toBeHidden({ timeout: 20_000 })
  await expect(second.getByRole('button', { name: 'Change seats' })).not.toHaveAttribute('aria-disabled')
})

test('outage-then-recovery: edits pause during the outage and come back on their own, without a reload', async ({
  page,
}) => {
  test.setTimeout(150_000)
  await page.clock.install() // the outage, the report's recovery and the page's refresh are fast-forwarded, below
  await signIn(page, 'owner', '/status')
  // Long enough for the page's first read and its retries to all fail, and for the outage to still
  // be on once the page says so (the page's clock runs in real time until the fast-forward).
  const outageMs = 20_000
  await useScenario(page, 'outage-then-recovery', { outageMs })
  await markDocument(page)
  // The breaker (the first read's five failures) or the gateway's report, whichever first.
  await expect(page.getByText(banners.autoMaintenance, { exact: true })).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('button', { name: 'Change plan' })).toHaveAttribute('aria-disabled', 'true')
  await expect(toolbarOf(page).getByRole('status')).toHaveText('Zuora down')

  // Recovery: the outage ends, then the gateway's report says so once its probes have held (about
  // 11 s) or, if this browser's breaker paused it, its next trial (at most its longest wait).
  const recovered = page.getByText(banners.recovered, { exact: true })
  await letTimePassUntilVisible(page.clock, recovered, outageMs + breaker.probeMaxDelayMs + 5_000)
  await expect(page.getByRole('button', { name: 'Change plan' })).not.toHaveAttribute('aria-disabled')
  // The sections this page could never read refresh on their own at this browser's place in the
  // recovery spread (record 009), not at once: time passes until the subscription is shown.
  const changeSeats = page.getByRole('button', { name: 'Change seats' })
  await letTimePassUntilVisible(page.clock, changeSeats, recoverySpreadMs + 5_000, 500)
  await expect(changeSeats).not.toHaveAttribute('aria-disabled')
  await expect(page.getByText(banners.autoMaintenance, { exact: true })).toBeHidden()
  await expect(toolbarOf(page).getByRole('status')).toHaveText('Zuora recovered')
  expect(await isSameDocument(page)).toBe(true)
})

test('"Recover now" in the toolbar ends an outage at once, and the app follows on its own', async ({ page }) => {
  // The subscription is read before the outage, so the page shows it (the gateway's copy, dated)
  // with its edits paused, and the edits' return is what is waited for below.
  await signIn(page, 'owner')
  const changeSeats = page.getByRole('button', { name: 'Change seats' })
  await expect(changeSeats).toBeVisible()
  await useScenario(page, 'outage-then-recovery')
  await markDocument(page)
  const toolbar = toolbarOf(page)
  await expect(toolbar.getByRole('status')).toHaveText('Zuora down')
  await expect(toolbar.getByText(/recovers in \d+ s/)).toBeVisible()
  // Seen by this browser's breaker or the gateway's report, whichever first (the outage lasts 60 s).
  await expect(page.getByText(banners.autoMaintenance, { exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(changeSeats).toHaveAttribute('aria-disabled', 'true')

  await toolbar.getByRole('button', { name: 'Recover now' }).click()
  await expect(toolbar.getByRole('status')).toHaveText('Zuora recovered')
  await expect(toolbar.getByRole('button', { name: 'Recover now' })).toHaveAttribute('aria-disabled', 'true')
  // The gateway's report once its probes have held (about 11 s), or the breaker's next trial; then
  // "Billing is back", or the slow-or-unreliable notice while the outage's failures leave the window
  // (the closing note of this round names that wart): either way edits come back, without a reload.
  await expect(changeSeats).not.toHaveAttribute('aria-disabled', { timeout: 45_000 })
  await expect(changeSeats).toBeVisible()
  await expect(page.getByText(banners.autoMaintenance, { exact: true })).toBeHidden()
  expect(await isSameDocument(page)).toBe(true)
})
