/**
 * The production build (no mock code, no service worker) as it is deployed: served by Debian's
 * nginx with the deployment's own configuration (deploy/nginx/, run by scripts/serve-nginx.ts), in
 * front of the billing gateway in simulated mode over real HTTP (gateway/node/sim-server.ts, in this
 * worker; `npm run bench` and `npm run lighthouse` run it in a child process). The scenario is
 * switched at run time at the simulated Zuora through the gateway's control endpoints, which nginx
 * does not pass on; the gateway's report is computed from what its calls meet.
 *
 * tests/e2e/gateway.spec.ts covers what the gateway adds (tabs paused and back, its copy, orders,
 * the payment page); this file covers the build and nginx.
 *
 * Every test fails on a Content-Security-Policy violation the browser reports (the
 * `securitypolicyviolation` event, or a console message about the policy).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { gatewaySimControl, type GatewaySimControl } from '../../scripts/gateway-sim/control'
import { startGatewayBehindNginx, type GatewayBehindNginx, type NginxServer } from '../../scripts/serve-nginx'
import { demoUsers } from './support'
import { signInAt } from './support-gateway'
import { productionBuildCopy } from './support-build'

let outDir = ''
let stack: GatewayBehindNginx
let api: GatewaySimControl & { url: string }
let nginx: NginxServer

// The production build behind nginx is started once for this file: its tests share it, one after
// the other, in one worker.
test.describe.configure({ mode: 'default' })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  // The run's one production build (support-build.ts), in a folder of this spec's own.
  outDir = await productionBuildCopy('billing-over-http-')
  stack = await startGatewayBehindNginx({ root: outDir })
  api = { url: stack.gateway.url, ...gatewaySimControl(stack.gateway.url, 'over-http') }
  nginx = stack.nginx
})

test.afterAll(async () => {
  await stack?.stop()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

/** A session for `request` (a page's `page.request` shares its cookies), as the sign-in page gets one. */
async function signInThrough(request: APIRequestContext, origin = nginx.url) {
  const answer = await request.post(`${origin}/api/session`, { data: { email: demoUsers.owner } })
  expect(answer.status()).toBe(200)
}

type Violation = { directive: string; blocked: string; source?: string } | { console: string }
let violations: Violation[] = []

test.beforeEach(async ({ page }) => {
  await api.reset()
  violations = []
  await page.exposeBinding('__reportCspViolation', (_source, violation: Violation) => void violations.push(violation))
  await page.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation: (violation: unknown) => void }).__reportCspViolation
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        report({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: `${event.sourceFile}:${event.lineNumber}`,
        }),
      true,
    )
  })
  page.on('console', (message) => {
    if (/content[- ]security[- ]policy/i.test(message.text())) violations.push({ console: message.text() })
  })
})

test.afterEach(() => {
  expect(violations, 'Content-Security-Policy violations').toEqual([])
})

const statusPath = '/api/billing-status'
const upstreamCount = async (path: string, since: number) =>
  (await api.requests(since)).filter((entry) => entry.path === path).length

test('the production build shows the subscription from the API through nginx, with no mock service worker', async ({
  page,
}) => {
  await signInAt(page, nginx.url)
  await expect(page.getByText('Seats purchased')).toBeVisible()
  expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull()
  expect((await page.request.get(`${nginx.url}/mockServiceWorker.js`)).status()).toBe(404)

  // The gateway's request log tells the provider-backed endpoints from the vendor's own, as contract.ts does.
  const requests = await api.requests()
  expect(requests).toContainEqual(
    expect.objectContaining({ path: '/api/subscription', endpoint: 'getSubscription', capability: 'subscription' }),
  )
  expect(requests).toContainEqual(expect.objectContaining({ path: '/api/me', endpoint: 'getMe', capability: null }))
})

test('a deep link is answered with the app (SPA fallback) and a missing asset with a 404', async ({ page }) => {
  await signInThrough(page.request)
  await page.goto(`${nginx.url}/invoices`)
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible()
  expect((await page.request.get(`${nginx.url}/assets/no-such-chunk.js`)).status()).toBe(404)
})

test('a scenario switched at run time takes billing down and back up, without a reload', async ({ page }) => {
  test.setTimeout(90_000)
  await signInThrough(page.request)
  // Zuora answers every call with 503; the gateway's probes see it within seconds (its target: 5 s).
  await api.setScenario('provider-down')
  await expect
    .poll(async () => (await api.health()).capabilities.subscription.computed, { timeout: 15_000 })
    .toBe('down')
  await page.goto(`${nginx.url}/`)
  const overview = page.getByRole('region', { name: 'Overview' })
  await expect(overview.getByText('Overview is unavailable right now.')).toBeVisible()
  // The vendor's own parts still show.
  await expect(page.getByRole('region', { name: 'Account' }).getByText('Acme Support')).toBeVisible()
  await page.evaluate(() => void ((window as { loadedBefore?: true }).loadedBefore = true))

  await api.setScenario('healthy')
  // The gateway publishes `operational` once Zuora has answered well for its hold (5 s); the page's
  // status poll (5 s) through nginx's micro-cache (up to 3 s) brings it: edits come back on their own.
  await expect(page.getByText('Billing is back', { exact: true })).toBeVisible({ timeout: 40_000 })
  await expect(page.getByRole('button', { name: 'Change plan' })).not.toHaveAttribute('aria-disabled')
  // ... while the page's own refetch waits a random moment within three minutes, so that the fleet
  // does not stampede the provider (docs/decisions/009). Try again fetches at once, unless that
  // moment came first and the data is already back.
  const seats = overview.getByText('Seats purchased')
  const tryAgain = overview.getByRole('button', { name: 'Try again' })
  await expect(seats.or(tryAgain)).toBeVisible()
  if (await tryAgain.isVisible()) await tryAgain.click({ timeout: 2_000 }).catch(() => 'refetched meanwhile')
  await expect(seats).toBeVisible()
  expect(await page.evaluate(() => (window as { loadedBefore?: true }).loadedBefore), 'not reloaded').toBe(true)
})

