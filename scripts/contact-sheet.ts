/**
 * `npm run contact-sheet`: screenshots of every main page in every gallery state
 * (src/dev/gallery/gallery-states.ts) at 1280 and 390 px wide, for designers to review at a glance.
 * Builds the demo build (the app on the simulated backend, in the browser's MSW worker), serves it
 * with `vite preview`, opens each gallery frame full size in Debian's Chromium, and writes PNGs (full
 * page) plus an index.html with them in a grid into contact-sheet/ (ignored by git).
 *
 *   --locale <en|pt-BR|all>   the app's language (default en; all: both)
 *   --concurrency <n>         pages open at once (default 3)
 *   --no-build                reuse the demo build already in dist-demo/
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Browser } from 'playwright-core'
import { build, preview } from 'vite'
import {
  galleryFrameUrl,
  galleryPages,
  galleryStates,
  type GalleryPage,
  type GalleryState,
} from '../src/dev/gallery/gallery-states'
import playwrightConfig from '../playwright.config'
import { contactSheetHtml, type Shot } from './contact-sheet/index-html'

const outDir = 'contact-sheet'
const widths = [1280, 390] as const
/** A page is photographed once it has settled: its heading shown, then this long for late sections. */
const settleMs = 1_500
/** States that pass on their own ("recovering") need longer to reach what they show. */
const passingStateWaitMs = 15_000

const { values } = parseArgs({
  options: {
    locale: { type: 'string', default: 'en' },
    concurrency: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
  },
  strict: true,
})
const locales = values.locale === 'all' ? ['en', 'pt-BR'] : [values.locale]
if (!locales.every((locale) => locale === 'en' || locale === 'pt-BR'))
  throw new Error(`--locale: en, pt-BR or all, not ${values.locale}`)
const concurrency = Math.max(1, Number(values.concurrency))
const startedAt = Date.now()
const progress = (message: string) =>
  process.stderr.write(`[contact-sheet ${Math.round((Date.now() - startedAt) / 1000)} s] ${message}\n`)

if (!values['no-build']) {
  progress('building the demo build (dist-demo/)')
  await build({ mode: 'demo', logLevel: 'warn' })
}
const server = await preview({ mode: 'demo', logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } })
const baseUrl = server.resolvedUrls?.local[0]
if (!baseUrl) throw new Error('vite preview did not say where it listens')

rmSync(outDir, { recursive: true, force: true })
type Job = { page: GalleryPage; state: GalleryState; width: number; locale: string }
const jobs: Job[] = locales.flatMap((locale) =>
  galleryStates.flatMap((state) =>
    galleryPages.flatMap((page) => widths.map((width) => ({ page, state, width, locale }))),
  ),
)
const shots: Shot[] = []
const failures: string[] = []

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: playwrightConfig.use?.launchOptions?.args ?? [],
})
try {
  let next = 0
  const worker = async () => {
    for (let index = next++; index < jobs.length; index = next++) {
      const job = jobs[index]!
      try {
        shots.push(await photograph(browser, job))
      } catch (error) {
        failures.push(
          `${job.page.id} ${job.state.id} ${job.width} ${job.locale}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        )
      }
      if ((index + 1) % 10 === 0) progress(`${index + 1} of ${jobs.length}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
} finally {
  await browser.close()
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()))
}

// In the order of the gallery (workers finish out of order).
const order = (shot: Shot) => jobs.findIndex((job) => shotFile(job) === shot.file)
shots.sort((a, b) => order(a) - order(b))
writeFileSync(join(outDir, 'index.html'), contactSheetHtml(shots, new Date()))
for (const failure of failures) console.log(`failed: ${failure}`)
console.log(`contact sheet: ${shots.length} screenshots of ${jobs.length} in ${outDir}/ (open ${outDir}/index.html)`)
progress('done')
if (failures.length > 0) process.exitCode = 1

function shotFile({ page, state, width, locale }: Job): string {
  return `${locale}/${width}/${page.id}--${state.id}.png`
}

/** One frame of the gallery, full size, in a fresh browser context (its own storage and worker). */
async function photograph(browser: Browser, job: Job): Promise<Shot> {
  const context = await browser.newContext({
    viewport: { width: job.width, height: job.width > 600 ? 800 : 844 },
    locale: job.locale,
    serviceWorkers: 'allow',
  })
  try {
    const tab = await context.newPage()
    await tab.goto(galleryFrameUrl(baseUrl!, job.page, job.state))
    await tab.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 20_000 })
    if (job.state.passes) {
      await tab
        .locator('.banner-slot[data-availability-status="recovering"]')
        .waitFor({ timeout: passingStateWaitMs })
        .catch(() => undefined)
    }
    await tab.waitForTimeout(settleMs)
    const file = shotFile(job)
    mkdirSync(join(outDir, job.locale, String(job.width)), { recursive: true })
    await tab.screenshot({ path: join(outDir, file), fullPage: true })
    return {
      file,
      stateName: job.state.name,
      stateDescription: job.state.description,
      pageName: job.page.name,
      width: job.width,
      locale: job.locale,
    }
  } finally {
    await context.close()
  }
}
