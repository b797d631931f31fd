/**
 * `npm run bench:in-page`: the detection matrix on the dev server (the host `npm start` runs), with
 * the billing gateway inside MSW as the page's backend (record 031): the report the pages obey is
 * computed by the gateway in the page from what the simulated Zuora does.
 *
 * Each run is one new browser profile (a new admin): signed in on the gateway, browsing between
 * Subscription and Plans every BROWSE_EVERY_MS (detection-expectations.ts), never a reload. After
 * WARM_MS the scenario is switched at run time the way QA's second tab switches it: another page of
 * the same browser writes the choice to localStorage, and the admin's tab follows. The figure is the
 * time from that write to the first frame showing the right state (RIGHT_STATE). Each scenario runs
 * with the gateway's report prompt and withheld (statusDelayMs longer than the run: the browser's
 * own breakers must find the fault). healthy: whether anything but `operational` showed.
 *
 *   npm run bench:in-page [-- --scenarios provider-down,provider-slow --runs 3]
 *
 * Prints one `name value` line per figure, then a table. Loopback only; about 1 min per cell.
 */
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { isScenarioName, scenarioNames, type ScenarioName } from '../mocks/scenarios/names'
import { newAdminContext, type AdminRecord } from './bench/admin'
import { CAP_MS, launchBrowser } from './bench/browser'
import {
  BROWSE_EVERY_MS,
  isRight,
  RIGHT_STATE,
  STATUS_DELAY_MS,
  WARM_MS,
  type ReportMode,
} from './bench/detection-expectations'
import { detectedFaults } from './bench/gateway-sim'
import { median, textTable } from './bench/stats'
import { freePort } from './serve-nginx'

const { values } = parseArgs({ options: { scenarios: { type: 'string' }, runs: { type: 'string' } } })
const wanted = (values.scenarios?.split(',') ?? ['healthy', ...detectedFaults]).map((name) => name.trim())
const unknown = wanted.filter((name) => !isScenarioName(name))
if (unknown.length > 0) {
  console.error(`Unknown scenario ${unknown.join(', ')}. One of: ${scenarioNames.join(', ')}`)
  process.exit(2)
}
const scenarios = wanted as ScenarioName[]
const runs = Math.max(1, Number(values.runs ?? 1) || 1)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const progress = (message: string) => process.stderr.write(`${message}\n`)

async function startDevServer(): Promise<{ base: string; stop(): void }> {
  const port = await freePort()
  const child = spawn('npx', ['vite', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
    // No gallery here: its bundle's builds would take a core from the pages being timed.
    env: { ...process.env, GALLERY_BUNDLE: 'off' },
  })
  const base = `http://127.0.0.1:${port}`
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(250)) {
    const up = await fetch(base).then(
      (answer) => answer.ok,
      () => false,
    )
    if (up) return { base, stop: () => process.kill(-(child.pid ?? 0), 'SIGTERM') }
  }
  process.kill(-(child.pid ?? 0), 'SIGTERM')
  throw new Error('The dev server did not answer in 60 s')
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Work email').fill('owner@acme.test')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Change seats' }).waitFor({ timeout: 60_000 })
}

const record = (page: Page) => page.evaluate(() => (window as unknown as { __benchAdmin: AdminRecord }).__benchAdmin)

async function browseOnce(page: Page, step: number): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Billing' })
  await nav
    .getByRole('link', { name: step % 2 === 0 ? 'Plans and add-ons' : 'Subscription' })
    .click({ timeout: 2_000 })
    .catch(() => undefined)
}

type Cell = { scenario: ScenarioName; mode: ReportMode; ms: (number | null)[]; wrong: string[] }

async function runOnce(
  base: string,
  scenario: ScenarioName,
  mode: ReportMode,
): Promise<{ ms: number | null; wrong: string | null }> {
  const browser = await launchBrowser()
  try {
    const context = await newAdminContext(browser, base, 'bench-in-page', { signIn: false })
    const admin = await context.newPage()
    await signIn(admin)
    let step = 0
    for (const until = Date.now() + WARM_MS; Date.now() < until; await sleep(BROWSE_EVERY_MS))
      await browseOnce(admin, step++)
    // QA's second tab: a page of the same origin with no app in it writes the choice.
    const control = await context.newPage()
    await control.goto('/mockServiceWorker.js')
    const switchedAt = Date.now()
    await control.evaluate(
      ({ name, statusDelayMs }) =>
        localStorage.setItem(
          'billing-scenario',
          JSON.stringify({
            version: 1,
            name,
            options: statusDelayMs ? { statusDelayMs } : {},
            startedAt: Date.now(),
            stepApplied: -1,
          }),
        ),
      { name: scenario, statusDelayMs: mode === 'withheld' ? STATUS_DELAY_MS : 0 },
    )
    const expected = RIGHT_STATE[scenario]
    const cap = scenario === 'healthy' ? 30_000 : CAP_MS
    for (let next = Date.now(); Date.now() - switchedAt < cap;) {
      const { changes } = await record(admin)
      const after = changes.filter((change) => change.at >= switchedAt)
      if (scenario === 'healthy') {
        const alarm = after.find((change) => change.status !== 'operational')
        if (alarm) return { ms: alarm.at - switchedAt, wrong: `${alarm.status} (${alarm.source ?? 'no source'})` }
      } else {
        const right = after.find((change) => isRight(change, expected))
        if (right) return { ms: right.at - switchedAt, wrong: null }
      }
      if (Date.now() >= next) {
        await browseOnce(admin, step++)
        next += BROWSE_EVERY_MS
      }
      await sleep(250)
    }
    return { ms: null, wrong: scenario === 'healthy' ? null : 'not reached' }
  } finally {
    await browser.close()
  }
}

const server = await startDevServer()
try {
  // The dev server compiles the app on its first visit: once, before anything is timed.
  progress('warming the dev server')
  await runOnce(server.base, 'healthy', 'prompt').catch(() => undefined)
  const cells: Cell[] = []
  for (const scenario of scenarios) {
    for (const mode of scenario === 'healthy' ? (['prompt'] as const) : (['prompt', 'withheld'] as const)) {
      const cell: Cell = { scenario, mode, ms: [], wrong: [] }
      for (let run = 0; run < runs; run += 1) {
        progress(`in-page: ${scenario}, report ${mode}, run ${run + 1} of ${runs}`)
        const result = await runOnce(server.base, scenario, mode)
        cell.ms.push(result.ms)
        if (result.wrong) cell.wrong.push(result.wrong)
      }
      cells.push(cell)
      const reached = cell.ms.filter((ms): ms is number => ms !== null)
      if (scenario === 'healthy') console.log(`in-page-false-alarm-healthy ${cell.wrong.length}`)
      else
        console.log(
          `in-page-detect-${scenario}-${mode}-ms ${reached.length === cell.ms.length ? Math.round(median(reached)) : `>${CAP_MS}`}`,
        )
    }
  }
  console.log()
  console.log(
    textTable(
      ['scenario', 'report', 'right state', 'switch → right state (median)', 'runs', 'notes'],
      cells.map((cell) => {
        const reached = cell.ms.filter((ms): ms is number => ms !== null)
        return [
          cell.scenario,
          cell.mode,
          RIGHT_STATE[cell.scenario].status,
          cell.scenario === 'healthy'
            ? `${cell.wrong.length} false alarm(s)`
            : reached.length > 0
              ? `${(median(reached) / 1000).toFixed(1)} s`
              : 'not reached',
          String(cell.ms.length),
          [...new Set(cell.wrong)].join('; '),
        ]
      }),
    ),
  )
} finally {
  server.stop()
}
