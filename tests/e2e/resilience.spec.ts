import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { breaker } from '../../src/config/resilience'
import { addAddonToCart, letTimePass, letTimePassUntilVisible, signIn, onContractBackend } from './support'
import { useScenario } from './support-scenario'

// The shared breaker on a fake clock under the scripted report (the gateway's computed report:
// in-page-gateway.spec.ts).
test.beforeEach(({ context }) => onContractBackend(context))

const providerPaths = [
  '/api/subscription',
  '/api/quotes',
  '/api/orders',
  '/api/invoices',
  '/api/payment-method',
  '/api/billing-details',
]

/** Provider-backed requests a page sends, with when it sent them. */
function recordProviderRequests(page: Page, tab: string, into: { tab: string; path: string; at: number }[]) {
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname
    if (providerPaths.some((prefix) => path.startsWith(prefix))) into.push({ tab, path, at: Date.now() })
  })
}

/**
 * The same, timed on the page's own clock (Playwright's, which the test moves on): each page of the
 * context keeps the provider-backed fetches it sends, with the page's Date.now() when it sent them.
 */
async function recordProviderFetchTimes(context: BrowserContext) {
  await context.addInitScript((paths: string[]) => {
    const log: { path: string; at: number }[] = []
    Object.assign(window, { providerFetches: log })
    const send = window.fetch.bind(window)
    window.fetch = (input, init) => {
      const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname
      if (paths.some((prefix) => path.startsWith(prefix))) log.push({ path, at: Date.now() })
      return send(input, init)
    }
  }, providerPaths)
  return (page: Page) =>
    page.evaluate(() => (window as unknown as { providerFetches: { path: string; at: number }[] }).providerFetches)
}

test('two tabs share the breaker: both pause edits, send nothing while the report says down, then try one at a time', async ({
  context,
}) => {
  // The pages' timers run on Playwright's clock: it flows as real time does, and the long waits
  // below are fast-forwarded instead of waited for.
  await context.clock.install()
  const providerFetches = await recordProviderFetchTimes(context)
  const tabA = await context.newPage()
  await signIn(tabA, 'owner')
  const tabB = await context.newPage()
  await tabB.goto('/')
  await expect(tabB.getByText('Seats purchased')).toBeVisible()

  const requests: { tab: string; path: string; at: number }[] = []
  recordProviderRequests(tabA, 'A', requests)
  recordProviderRequests(tabB, 'B', requests)

  // Tab A meets the outage; tab B learns it from tab A without calling the provider at all.
  await useScenario(tabA, 'provider-down')
  await expect(tabA.getByText('Billing is unavailable: changes are paused')).toBeVisible()
  await expect(tabB.getByText('Billing is unavailable: changes are paused')).toBeVisible()
  await expect(tabB.getByRole('button', { name: 'Change seats' })).toHaveAttribute('aria-disabled', 'true')
  expect(requests.filter((request) => request.tab === 'B')).toEqual([])

  // The health report says the provider is down: past the first breaker wait, still nothing sent.
  requests.length = 0
  await letTimePass(context.clock, breaker.probeInitialDelayMs + 2_000)
  expect(requests).toEqual([])

  // Still failing, but the report no longer says so (withheld): tab A's reload meets the failures
  // and opens the shared breaker; from then on the browser tries on its own, one tab at a time,
  // never closer together than the shortest wait.
  await useScenario(tabA, 'provider-down', { statusDelayMs: 600_000 })
  // The tab may open holding the report that said down (so it sends nothing) and then read the
  // withheld one, "operational": from then on it is recovering, and its refetch comes at a random
  // moment within 180 s (record 009). A page view checks the provider at once (record 010): that is
  // the admin's next click, which meets the failures.
  await expect(tabA.locator('.banner-slot')).not.toHaveAttribute('data-availability-source', 'health-report', {
    timeout: 15_000,
  })
  await tabA.reload()
  await expect(tabA.getByText('Billing is unavailable: changes are paused')).toBeVisible({ timeout: 15_000 })
  await expect(tabA.locator('.banner-slot')).toHaveAttribute('data-availability-source', 'breaker')
  // The reloaded page's queries with nothing saved read once each as they mount, breaker or not
  // (record 026: the gateway answers them from its copy): the probes are what comes after.
  await letTimePass(context.clock, 3_000)
  const from = await tabA.evaluate(() => Date.now())
  await letTimePass(context.clock, 25_000)
  const probes = [...(await providerFetches(tabA)), ...(await providerFetches(tabB))]
    .filter((request) => request.at >= from)
    .sort((a, b) => a.at - b.at)
  expect(probes.length).toBeGreaterThanOrEqual(1)
  expect(probes.length).toBeLessThanOrEqual(Math.ceil(25_000 / (breaker.probeInitialDelayMs / 2)))
  // One at a time, never closer than the shortest wait: but a query that mounts with nothing to show
  // may read once beside a probe (record 026), so at most one pair per provider section is closer.
  const closePairs = probes
    .slice(1)
    .filter((probe, i) => probe.at - probes[i]!.at < breaker.probeInitialDelayMs / 2 - 500).length
  expect(closePairs).toBeLessThanOrEqual(2)
  await expect(tabB.getByRole('button', { name: 'Change seats' })).toHaveAttribute('aria-disabled', 'true')
})

