/**
 * The designers' gallery as a designer opens it (issue 20): the development server running and
 * warm, the app visited once in the same browser, then /__dev/gallery at 1400 × 1000.
 *
 * - `gallery-first-screen-ms`: from the gallery's navigation until every frame in the first
 *   screen shows its page (its h1, in the animation frame that paints it);
 * - `gallery-scrolled-frame-ms`: one screen down, DWELL_MS after the first screen showed (a glance at
 *   it), from the scroll until the first frame that came into view shows its page (0 when it
 *   already did); `gallery-scrolled-screen-ms`: until every one of them does;
 * - `gallery-far-frame-ms`, `gallery-far-screen-ms`: then a jump to the end of the gallery, far
 *   beyond the frames loaded ahead of the view, the same two times for the frames in view there
 *   (none of them can have loaded before: a frame scrolled into view cold);
 * - `gallery-first-screen-ms-load-all`: the first screen with "Load every frame now".
 *
 * Each frame reports to the gallery page itself (an init script in every frame), so the bench
 * polls one page, not dozens of frames.
 *
 * Warm means as a designer finds `npm start` after a while: the app visited once, and the bundle
 * the dev server keeps built for the gallery's frames (src/dev/gallery/frame-bundle.ts) built; the
 * time that first build took is `gallery-bundle-first-build-ms`. GALLERY_BUNDLE=off measures the
 * frames from the dev server itself.
 */
import { createServer, type ViteDevServer } from 'vite'
import type { Browser, Page } from 'playwright-core'
import { FRAME_BUNDLE_STATUS_PATH, readFrameBundleStatus } from '../../src/dev/gallery/frame-bundle'
import { medianFigure } from './measurements'
import type { Figure } from './stats'

const VIEWPORT = { width: 1400, height: 1000 }
/** The dev server's port; GALLERY_BENCH_PORT (then that port or none) lets two checkouts measure on one machine. */
const chosenPort = process.env.GALLERY_BENCH_PORT
const CAP_MS = 40_000
/** How long the designer looks at the first screen before scrolling. */
const DWELL_MS = 2_000

/** In every frame (not the gallery itself): the time its page's h1 is first painted, on the gallery's window. */
const frameProbe = `(() => {
  if (window === window.top) return
  let done = false
  const check = () => {
    if (done || document.querySelector('main h1') === null) return
    done = true
    requestAnimationFrame(() => {
      const gallery = window.parent
      gallery.__galleryShown = gallery.__galleryShown || {}
      gallery.__galleryShown[window.frameElement ? window.frameElement.title : location.href] = Date.now()
    })
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true })
})()`

/** The captions of the frames whose box is on screen now. */
const framesInView = (page: Page): Promise<string[]> =>
  page.$$eval('.gallery-frame', (figures) =>
    figures.flatMap((figure) => {
      const box = figure.querySelector('.gallery-viewport')?.getBoundingClientRect()
      const onScreen = box && box.top < innerHeight && box.bottom > 0 && box.left < innerWidth && box.right > 0
      return onScreen ? [(figure.querySelector('h3')?.textContent ?? '').trim()] : []
    }),
  )

const shownAt = async (page: Page): Promise<Record<string, number>> =>
  page.evaluate(() => (window as unknown as { __galleryShown?: Record<string, number> }).__galleryShown ?? {})

/**
 * What each of `labels` shows, for a frame that never showed its page: its iframe's
 * `gallery-frame:<step>` marks (where its start stopped; `failed`: it said it could not start) and
 * the start of its text, or the gallery's own text in its place (waiting, or "could not start").
 */
const describeFrames = (page: Page, labels: readonly string[]): Promise<string[]> =>
  page.evaluate(
    (labels) =>
      labels.map((label) => {
        const figure = [...document.querySelectorAll('.gallery-frame')].find(
          (each) => each.querySelector('h3')?.textContent?.trim() === label,
        )
        const frame = figure?.querySelector('iframe')
        if (!frame) return `${label} (no iframe: ${figure?.querySelector('.gallery-viewport')?.textContent ?? ''})`
        try {
          const inside = frame.contentWindow as (Window & typeof globalThis) | null
          const marks = inside?.performance
            .getEntriesByType('mark')
            .map((mark) => `${mark.name.replace('gallery-frame:', '')}@${Math.round(mark.startTime)}`)
          const text = (inside?.document.body?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 80)
          return `${label} (marks ${marks?.join(' ') || 'none'}; text "${text}")`
        } catch {
          return `${label} (unreadable)`
        }
      }),
    labels,
  )

/** Ms from `since` until each of `labels` showed its page (capped at CAP_MS). */
async function waitShown(page: Page, labels: readonly string[], since: number): Promise<number[]> {
  for (;;) {
    const shown = await shownAt(page)
    const missing = labels.filter((label) => shown[label] === undefined)
    if (missing.length > 0 && Date.now() - since > CAP_MS)
      console.error(`gallery: not shown in time: ${(await describeFrames(page, missing)).join('; ')}`)
    if (missing.length === 0 || Date.now() - since > CAP_MS)
      return labels.map((label) => Math.max(0, (shown[label] ?? since + CAP_MS) - since))
    await page.waitForTimeout(50)
  }
}

