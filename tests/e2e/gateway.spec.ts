/**
 * The production build (no mock code) behind Debian's nginx with the deployment's configuration,
 * in front of the billing gateway with the Zuora simulator as its Zuora (gateway/node/sim-server.ts,
 * in this worker): nothing here is scripted per scenario, the faults act at Zuora and the gateway's
 * health report is computed from the calls it makes. Scenarios are switched at run time through
 * the gateway's control endpoints, which nginx does not pass on.
 *
 * The times measured (fault → every tab paused, recovery → every tab editable) are printed and
 * kept as annotations of each test.
 */
import { rmSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { startGatewayBehindNginx, type GatewayBehindNginx } from '../../scripts/serve-nginx'
import { addAddonToCart } from './support'
import {
  changeSeats,
  cspDirectives,
  gatewayControl,
  overview,
  seatsPurchased,
  signInAt,
  watchCspViolations,
  type GatewayControl,
} from './support-gateway'
import { productionBuildCopy } from './support-build'

let outDir = ''
let stack: GatewayBehindNginx
let control: GatewayControl
let origin = ''

// The gateway behind nginx is started once for this file: its tests share it, one after the other,
// in one worker.
test.describe.configure({ mode: 'default' })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  // The run's one production build (support-build.ts), in a folder of this spec's own.
  outDir = await productionBuildCopy('billing-gateway-e2e-')
  stack = await startGatewayBehindNginx({ root: outDir })
  control = gatewayControl(stack.gateway.url)
  origin = stack.nginx.url
})

