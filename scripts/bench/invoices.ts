/**
 * The 10,000-invoice account (Globex), on the paged, server-filtered list. Each run opens a fresh
 * browser context (nothing saved), so every figure is a first visit's:
 *
 * - `invoices-10k-first-page-ms`: navigation start to the first frame that shows "Showing 100 of
 *   10,000 invoices" (app start, who-am-I, the first page's request and its rows).
 * - `invoices-10k-filter-ms`: a search typed at once (one input event, as a paste: `GLBX-00999`,
 *   10 matches) to the first frame with the new count and the list no longer busy: the app's 300 ms
 *   typing pause, the server's answer and the render. `invoices-10k-clear-filter-ms`: the same back
 *   to all (the first page is in memory). `invoices-10k-status-filter-ms`: Status set to Past due.
 * - `invoices-10k-scroll-10-pages-ms`: from the first page, the list's box scrolled to its bottom
 *   every frame until 1,000 rows are loaded (9 more pages asked for by the infinite scroll), and
 *   `invoices-10k-scroll-longest-frame-ms`, the longest gap between two frames meanwhile.
 * - `invoices-answer-max-kb`: the largest `GET /invoices` answer the app received in all runs;
 *   `invoices-largest-page-kb`: the largest page the API allows (limit=500), asked for directly.
 */
import type { Browser, Page } from 'playwright-core'
import { CAP_MS, newBenchContext } from './browser'
import type { BenchSettings } from './measurements'
import { medianFigure } from './measurements'
import type { GatewaySimProcess } from '../gateway-sim/child-process'
import { median, type Figure } from './stats'

const SCROLL_PAGES = 10
const PAGE_ROWS = 100
const isListAnswer = (url: string) => new URL(url).pathname.endsWith('/api/invoices')

/** Ms since navigation start of the first frame whose invoice count reads `summary`. */
async function summaryShown(page: Page, summary: string): Promise<number> {
  const handle = await page.waitForFunction(
    (wanted) => (document.querySelector('.invoice-summary p')?.textContent === wanted ? performance.now() : false),
    summary,
    { timeout: CAP_MS, polling: 'raf' },
  )
  return Math.round((await handle.jsonValue()) as number)
}

export async function invoicePaging(
  browser: Browser,
  server: GatewaySimProcess,
  settings: BenchSettings,
): Promise<Figure[]> {
  await server.reset()
  const samples = {
    first: [] as number[],
    filter: [] as number[],
    clear: [] as number[],
    status: [] as number[],
    scroll: [] as number[],
    frame: [] as number[],
  }
  const answerBytes: number[] = []
  let firstAnswerBytes = 0
  let largestPageBytes = 0
  let shown = ''

  for (let run = 0; run < settings.runs; run += 1) {
    settings.progress(`production: 10,000 invoices, run ${run + 1} of ${settings.runs}`)
    const context = await newBenchContext(browser, server.url, 'invoices')
    // The profile's session (newBenchContext signed it in on Acme), switched: every page is on Globex.
    const switched = await context.request.put('/api/session/account', { data: { accountId: 'acc_globex' } })
    if (!switched.ok()) throw new Error(`Could not switch to Globex: ${switched.status()}`)
    const page = await context.newPage()
    page.on('response', (response) => {
      if (!isListAnswer(response.url())) return
      response.body().then(
        (body) => answerBytes.push(body.byteLength),
        () => undefined, // a page closed before its body was read
      )
    })

    const firstAnswer = page.waitForResponse((response) => isListAnswer(response.url()), { timeout: CAP_MS })
    await page.goto('/invoices', { waitUntil: 'commit' })
    samples.first.push(await summaryShown(page, 'Showing 100 of 10,000 invoices'))
    firstAnswerBytes = (await (await firstAnswer).body()).byteLength

    const search = page.getByRole('searchbox', { name: 'Search' })
    const filtered = await timeChange(page, () => search.fill('GLBX-00999'))
    samples.filter.push(filtered.ms)
    shown = filtered.summary
    samples.clear.push((await timeChange(page, () => search.fill(''))).ms)
    const status = page.getByRole('combobox', { name: 'Status' })
    samples.status.push((await timeChange(page, () => status.selectOption('past_due'))).ms)
    await status.selectOption('all')
    await summaryShown(page, 'Showing 100 of 10,000 invoices')

    const scrolled = await page.evaluate<{ ms: number; longestFrameMs: number }>(
      scrollUntil(`Showing ${(SCROLL_PAGES * PAGE_ROWS).toLocaleString('en')} of 10,000 invoices`, CAP_MS),
    )
    samples.scroll.push(scrolled.ms)
    samples.frame.push(scrolled.longestFrameMs)

    if (run === 0) {
      const largest = await context.request.get('/api/invoices?limit=500')
      largestPageBytes = (await largest.body()).byteLength
    }
    await context.close()
  }
  await server.reset()

  const kB = (bytes: number) => bytes / 1024
  return [
    medianFigure('invoices-10k-first-page-ms', samples.first, 'first visit, nothing saved'),
    medianFigure('invoices-10k-filter-ms', samples.filter, `${shown}; includes the 300 ms typing pause`),
    medianFigure('invoices-10k-clear-filter-ms', samples.clear),
    medianFigure('invoices-10k-status-filter-ms', samples.status),
    medianFigure(
      `invoices-10k-scroll-${SCROLL_PAGES}-pages-ms`,
      samples.scroll,
      `${(SCROLL_PAGES * PAGE_ROWS).toLocaleString('en')} rows loaded by scrolling`,
    ),
    medianFigure(
      'invoices-10k-scroll-longest-frame-ms',
      samples.frame,
      'longest gap between two frames while scrolling',
    ),
    {
      name: 'invoices-answer-max-kb',
      value: kB(Math.max(0, ...answerBytes)),
      unit: 'kB',
      note: `largest of ${answerBytes.length} list answers (median ${kB(median(answerBytes)).toFixed(1)} kB)`,
    },
    { name: 'invoices-first-page-answer-kb', value: kB(firstAnswerBytes), unit: 'kB', note: `${PAGE_ROWS} rows` },
    {
      name: 'invoices-largest-page-kb',
      value: kB(largestPageBytes),
      unit: 'kB',
      note: 'limit=500, the most the API allows',
    },
  ]
}

