/**
 * The production build (no mock code, no service worker) against the simulated backend served over
 * real HTTP by scripts/mock-server.ts, as `npm run bench` and `npm run lighthouse` run it. The
 * scenario is switched at run time through the server's control endpoints.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { buildProduction } from '../../scripts/build-production'
import { startMockServerProcess, type MockServerProcess } from '../../scripts/mock-server/child-process'

let outDir = ''
let server: MockServerProcess

test.beforeAll(async () => {
  test.setTimeout(180_000)
  outDir = mkdtempSync(join(tmpdir(), 'billing-over-http-'))
  await buildProduction(outDir)
  server = await startMockServerProcess(outDir, 'over-http')
})

test.afterAll(async () => {
  await server?.stop()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

test.beforeEach(async () => {
  await server.reset()
})

test('the production build shows the subscription from the API over HTTP, with no mock service worker', async ({ page }) => {
  await page.goto(`${server.url}/`)
  await expect(page.getByRole('heading', { level: 1, name: 'Subscription' })).toBeVisible()
  await expect(page.getByText('Seats purchased')).toBeVisible()
  expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull()
  expect((await page.request.get(`${server.url}/mockServiceWorker.js`)).status()).toBe(404)

  // The server tells the provider-backed endpoints from the vendor's own, as contract.ts does.
  const requests = await server.requests()
  expect(requests).toContainEqual(expect.objectContaining({ path: '/api/subscription', endpoint: 'getSubscription', capability: 'subscription' }))
  expect(requests).toContainEqual(expect.objectContaining({ path: '/api/me', endpoint: 'getMe', capability: null }))
})

test('a deep link is answered with the app (SPA fallback) and a missing asset with a 404', async ({ page }) => {
  await page.goto(`${server.url}/invoices`)
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible()
  expect((await page.request.get(`${server.url}/assets/no-such-chunk.js`)).status()).toBe(404)
})

test('a scenario switched at run time takes billing down and back up, without a reload', async ({ page }) => {
  await server.setScenario('provider-down')
  await page.goto(`${server.url}/`)
  const overview = page.getByRole('region', { name: 'Overview' })
  await expect(overview.getByText('Overview is unavailable right now.')).toBeVisible()
  // The vendor's own parts still show.
  await expect(page.getByRole('region', { name: 'Account' }).getByText('Acme Support')).toBeVisible()

  await server.setScenario('healthy')
  // The breaker's probe finds the provider back and the page refetches on its own (≤ 30 s target).
  await expect(overview.getByText('Seats purchased')).toBeVisible({ timeout: 30_000 })
})

test('the control endpoint refuses a scenario name it does not know', async ({ request }) => {
  const response = await request.post(`${server.url}/__control/scenario`, { data: { name: 'provider-on-fire' } })
  expect(response.status()).toBe(400)
  expect((await request.get(`${server.url}/__control/scenario`)).ok()).toBe(true)
})