test.afterAll(async () => {
  await stack?.stop()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

test.beforeEach(async () => {
  await control.reset()
})

/** Kept with the test's results and printed: the figures the issue asks for. */
function record(name: string, ms: number) {
  test.info().annotations.push({ type: name, description: `${(ms / 1000).toFixed(1)} s` })
  console.log(`${name}: ${(ms / 1000).toFixed(1)} s`)
}

/** Marks the document now loaded in the page: a reload (or any new document) loses the mark. */
const markDocument = (page: Page) => page.evaluate(() => void ((window as { loadedBefore?: true }).loadedBefore = true))
const sameDocument = (page: Page) => page.evaluate(() => (window as { loadedBefore?: true }).loadedBefore === true)

const pausedByReport = 'Paused: the billing provider is unavailable'

test('a fault at Zuora pauses edits in every open tab, and recovery brings them back without a reload', async ({
  context,
}) => {
  test.setTimeout(120_000)
  const tabA = await context.newPage()
  await signInAt(tabA, origin)
  const tabB = await context.newPage()
  await tabB.goto(`${origin}/`)
  const tabs = [tabA, tabB]
  for (const tab of tabs) {
    await expect(seatsPurchased(tab)).toHaveText('25')
    // A report left in nginx's micro-cache by the previous test is at most 3 s old.
    await expect(changeSeats(tab)).not.toHaveAttribute('aria-disabled', 'true', { timeout: 15_000 })
  }
  for (const tab of tabs) await markDocument(tab)

  // Zuora answers every call with 503: the gateway's probes see it, its report says `down`, and
  // each tab's status poll (through nginx's cache) pauses its edits. About 5 s to publish `down`,
  // up to 5 s to the next poll and 3 s in nginx's cache: 13.5 s at worst, 20 s on a loaded machine.
  const downAt = await control.setScenario('provider-down')
  const pausedAfter = await Promise.all(
    tabs.map(async (tab) => {
      await expect(changeSeats(tab)).toHaveAttribute('aria-disabled', 'true', { timeout: 20_000 })
      const after = Date.now() - downAt
      await expect(changeSeats(tab)).toHaveAccessibleDescription(pausedByReport)
      return after
    }),
  )
  record('zuora down → every tab paused', Math.max(...pausedAfter))

  // Better is published once it has held (5 s), then the same poll and cache.
  const upAt = await control.setScenario('healthy')
  const resumedAfter = await Promise.all(
    tabs.map(async (tab) => {
      await expect(changeSeats(tab)).not.toHaveAttribute('aria-disabled', 'true', { timeout: 40_000 })
      return Date.now() - upAt
    }),
  )
  record('zuora healthy → every tab editable', Math.max(...resumedAfter))
  for (const tab of tabs) {
    await expect(seatsPurchased(tab)).toHaveText('25')
    expect(await sameDocument(tab), 'the tab was not reloaded').toBe(true)
  }
})

test('a browser that never visited sees the subscription during provider-down, with its time', async ({ browser }) => {
  test.setTimeout(90_000)
  // Another browser's visit while Zuora is healthy leaves the gateway a copy of Acme's subscription.
  const visitedFrom = Date.now()
  const earlier = await browser.newContext()
  try {
    const firstVisit = await earlier.newPage()
    await signInAt(firstVisit, origin)
    await expect(seatsPurchased(firstVisit)).toHaveText('25')
  } finally {
    await earlier.close()
  }

  // Zuora goes down, and the gateway's report says so before the new browser arrives.
  const downAt = await control.setScenario('provider-down')
  await expect.poll(() => control.publishedSubscriptionHealth(), { timeout: 15_000 }).toBe('down')

  const fresh = await browser.newContext()
  try {
    const page = await fresh.newPage()
    const subscriptionAnswer = page
      .waitForResponse((response) => new URL(response.url()).pathname === '/api/subscription', { timeout: 30_000 })
      .catch((error: unknown) => error as Error)
    await signInAt(page, origin)

    // The gateway answered from its copy and said how old it is: from the first visit, before Zuora
    // went down.
    const answer = await subscriptionAnswer
    if (answer instanceof Error) throw answer
    expect(answer.status()).toBe(200)
    const asOf = Date.parse(answer.headers()['x-billing-copy-as-of'] ?? '')
    expect(asOf).toBeGreaterThanOrEqual(visitedFrom - 1_000)
    expect(asOf).toBeLessThanOrEqual(downAt)

    // The page shows it, dated, with edits paused.
    await expect(seatsPurchased(page)).toHaveText('25')
    await expect(overview(page).getByText(/Saved data as of/)).toBeVisible()
    await expect(changeSeats(page)).toHaveAttribute('aria-disabled', 'true')
  } finally {
    await fresh.close()
  }
})

test('an order placed through the cart while healthy is charged once, with nginx’s request id at Zuora', async ({
  page,
}) => {
  const since = Date.now()
  await signInAt(page, origin)
  const nav = page.getByRole('navigation', { name: 'Billing' })
  await nav.getByRole('link', { name: 'Plans and add-ons' }).click()
  await addAddonToCart(page, 'Sandbox')
  await nav.getByRole('link', { name: /^Cart/ }).click()
  await expect(page.getByText('Total due now')).toBeVisible()

  const orderAnswer = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/orders',
  )
  await page.getByRole('button', { name: 'Place order' }).click()
  await expect(page.getByRole('heading', { name: 'Order placed' })).toBeVisible()

  const answer = await orderAnswer
  expect(answer.ok()).toBe(true)
  // nginx's $request_id (32 hex digits) went to the gateway and on to Zuora as Zuora-Track-Id.
  const requestId = answer.headers()['x-request-id'] ?? ''
  expect(requestId).toMatch(/^[0-9a-f]{32}$/)
  const created = (await control.zuoraCalls(since)).filter((call) => call.operation === 'createOrder')
  expect(created).toHaveLength(1)
  expect(created[0]).toMatchObject({ status: 200, trackId: requestId })
  expect(created[0]?.idempotencyKey).toBeTruthy()

  await nav.getByRole('link', { name: 'Subscription' }).click()
  const addons = page.getByRole('table', { name: 'Add-ons on your subscription' })
  await expect(addons.getByRole('rowheader', { name: 'Sandbox' })).toBeVisible()
})

test('the gateway’s payment page is served under its own Content-Security-Policy, and works under it', async ({
  page,
}) => {
  const violations = await watchCspViolations(page)
  await signInAt(page, origin)
  const session = await page.request.post(`${origin}/api/payment-method/sessions`, {
    data: { returnUrl: `${origin}/payment-method` },
  })
  expect(session.status()).toBe(201)
  const { url } = (await session.json()) as { url: string }
  // The gateway names the page on its own (upstream) origin; the browser reaches it through nginx.
  const pagePath = new URL(url).pathname
  expect(pagePath).toMatch(/^\/api\/payment-pages\/[\w-]+$/)

  const served = await page.goto(`${origin}${pagePath}`)
  const csp = cspDirectives(served?.headers()['content-security-policy'])
  expect(csp['script-src']).toEqual(["'self'", 'https://static.zuora.com'])
  expect(csp['frame-src']).toEqual(['https://*.zuora.com/apps/PublicHostedPageLite.do'])
  expect(csp['frame-ancestors']).toEqual(["'none'"])
  expect(served?.headers()['x-frame-options']).toBe('DENY')
  expect(served?.headers()['strict-transport-security']).toBe('max-age=31536000')
  await expect(page.getByRole('heading', { level: 1, name: 'Update your card' })).toBeVisible()

  // The simulated page's form posts back to the gateway (form-action 'self') and returns to the app.
  await page.getByLabel('Card number').fill('4242 4242 4242 4242')
  await page.getByLabel('Expiry year').selectOption({ index: 2 })
  await page.getByLabel('Name on the card').fill('Ana Souza')
  await page.getByRole('button', { name: 'Save card' }).click()
  await expect(page).toHaveURL(/\/payment-method\?result=success$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Payment method' })).toBeVisible()
  expect(violations).toEqual([])
})