/** How long a first build of the gallery's bundle may take on a loaded machine. */
const BUNDLE_CAP_MS = 240_000

/** Waits for the dev server's gallery bundle: the time its first build took, or null when it has none. */
async function waitForBundle(base: string): Promise<number | null> {
  const since = Date.now()
  for (;;) {
    const response = await fetch(`${base}${FRAME_BUNDLE_STATUS_PATH}`)
    // A dev server without the bundle answers with the app's page: no status.
    const status = readFrameBundleStatus(response.ok ? await response.json().catch(() => null) : null)
    if (status?.state === 'ready') return status.buildMs
    if (!status || status.state === 'off' || status.state === 'failed') return null
    if (Date.now() - since > BUNDLE_CAP_MS) throw new Error('The gallery bundle did not build within 4 minutes')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

async function oneVisit(browser: Browser, base: string, query: string) {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'allow' })
  try {
    await context.addInitScript(frameProbe)
    const page = await context.newPage()
    // The app once first: the service worker installed, the browser's cache as a designer's.
    await page.goto(`${base}/sign-in`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    const openedAt = Date.now()
    await page.goto(`${base}/__dev/gallery${query}`)
    await page.locator('.gallery-frame').first().waitFor()
    const first = await framesInView(page)
    const firstScreen = Math.max(...(await waitShown(page, first, openedAt)))
    await page.waitForTimeout(DWELL_MS)
    await page.mouse.wheel(0, VIEWPORT.height)
    const scrolledAt = Date.now()
    await page.waitForTimeout(100)
    const scrolledIn = (await framesInView(page)).filter((label) => !first.includes(label))
    const scrolled = await waitShown(page, scrolledIn, scrolledAt)
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    const jumpedAt = Date.now()
    await page.waitForTimeout(100)
    const farIn = (await framesInView(page)).filter((label) => !first.includes(label) && !scrolledIn.includes(label))
    const far = await waitShown(page, farIn, jumpedAt)
    return {
      firstScreen,
      scrolledFrame: Math.min(...scrolled),
      scrolledScreen: Math.max(...scrolled),
      farFrame: Math.min(...far),
      farScreen: Math.max(...far),
    }
  } finally {
    await context.close()
  }
}

export async function galleryBench(
  options: { browser: Browser; runs: number; progress: (message: string) => void },
  push: (...figures: Figure[]) => void,
): Promise<void> {
  const { browser, runs, progress } = options
  const server: ViteDevServer = await createServer({
    server: { host: '127.0.0.1', port: Number(chosenPort ?? 5197), strictPort: chosenPort !== undefined },
    logLevel: 'warn',
  })
  await server.listen()
  const base = (server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5197/').replace(/\/$/, '')
  try {
    progress(`gallery: warming the development server at ${base}`)
    await oneVisit(browser, base, '')
    const bundleBuildMs = await waitForBundle(base)
    progress(
      bundleBuildMs === null
        ? 'gallery: no bundle on this dev server, frames from the dev server'
        : `gallery: frames from the dev server's bundle (first build ${bundleBuildMs} ms)`,
    )
    const firstScreen: number[] = []
    const scrolledFrame: number[] = []
    const scrolledScreen: number[] = []
    const farFrame: number[] = []
    const farScreen: number[] = []
    const loadAll: number[] = []
    for (let run = 0; run < runs; run++) {
      progress(`gallery: run ${run + 1} of ${runs}`)
      const visit = await oneVisit(browser, base, '')
      firstScreen.push(visit.firstScreen)
      scrolledFrame.push(visit.scrolledFrame)
      scrolledScreen.push(visit.scrolledScreen)
      farFrame.push(visit.farFrame)
      farScreen.push(visit.farScreen)
      loadAll.push((await oneVisit(browser, base, '?load=all')).firstScreen)
    }
    push(
      { ...medianFigure('gallery-first-screen-ms', firstScreen), target: '≤ 3000' },
      { ...medianFigure('gallery-scrolled-frame-ms', scrolledFrame), target: '≤ 2000' },
      { ...medianFigure('gallery-scrolled-screen-ms', scrolledScreen), target: '≤ 2000 (every frame)' },
      { ...medianFigure('gallery-far-frame-ms', farFrame), target: '≤ 2000' },
      { ...medianFigure('gallery-far-screen-ms', farScreen), target: '≤ 2000 (every frame)' },
      medianFigure('gallery-first-screen-ms-load-all', loadAll),
      ...(bundleBuildMs === null ? [] : [medianFigure('gallery-bundle-first-build-ms', [bundleBuildMs])]),
    )
  } finally {
    await server.close()
  }
}
