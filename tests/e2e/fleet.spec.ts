/**
 * The fleet recipe (scripts/fleet-recipe.ts, deploy/fleet/README.md) in a browser: the production
 * build behind nginx, two gateway processes (the production entry, configured by env) sharing one
 * Redis, one Zuora simulator over HTTP. One admin's visit goes on while the instance serving it
 * stops and comes back, and while Redis stops and comes back empty: they stay signed in, every
 * page shows the fleet's answers, and the seats they buy meanwhile are one order at Zuora, which a
 * retry landing on the other instance does not repeat.
 */
import { rmSync } from 'node:fs'
import { expect, test, type Page, type Request } from '@playwright/test'
import { startFleet, type Fleet, type FleetInstance } from '../../scripts/fleet-recipe'
import { changeSeats } from './support-gateway'
import {
  expectSignedIn,
  logSince,
  signInWithPassword,
  signedInReadsServed,
  visitPages,
  watchApiFailures,
  zuoraCalls,
} from './support-fleet'
import { productionBuildCopy } from './support-build'

let outDir = ''
let fleet: Fleet

// The fleet (two gateway instances, Redis, nginx) is started once for this file: its tests share
// it, one after the other, in one worker.
test.describe.configure({ mode: 'default' })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  // The run's one production build (support-build.ts), in a folder of this spec's own.
  outDir = await productionBuildCopy('billing-fleet-e2e-')
  fleet = await startFleet({ root: outDir, instances: 2 })
})

test.afterAll(async () => {
  await fleet?.stop()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

/**
 * Goes from page to page until `check` passes (bounded): a page asks the fleet again once its data
 * is 3 s old (record 010), and an instance's log lines reach this process a moment after its answers.
 */
const browseUntil = (page: Page, seats: string, check: () => void) =>
  expect(async () => {
    await visitPages(page, seats)
    check()
  }).toPass({ timeout: 45_000, intervals: [1_000] })

const isOrder = (request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/orders'

test('a visit survives its instance and Redis stopping, and the seats it buys are one order at Zuora', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const signedInAt = Date.now()
  await signInWithPassword(page, fleet.url)
  const failures = watchApiFailures(page)
  await visitPages(page, '25')

  // nginx keeps a visitor on one instance (hash of the address): that one is stopped mid-visit.
  const serving = fleet.instances.find((instance) => signedInReadsServed(instance, signedInAt) > 0)
  const other = fleet.instances.find((instance) => instance !== serving)
  if (!serving || !other) throw new Error('No instance logged the signed-in visit')

  await test.step('the instance serving the visit stops: the other serves it, signed in', async () => {
    const stoppedAt = Date.now()
    await serving.stop()
    // The session the other instance knows came from Redis: it was made on the one now gone.
    await browseUntil(page, '25', () => expect(signedInReadsServed(other, stoppedAt)).toBeGreaterThan(0))
  })

  await test.step('it comes back, and the visit returns to it', async () => {
    const startedAt = Date.now()
    await serving.start()
    // nginx tries an instance it found down again after fail_timeout (10 s).
    await browseUntil(page, '25', () => expect(signedInReadsServed(serving, startedAt)).toBeGreaterThan(0))
  })

  await test.step('Redis stops: a reload is still signed in and the pages load', async () => {
    await fleet.redis.stop()
    await page.reload()
    await expectSignedIn(page)
    await visitPages(page, '25')
  })

  const purchaseFrom = Date.now()
  let order: Request | undefined
  let orderId = ''
  await test.step('seats bought while Redis is down: one order at Zuora', async () => {
    await expect(changeSeats(page)).not.toHaveAttribute('aria-disabled', 'true', { timeout: 20_000 })
    await changeSeats(page).click()
    await page.getByRole('spinbutton', { name: 'New total seats' }).fill('30')
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Cart' })).toBeVisible()
    await expect(page.getByText('Total due now')).toBeVisible()
    const placing = page.waitForRequest(isOrder)
    await page.getByRole('button', { name: 'Place order' }).click()
    await expect(page.getByRole('heading', { name: 'Order placed' })).toBeVisible()
    order = await placing
    const answer = await order.response()
    expect(answer?.status()).toBe(201)
    orderId = ((await answer?.json()) as { id: string }).id
    const created = (await zuoraCalls(fleet.zuora.url, purchaseFrom)).filter((call) => call.operation === 'createOrder')
    expect(created).toHaveLength(1)
  })

  await test.step('Redis comes back empty: still signed in, the purchase shown, the order key kept', async () => {
    const backFrom = Date.now()
    await fleet.redis.start()
    // Each instance gives Redis what it holds on its first command after Redis is back (record 029).
    const rejoined = (instance: FleetInstance) =>
      logSince(instance, backFrom).some((line) => line.event === 'shared_store_back')
    await expect(async () => {
      await page.reload()
      await expectSignedIn(page)
      expect(fleet.instances.filter(rejoined).map((instance) => instance.id)).toHaveLength(fleet.instances.length)
    }).toPass({ timeout: 30_000, intervals: [1_000] })
    await visitPages(page, '30')

    // The browser's retry of the same order, landing on the other instance (as after its own
    // instance went): the same order back, nothing more sent to Zuora. On a loaded machine a
    // Redis command can miss its 250 ms time-out, and the instance answers alone for a second:
    // it cannot see the key then and refuses (409) rather than buy; the retry after it finds it.
    if (!order) throw new Error('No order was placed')
    const placed = order
    await expect(async () => {
      const retried = await page.request.post(`${other.url}/api/orders`, {
        data: placed.postDataJSON() as unknown,
        headers: { 'Idempotency-Key': placed.headers()['idempotency-key'] ?? '' },
      })
      expect(retried.status()).toBe(200)
      expect(((await retried.json()) as { id: string }).id).toBe(orderId)
    }).toPass({ timeout: 15_000, intervals: [1_000] })
    const created = (await zuoraCalls(fleet.zuora.url, purchaseFrom)).filter((call) => call.operation === 'createOrder')
    expect(created).toHaveLength(1)
  })

  expect(failures, 'API calls of the visit that failed').toEqual([])
})