test('the control endpoint refuses a scenario name it does not know', async ({ request }) => {
  const response = await request.post(`${api.url}/__control/scenario`, { data: { name: 'provider-on-fire' } })
  expect(response.status()).toBe(400)
  expect((await request.get(`${api.url}/__control/scenario`)).ok()).toBe(true)
  // nginx serves the app and the API, not the gateway's control endpoints.
  expect((await request.get(`${nginx.url}/__control/scenario`)).headers()['content-type']).toContain('text/html')
})

test('under the Content-Security-Policy, an admin signs in and every page works', async ({ page }) => {
  await page.goto(`${nginx.url}/`)
  await expect(page).toHaveURL(/\/sign-in/)
  await page.getByLabel('Work email').fill(demoUsers.owner)
  await page.getByRole('button', { name: 'Sign in' }).click()
  const nav = page.getByRole('navigation', { name: 'Billing' })
  await expect(nav).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Subscription' })).toBeVisible()
  for (const [link, heading] of [
    ['Plans and add-ons', 'Plans and add-ons'],
    ['Invoices', 'Invoices'],
    ['Payment method', 'Payment method'],
    ['Billing details', 'Billing details'],
    ['Billing status', 'Billing status'],
  ] as const) {
    await nav.getByRole('link', { name: link }).click()
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
  }

  // The long invoice list sizes its scroll spacer with React's style={...}: that goes through the
  // CSSOM, which style-src 'self' (no 'unsafe-inline') allows.
  await page.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Globex Help Desk' })
  await expect(page.getByRole('heading', { level: 1, name: 'Subscription' })).toBeVisible()
  await nav.getByRole('link', { name: 'Invoices' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible()
  const spacer = page.locator('tr.invoice-spacer td').last()
  await expect(spacer).toBeAttached({ timeout: 15_000 })
  const { styled, actual } = await spacer.evaluate((cell) => ({
    styled: parseFloat(cell.style.height),
    actual: cell.getBoundingClientRect().height,
  }))
  expect(styled).toBeGreaterThan(100)
  expect(actual).toBeGreaterThanOrEqual(styled - 1)

  // The watch itself: an inline script is blocked and reported.
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__inline = true'
    document.head.append(script)
  })
  await expect
    .poll(() =>
      violations.some((violation) => 'directive' in violation && violation.directive.startsWith('script-src')),
    )
    .toBe(true)
  expect(await page.evaluate(() => '__inline' in window)).toBe(false)
  violations = []
})

function cspDirectives(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  )
}

async function expectSecurityHeaders(request: APIRequestContext, path: string) {
  const headers = (await request.get(`${nginx.url}${path}`)).headers()
  const csp = cspDirectives(headers['content-security-policy'])
  expect(Object.fromEntries(csp)).toEqual({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  })
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['x-frame-options']).toBe('DENY')
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['permissions-policy']).toContain('camera=()')
  expect(headers['strict-transport-security']).toBe('max-age=31536000')
  return headers
}

test('nginx sends the security headers, caches hashed assets for a year and revalidates index.html', async ({
  request,
}) => {
  for (const path of ['/', '/invoices']) {
    const headers = await expectSecurityHeaders(request, path)
    expect(headers['content-type']).toContain('text/html')
    expect(headers['cache-control']).toBe('no-cache')
    expect(headers.etag).toBeTruthy()
  }
  const entry = /\/assets\/index-[\w-]+\.js/.exec(readFileSync(join(outDir, 'index.html'), 'utf8'))?.[0]
  expect(entry).toBeTruthy()
  const asset = await request.get(`${nginx.url}${entry}`, { headers: { 'Accept-Encoding': 'gzip' } })
  expect(asset.status()).toBe(200)
  expect(asset.headers()['content-type']).toContain('javascript')
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable')
  expect(asset.headers()['content-encoding']).toBe('gzip')
  await expectSecurityHeaders(request, entry ?? '')

  const missing = await request.get(`${nginx.url}/assets/no-such-chunk.js`)
  expect(missing.status()).toBe(404)
  expect(missing.headers()['cache-control']).toBeUndefined()
  expect((await request.get(`${nginx.url}/.vite/manifest.json`)).status()).toBe(404)
  await signInThrough(request)
  await expectSecurityHeaders(request, '/api/me')
})