/** Runs `act` with a page-side timer armed first; the ms from its input event to the settled count. */
async function timeChange(page: Page, act: () => Promise<unknown>): Promise<{ ms: number; summary: string }> {
  // Armed (listener in place) before the input, then awaited.
  await page.evaluate(`window.__benchFilter = ${armSummaryChange(CAP_MS)}; undefined`)
  await act()
  return page.evaluate<{ ms: number; summary: string }>('window.__benchFilter')
}

/**
 * In the page: resolves at the first animation frame after the next input event in which the
 * invoice count text has changed and the list is no longer marked busy, with the ms since that
 * input event. A string, not a function: tsx's helpers (`__name`) do not exist in the page.
 */
const armSummaryChange = (capMs: number) => `new Promise((resolve, reject) => {
  const read = () => document.querySelector('.invoice-summary p')?.textContent ?? ''
  const before = read()
  let start = null
  document.addEventListener('input', () => { start = performance.now() }, { capture: true, once: true })
  const giveUp = setTimeout(() => reject(new Error('The invoice list did not update within ${capMs} ms')), ${capMs})
  const tick = () => {
    const summary = read()
    if (start !== null && summary !== before && !document.querySelector('.invoice-results[aria-busy="true"]')) {
      clearTimeout(giveUp)
      resolve({ ms: performance.now() - start, summary })
      return
    }
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})`

/** In the page: scrolls the list's box to its bottom every frame until the count reads `target`. */
const scrollUntil = (target: string, capMs: number) => `new Promise((resolve, reject) => {
  const box = document.querySelector('.invoice-scroll')
  const read = () => document.querySelector('.invoice-summary p')?.textContent ?? ''
  const start = performance.now()
  let last = start
  let longest = 0
  const giveUp = setTimeout(() => reject(new Error('The list did not reach ${JSON.stringify(target).slice(1, -1)} within ${capMs} ms')), ${capMs})
  const tick = (now) => {
    longest = Math.max(longest, now - last)
    last = now
    if (read() === ${JSON.stringify(target)}) {
      clearTimeout(giveUp)
      resolve({ ms: performance.now() - start, longestFrameMs: longest })
      return
    }
    box.scrollTop = box.scrollHeight
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})`
