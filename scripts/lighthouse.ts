/**
 * `npm run lighthouse`: Lighthouse 12 (desktop preset: this is an admin console) on the main pages
 * of the production build, served by the gateway in simulated mode (gateway/node/sim-main.ts, in a
 * child process), with Zuora healthy and down (audited once the gateway has found it down). Each
 * page is audited `--runs` times (default 3); the origin's storage (localStorage included) and the
 * HTTP cache are cleared before each run, so every run is a first visit (nothing saved, the breaker
 * closed); every request carries the owner's session cookie, so the API answers signed in.
 *
 * Prints one `lh-<scenario>-<page>-<category> <median score 0-100>` line per figure and one
 * `lh-<scenario>-<page>-cls <median cumulative layout shift>` line per page, then a table with the
 * runs, the median LCP / TBT / CLS, the audits that did not pass and the elements that shifted.
 *
 *   --runs <n>    runs per page and scenario (default 3)
 *   --no-build    use the build already in dist/
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import lighthouse, { desktopConfig, type Result } from 'lighthouse'
import { build } from 'vite'
import type { ScenarioName } from '../mocks/scenarios/names'
import playwrightConfig from '../playwright.config'
import { median } from './bench/stats'
import { startGatewaySimProcess } from './gateway-sim/child-process'
import { demoSessionCookie, untilComputed } from './gateway-sim/control'

/** Every main page of the navigation. */
const pages = [
  { slug: 'subscription', path: '/' },
  { slug: 'plans', path: '/plans' },
  { slug: 'cart', path: '/cart' },
  { slug: 'invoices', path: '/invoices' },
  { slug: 'payment-method', path: '/payment-method' },
  { slug: 'billing-details', path: '/billing-details' },
  { slug: 'status', path: '/status' },
] as const
const scenarios: readonly ScenarioName[] = ['healthy', 'provider-down']
const categories = ['performance', 'accessibility', 'best-practices'] as const
/** Lighthouse's default list plus the storage this app uses, so that every run is a first visit. */
const clearStorageTypes = [
  'file_systems',
  'shader_cache',
  'service_workers',
  'cache_storage',
  'local_storage',
  'indexeddb',
] as const

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'no-build': { type: 'boolean', default: false } },
  strict: true,
})
const runs = Math.max(1, Number(values.runs))
const startedAt = Date.now()
const progress = (message: string) =>
  process.stderr.write(`[lighthouse ${Math.round((Date.now() - startedAt) / 1000)} s] ${message}\n`)

if (!values['no-build']) {
  progress('building production (dist/)')
  await build({ mode: 'production', logLevel: 'warn' })
}

type Row = {
  name: string
  scores: number[]
  lcp: number[]
  tbt: number[]
  cls: number[]
  failed: Set<string>
}
const rows: Row[] = []
const errored = new Set<string>()
/** Per page and scenario, the elements Lighthouse blamed for a layout shift, with their largest score. */
const shifted = new Map<string, Map<string, number>>()

const server = await startGatewaySimProcess('dist', 'lighthouse')
const chromium = await launchChromium()
try {
  for (const scenario of scenarios) {
    await server.reset()
    const cookie = await demoSessionCookie(server.url)
    await server.setScenario(scenario)
    if (scenario === 'provider-down') await untilComputed(server, 'down')
    for (const page of pages) {
      const perCategory = new Map(categories.map((category) => [category, [] as number[]]))
      const metrics = { lcp: [] as number[], tbt: [] as number[], cls: [] as number[] }
      const failed = new Set<string>()
      for (let run = 0; run < runs; run += 1) {
        progress(`${scenario} ${page.path}: run ${run + 1} of ${runs}`)
        const lhr = await audit(`${server.url}${page.path}`, chromium.port, cookie)
        for (const category of categories) {
          const score = lhr.categories[category]?.score
          if (score === null || score === undefined)
            throw new Error(`${page.path}: no ${category} score (${lhr.runtimeError?.message ?? 'unknown'})`)
          perCategory.get(category)!.push(Math.round(score * 100))
        }
        metrics.lcp.push(lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN)
        metrics.tbt.push(lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN)
        metrics.cls.push(lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN)
        for (const id of failedAudits(lhr)) failed.add(id)
        for (const id of erroredAudits(lhr)) errored.add(id)
        const pageShifts = shifted.get(`${scenario} ${page.path}`) ?? new Map<string, number>()
        for (const [element, score] of shiftedElements(lhr))
          pageShifts.set(element, Math.max(score, pageShifts.get(element) ?? 0))
        if (pageShifts.size > 0) shifted.set(`${scenario} ${page.path}`, pageShifts)
      }
      for (const category of categories) {
        const row = {
          name: `lh-${scenario}-${page.slug}-${category}`,
          scores: perCategory.get(category)!,
          ...metrics,
          failed,
        }
        rows.push(row)
        console.log(`${row.name} ${median(row.scores)}`)
      }
      console.log(`lh-${scenario}-${page.slug}-cls ${median(metrics.cls).toFixed(3)}`)
    }
  }
} finally {
  await chromium.stop()
  await server.stop()
}