test('nginx micro-caches the status report (ETag, 304, no stampede) and nothing else under /api', async ({
  request,
}) => {
  const url = `${nginx.url}${statusPath}`
  // Wait for nginx to fetch a copy: from then on it is fresh for max-age (2 s).
  let first = await request.get(url)
  await expect
    .poll(async () => (first = await request.get(url)).headers()['x-cache-status'], {
      intervals: [200],
      timeout: 6_000,
    })
    .toMatch(/^(MISS|EXPIRED|REVALIDATED)$/)
  const since = Date.now()
  const etag = first.headers().etag ?? ''
  expect(etag).toMatch(/^"[0-9a-f]{16}"$/)
  expect(first.headers()['cache-control']).toBe('public, max-age=2, stale-while-revalidate=2, stale-if-error=600')
  expect(first.headers()['x-poll-interval']).toBe('5')

  const burst = await Promise.all(Array.from({ length: 10 }, (_, index) => request.get(`${url}?fleet=${index}`)))
  for (const response of burst) {
    expect(response.status()).toBe(200)
    expect(response.headers()['x-cache-status']).toBe('HIT')
    expect(response.headers().etag).toBe(etag)
    expect(response.headers()['x-poll-interval']).toBe('5')
  }
  const notModified = await request.get(url, { headers: { 'If-None-Match': etag } })
  expect(notModified.status()).toBe(304)
  expect(notModified.headers()['x-cache-status']).toBe('HIT')
  expect(await upstreamCount(statusPath, since)).toBe(0)

  // Expired (nginx counts whole seconds: 2 to 3 s after it fetched the copy): the first request
  // revalidates it with the API (If-None-Match, answered 304), once.
  await expect
    .poll(async () => (await request.get(url)).headers()['x-cache-status'], { intervals: [100], timeout: 5_000 })
    .toMatch(/^(EXPIRED|REVALIDATED)$/)
  expect(await upstreamCount(statusPath, since)).toBe(1)

  // Anything else under /api goes to the API every time.
  await signInThrough(request)
  const meSince = Date.now()
  for (let round = 0; round < 2; round += 1) {
    const me = await request.get(`${nginx.url}/api/me`)
    expect(me.status()).toBe(200)
    expect(me.headers()['x-cache-status']).toBeUndefined()
    expect(me.headers()['cache-control']).toBe('no-store')
  }
  expect(await upstreamCount('/api/me', meSince)).toBe(2)
})

test('the status report: a 5xx from the API reaches the app, an unreachable API gets the last copy', async ({
  request,
}) => {
  // A pair of its own: this test stops its API.
  const own = await startGatewayBehindNginx({ root: outDir })
  const ownApi = gatewaySimControl(own.gateway.url, 'over-http-unreachable')
  let apiRunning = true
  try {
    const url = `${own.nginx.url}${statusPath}`
    expect((await request.get(url)).headers()['x-cache-status']).toBe('MISS')

    // The gateway's own endpoints fail (the report with them): a 503.
    await ownApi.setScenario('own-api-down')
    // Within max-age (2 s) the copy answers; then the API's 503 is passed on, not hidden.
    await expect.poll(async () => (await request.get(url)).status(), { intervals: [250], timeout: 5_000 }).toBe(503)

    await ownApi.setScenario('healthy')
    await expect.poll(async () => (await request.get(url)).status(), { intervals: [250], timeout: 5_000 }).toBe(200)
    await own.gateway.close()
    apiRunning = false
    // Once the copy expires, nginx cannot reach the API and answers with the copy.
    let stale = await request.get(url)
    await expect
      .poll(async () => (stale = await request.get(url)).headers()['x-cache-status'], {
        intervals: [100],
        timeout: 5_000,
      })
      .toBe('STALE')
    expect(stale.status()).toBe(200)
    expect(((await stale.json()) as { components?: unknown[] }).components?.length).toBeGreaterThan(0)
  } finally {
    await own.nginx.stop()
    if (apiRunning) await own.gateway.close()
  }
})

test('a mock service worker left by a demo deployment on this origin is removed by the production build', async ({
  page,
}) => {
  // The demo build served its worker here; the production deployment that replaced it does not.
  const workerFile = join(outDir, 'mockServiceWorker.js')
  writeFileSync(
    workerFile,
    `self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))
self.addEventListener('fetch', () => {})
`,
  )
  try {
    await signInThrough(page.request)
    await page.goto(`${nginx.url}/`)
    await expect(page.getByRole('heading', { level: 1, name: 'Subscription' })).toBeVisible()
    await page.evaluate(async () => {
      await navigator.serviceWorker.register('/mockServiceWorker.js')
      await navigator.serviceWorker.ready
    })
    await page.waitForFunction(
      () => navigator.serviceWorker.controller?.scriptURL.endsWith('/mockServiceWorker.js') ?? false,
    )
  } finally {
    rmSync(workerFile, { force: true })
  }

  // The next visit starts under the leftover worker: the app removes it and reloads once.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Subscription' })).toBeVisible()
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0)
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull()
})
