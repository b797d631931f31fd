/**
 * The demo build, whose simulated backend is the billing gateway in the page: the
 * production gateway's request handling and the Zuora simulator inside MSW in the real service
 * worker. The report the pages obey is computed from what the gateway's calls to the simulator
 * meet; the toolbar's scenario acts at the simulated Zuora only.
 */
import { expect, test, type Page } from '@playwright/test'
import { addAddonToCart } from './support'

async function signInOnGateway(page: Page) {
  await page.goto('/sign-in')
  await page.getByLabel('Work email').fill('owner@acme.test')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Billing' })).toBeVisible()
}

const scenarioSelect = (page: Page) => page.getByLabel('Scenario', { exact: true })
const changeSeats = (page: Page) => page.getByRole('button', { name: 'Change seats' })

test('the toolbar names the gateway; an order placed through it is kept across a reload', async ({ page }) => {
  await signInOnGateway(page)
  await expect(page.getByText('Backend: gateway + Zuora simulator (computed report)')).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Billing' })
  await nav.getByRole('link', { name: 'Plans and add-ons' }).click()
  await addAddonToCart(page, 'Sandbox')
  await nav.getByRole('link', { name: /^Cart/ }).click()
  await page.getByRole('button', { name: 'Place order' }).click()
  await expect(page.getByRole('heading', { name: 'Order placed' })).toBeVisible({ timeout: 20_000 })
  await nav.getByRole('link', { name: 'Subscription' }).click()
  const addons = page.getByRole('table', { name: 'Add-ons on your subscription' })
  await expect(addons.getByRole('rowheader', { name: 'Sandbox' })).toBeVisible()
  await page.reload()
  await expect(addons.getByRole('rowheader', { name: 'Sandbox' })).toBeVisible()
})

test.setTimeout(120_000)

test('provider-down at the simulated Zuora pauses edits in every open tab from the computed report; recovery brings them back', async ({
  context,
}) => {
  const tabA = await context.newPage()
  await signInOnGateway(tabA)
  const tabB = await context.newPage()
  await tabB.goto('/')
  await expect(changeSeats(tabB)).toBeEnabled()
  await expect(changeSeats(tabA)).toBeEnabled()

  await scenarioSelect(tabA).selectOption('provider-down')
  // Each tab runs its own gateway (as each instance of a fleet does); the tab that polls the report
  // for this browser asks its own: down once its probes have met the fault.
  for (const tab of [tabA, tabB]) {
    await expect(changeSeats(tab)).toBeDisabled({ timeout: 30_000 })
    await expect(tab.getByText('Billing is unavailable right now').first()).toBeVisible()
  }
  // The report is the gateway's, from its calls: it says what was seen.
  await expect(scenarioSelect(tabB)).toHaveValue('provider-down')

  await scenarioSelect(tabB).selectOption('healthy')
  for (const tab of [tabA, tabB]) await expect(changeSeats(tab)).toBeEnabled({ timeout: 45_000 })
})

test('a browser that never visited sees the subscription from the gateway’s copy during provider-down, with its time', async ({
  page,
  browser,
}) => {
  await signInOnGateway(page)
  await expect(page.getByText('Seats purchased')).toBeVisible()
  await scenarioSelect(page).selectOption('provider-down')
  await expect(changeSeats(page)).toBeDisabled({ timeout: 20_000 })

  // Another browser: none of the app's own saved data, only what the gateway holds (in this host,
  // the page's storage of the gateway and the simulated Zuora) and the session cookie.
  const held = await page.evaluate(() => ({
    gateway: localStorage.getItem('billing-gateway-page') ?? '',
    scenario: localStorage.getItem('billing-scenario') ?? '',
  }))
  const other = await browser.newContext({ baseURL: new URL(page.url()).origin, serviceWorkers: 'allow' })
  await other.addCookies(await page.context().cookies())
  await other.addInitScript((items: Record<string, string>) => {
    if (sessionStorage.getItem('seeded')) return
    sessionStorage.setItem('seeded', '1')
    localStorage.setItem('billing-gateway-page', items.gateway ?? '')
    localStorage.setItem('billing-scenario', items.scenario ?? '')
  }, held)
  const firstVisit = await other.newPage()
  await firstVisit.goto('/')
  await expect(firstVisit.getByText('Seats purchased')).toBeVisible({ timeout: 20_000 })
  await expect(firstVisit.getByText(/as of/i).first()).toBeVisible()
  await expect(changeSeats(firstVisit)).toBeDisabled({ timeout: 20_000 })
  await other.close()
})

test('the card is updated on the gateway’s hosted payment page, served through MSW, and the app shows it after', async ({
  page,
}) => {
  await signInOnGateway(page)
  await page.goto('/payment-method')
  await page.getByRole('button', { name: 'Update payment method' }).click()
  await expect(page).toHaveURL(/\/api\/payment-pages\/[\w-]+$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Update your card' })).toBeVisible()

  // Refused first: the gateway answers the page again with what to fix.
  await page.getByLabel('Card number').fill('1234')
  await page.getByLabel('Name on the card').fill('Ana Souza')
  await page.getByRole('button', { name: 'Save card' }).click()
  await expect(page.getByRole('alert')).toContainText('The card was not accepted')

  await page.getByLabel('Card number').fill('5555 5555 5555 4444')
  await page.getByLabel('Expiry year').selectOption({ index: 2 })
  await page.getByLabel('Name on the card').fill('Ana Souza')
  await page.getByRole('button', { name: 'Save card' }).click()
  await expect(page).toHaveURL(/\/payment-method/)
  await expect(page.getByRole('heading', { level: 1, name: 'Payment method' })).toBeVisible()
  await expect(page.getByText('Payment method updated')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByText(/4444/).first()).toBeVisible()
})

test('with the gateway’s report held back, the browser’s own breakers pause edits as the admin moves between pages', async ({
  page,
}) => {
  await signInOnGateway(page)
  await expect(changeSeats(page)).toBeEnabled()
  // The reproduction: a reload into a fault whose report lags for ten minutes.
  await page.goto('/?scenario=provider-down&statusDelayMs=600000')
  await expect(page).not.toHaveURL(/scenario=/)
  const nav = page.getByRole('navigation', { name: 'Billing' })
  let paused = false
  for (let step = 0; step < 10 && !paused; step += 1) {
    await nav.getByRole('link', { name: step % 2 === 0 ? 'Plans and add-ons' : 'Subscription' }).click()
    await page.waitForTimeout(2_000)
    await nav.getByRole('link', { name: 'Subscription' }).click()
    paused = await changeSeats(page)
      .getAttribute('aria-disabled', { timeout: 2_000 })
      .then((value) => value === 'true')
      .catch(() => false)
  }
  expect(paused).toBe(true)
  // The pause is the breakers' own: the gateway's report still says operational.
  await expect(page.locator('.banner-slot')).toHaveAttribute('data-availability-source', 'breaker')
  const status = await page.evaluate(async () => (await fetch('/api/billing-status')).json())
  expect(
    (status as { components: { capability: string | null; status: string }[] }).components.find(
      (component) => component.capability === 'subscription',
    )?.status,
  ).toBe('operational')
})