console.log('')
printTable()
if (shifted.size > 0) {
  console.log('\nElements that shifted (the largest of each shift, its score):')
  for (const [where, elements] of shifted) {
    for (const [element, score] of elements) console.log(`  ${where}: ${element} ${score.toFixed(3)}`)
  }
}
if (errored.size > 0) console.log(`\nAudits that errored in some run (not scored): ${[...errored].sort().join(', ')}`)
progress(`done in ${Math.round((Date.now() - startedAt) / 1000)} s`)

async function audit(url: string, port: number, cookie: string): Promise<Result> {
  const result = await lighthouse(
    url,
    // Lighthouse keeps localStorage by default: clear it too, or a breaker opened in one run (and
    // its probes' 503s in the console) would follow into the next page's run.
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...categories],
      clearStorageTypes: [...clearStorageTypes],
      // The owner's session, signed in from Node: Lighthouse's profile never goes through sign-in.
      extraHeaders: { Cookie: cookie },
    },
    desktopConfig,
  )
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
  if (result.lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${result.lhr.runtimeError.message}`)
  return result.lhr
}

/**
 * Audits Lighthouse could not run (a diagnostic may fail on a Chromium newer than it knows); the
 * category scores come from the audits that did run, so they are listed rather than hidden.
 */
function erroredAudits(lhr: Result): string[] {
  return Object.values(lhr.audits)
    .filter((result) => result.scoreDisplayMode === 'error')
    .map((result) => result.id)
}

/** What the `layout-shifts` audit names for each shift: the element that moved most, and the shift's score. */
function shiftedElements(lhr: Result): [string, number][] {
  const details = lhr.audits['layout-shifts']?.details
  if (details?.type !== 'table') return []
  return details.items.map((item) => {
    const node = item.node as { selector?: string } | undefined
    return [node?.selector ?? '(no element)', Number(item.score ?? 0)]
  })
}

/** Accessibility and best-practices audits that count and did not fully pass, by id. */
function failedAudits(lhr: Result): string[] {
  const ids = ['accessibility', 'best-practices'].flatMap(
    (category) => lhr.categories[category]?.auditRefs.map((ref) => ref.id) ?? [],
  )
  return ids.filter((id) => {
    const result = lhr.audits[id]
    return (
      result &&
      result.score !== null &&
      result.score < 1 &&
      (result.scoreDisplayMode === 'binary' || result.scoreDisplayMode === 'numeric')
    )
  })
}

function printTable(): void {
  const table = rows.map((row) => [
    row.name,
    String(median(row.scores)),
    row.scores.join(' '),
    row.name.endsWith('-performance')
      ? `LCP ${Math.round(median(row.lcp))} ms, TBT ${Math.round(median(row.tbt))} ms, CLS ${median(row.cls).toFixed(3)}`
      : row.name.endsWith('-best-practices') && row.failed.size > 0
        ? `failed: ${[...row.failed].join(', ')}`
        : '',
  ])
  const header = ['figure', 'median', 'runs', 'note']
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd()
  console.log([line(header), line(widths.map((width) => '-'.repeat(width))), ...table.map(line)].join('\n'))
}

/**
 * Debian's Chromium with the browser tests' flags (playwright.config.ts), a throwaway profile and
 * a DevTools port for Lighthouse.
 */
async function launchChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'billing-lighthouse-'))
  const child: ChildProcess = spawn(
    process.env.CHROME_PATH ?? '/usr/bin/chromium',
    [
      ...(playwrightConfig.use?.launchOptions?.args ?? []),
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      '--no-default-browser-check',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Chromium did not open its DevTools port within 30 s')), 30_000)
    createInterface({ input: child.stderr! }).on('line', (line) => {
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(line)
      if (!match?.[1]) return
      clearTimeout(timer)
      resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before opening its DevTools port`)))
  })
  return {
    port,
    stop: async () => {
      process.off('exit', killOnExit)
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve())
          child.kill('SIGTERM')
        })
      }
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