test('a reload during an outage shows the saved page with its "as of" time', async ({ page }) => {
  await signIn(page, 'owner')
  await expect(page.getByText('Seats purchased')).toBeVisible()
  await page.waitForTimeout(1_500) // the saved cache is written at most once a second

  await useScenario(page, 'provider-down')
  await page.reload()
  await expect(page.getByText('Seats purchased')).toBeVisible()
  await expect(page.getByText(/Saved data as of/).first()).toBeVisible()
  // Again, after the refresh during the outage failed and the cache was saved once more.
  await page.waitForTimeout(1_500)
  await page.reload()
  await expect(page.getByText('Seats purchased')).toBeVisible()
  await expect(page.getByText(/Saved data as of/).first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'Change seats' })).toHaveAttribute('aria-disabled', 'true')
})

test('a cart filled before an outage survives it and a reload, and is bought once after recovery', async ({ page }) => {
  test.setTimeout(90_000)
  await page.clock.install() // the outage and the breaker's wait are fast-forwarded, below
  await signIn(page, 'owner')
  await page.goto('/plans')
  await addAddonToCart(page, 'Sandbox')

  const orders: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/orders')
      orders.push(request.headers()['idempotency-key'] ?? '')
  })

  // Still on after the page says so and reloads (the page's clock runs in real time until the fast-forward).
  const outageMs = 20_000
  await useScenario(page, 'outage-then-recovery', { outageMs, path: '/cart' })
  await expect(page.getByText('Billing is unavailable: changes are paused')).toBeVisible()
  const placeOrder = page.getByRole('button', { name: 'Place order' })
  await expect(placeOrder).toHaveAttribute('aria-disabled', 'true')
  await page.reload()
  await expect(page.getByText(/Sandbox/).first()).toBeVisible()

  // Billing comes back by itself: no reload, the cart is offered again with a fresh quote.
  // The outage, then the breaker's probe at most its longest wait later; "Billing is back" lasts 8 s of
  // page time: time passes until it shows, not by a fixed amount that may carry the page past it.
  await letTimePassUntilVisible(
    page.clock,
    page.getByText('Billing is back'),
    outageMs + breaker.probeMaxDelayMs + 5_000,
  )
  // The page refreshes by itself at this browser's random place in the recovery spread (minutes,
  // so that a fleet does not come back in one burst); the admin does not wait: Try again prices now.
  const quote = page.getByRole('region', { name: 'Price quote' })
  const retry = quote.getByRole('button', { name: 'Try again' })
  if (await retry.isVisible()) await retry.click()
  await expect(page.getByText('Total due now')).toBeVisible()
  await expect(placeOrder).not.toHaveAttribute('aria-disabled', 'true')
  await placeOrder.click()
  await expect(page.getByRole('heading', { name: 'Order placed' })).toBeVisible()
  expect(orders).toHaveLength(1)
})
