/**
 * `--only saved-cache`: the saved query cache (IndexedDB, src/lib/persistence/) of the 10,000-invoice
 * account, in Chromium with the production build. Each run is a fresh browser context (empty
 * IndexedDB): the owner opens the subscription page, switches to Globex, opens Invoices (the
 * account's invoices), then Plans, Billing details and Billing status, and stays until the saved
 * cache has stopped changing. The last write then holds every page's data, and is the one measured:
 *
 * - `saved-cache-globex-kb`: its size, the saved text's UTF-8 bytes / 1,000;
 * - `saved-cache-globex-serialize-ms`: turning the cache into that text (the app's JSON.stringify
 *   of the persisted client, on the main thread);
 * - `saved-cache-globex-store-ms`: from IndexedDB's put() to its transaction's `complete`;
 * - `saved-cache-globex-write-ms`: the two together, what one write costs.
 *
 * Taken in the page by wrapping JSON.stringify and IDBObjectStore.put before the app loads (an init
 * script): the production build itself carries no measuring code.
 */
import type { Browser, Page } from 'playwright-core'
import { CAP_MS, newBenchContext, visitUntil } from './browser'
import type { BenchSettings } from './measurements'
import type { GatewaySimProcess } from '../gateway-sim/child-process'
import { median, type Figure } from './stats'

type SavedCacheWrite = { serializeMs: number; storeMs: number; bytes: number; at: number }

/** In the page, before the app: records each write of the saved cache. A string: see armSummaryChange. */
const recordSavedCacheWrites = `(() => {
  const writes = []
  Object.defineProperty(window, '__benchSavedCache', { value: writes })
  let lastSerializeMs = 0
  const stringify = JSON.stringify
  JSON.stringify = function (value, ...rest) {
    const started = performance.now()
    const text = stringify.call(this, value, ...rest)
    if (value && typeof value === 'object' && 'clientState' in value && 'buster' in value) lastSerializeMs = performance.now() - started
    return text
  }
  const put = IDBObjectStore.prototype.put
  IDBObjectStore.prototype.put = function (value, key) {
    const started = performance.now()
    const request = put.call(this, value, key)
    if (this.name === 'saved-cache' && key === 'cache' && typeof value === 'string') {
      const serializeMs = lastSerializeMs
      const bytes = new TextEncoder().encode(value).length
      this.transaction.addEventListener('complete', () => {
        writes.push({ serializeMs, storeMs: performance.now() - started, bytes, at: performance.now() })
      })
    }
    return request
  }
})()`

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const nav = (page: Page) => page.getByRole('navigation', { name: 'Billing' })
const writesOf = (page: Page) => page.evaluate<SavedCacheWrite[]>('window.__benchSavedCache')

/** Waits until no write has landed for `quietMs` (the app writes at most once a second), then returns the last. */
async function lastWriteWhenSettled(page: Page, quietMs = 3_000): Promise<SavedCacheWrite> {
  const deadline = Date.now() + CAP_MS
  let seen = -1
  while (Date.now() < deadline) {
    const writes = await writesOf(page)
    if (writes.length > 0 && writes.length === seen) return writes.at(-1)!
    seen = writes.length
    await sleep(quietMs)
  }
  throw new Error(`The saved cache kept changing (or was never written) for ${CAP_MS} ms`)
}

export async function savedCacheWrites(
  browser: Browser,
  server: GatewaySimProcess,
  settings: BenchSettings,
): Promise<Figure[]> {
  const runs: SavedCacheWrite[] = []
  for (let run = 0; run < settings.runs; run += 1) {
    settings.progress(`production: saved cache of the 10,000-invoice account, run ${run + 1} of ${settings.runs}`)
    await server.reset()
    const context = await newBenchContext(browser, server.url, 'saved-cache')
    await context.addInitScript(recordSavedCacheWrites)
    const page = await context.newPage()
    await visitUntil(page, 'content')
    await page.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Globex Help Desk' })
    await page.locator('[data-section="subscription.account"] dd', { hasText: 'Globex Help Desk' }).waitFor()
    await nav(page).locator('a[href="/invoices"]').click()
    await page
      .getByText(/GLBX-\d+/)
      .first()
      .waitFor({ timeout: CAP_MS })
    for (const path of ['/plans', '/billing-details', '/status']) {
      await nav(page).locator(`a[href="${path}"]`).click()
      await page.waitForURL((url) => url.pathname === path)
      await page.locator('main h1').first().waitFor()
      await sleep(1_500) // the page's data arrives and is written (1 s throttle)
    }
    runs.push(await lastWriteWhenSettled(page))
    await context.close()
  }
  await server.reset()
  const note = 'Globex (10,000 invoices) and every other page, last write'
  const samples = (pick: (write: SavedCacheWrite) => number) => runs.map(pick)
  return [
    {
      name: 'saved-cache-globex-kb',
      value: median(samples((write) => write.bytes / 1_000)),
      unit: 'kB',
      samples: samples((write) => write.bytes / 1_000),
      note,
    },
    {
      name: 'saved-cache-globex-serialize-ms',
      value: median(samples((write) => write.serializeMs)),
      unit: 'ms',
      samples: samples((write) => write.serializeMs),
    },
    {
      name: 'saved-cache-globex-store-ms',
      value: median(samples((write) => write.storeMs)),
      unit: 'ms',
      samples: samples((write) => write.storeMs),
    },
    {
      name: 'saved-cache-globex-write-ms',
      value: median(samples((write) => write.serializeMs + write.storeMs)),
      unit: 'ms',
      samples: samples((write) => write.serializeMs + write.storeMs),
      note: 'serialize + store',
    },
  ]
}
