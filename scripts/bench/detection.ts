/**
 * `--only detection`: how soon the app shows the right availability state once the provider
 * fails, for every scenario of mocks/scenarios/registry.ts, and how often it pauses edits for
 * nothing. Each run is one new browser profile (a new admin) on the production build:
 *
 * 1. The server is reset (healthy, seed data, the owner `owner@acme.test` signed in on Acme: the
 *    simulated session is the server's, as in the other measurements); the admin opens `/` and
 *    waits for the content.
 * 2. The admin browses: every BROWSE_EVERY_MS, on a fixed schedule from the moment the content
 *    showed, a click on the other page's link in the Billing navigation (Plans, Subscription,
 *    Plans...). Never a reload, never a pause past a stale time.
 * 3. After WARM_MS of healthy browsing (2 s after the second click, 2 s before the third), the
 *    scenario is switched at run time through `POST /__control/scenario` (no reload). The switch
 *    time is Date.now() taken just before that request.
 * 4. The admin keeps browsing until the right state shows, or for CAP_MS.
 *
 * Each scenario runs with the vendor's status report prompt and with it withheld: the scenario
 * option `statusDelayMs` (the report keeps saying `operational` that long after the fault starts)
 * set to STATUS_DELAY_MS, longer than any measurement. A server that does not know the option
 * drops it; the figure's note then says the report was NOT withheld.
 */
import type { Browser } from 'playwright-core'
import type { ScenarioName } from '../../mocks/scenarios/registry'
import { startMockServerProcess, type MockServerProcess } from '../mock-server/child-process'
import { adminRecord, browse, describeState, newAdminContext, stateAt, type ShownState, type StateChange } from './admin'
import { CAP_MS, visitUntil } from './browser'
import { median, textTable, type Figure } from './stats'

export type DetectionSettings = {
  /** Runs per cell (medians when more than one). */
  runs: number
  scenarios: readonly ScenarioName[]
  /** How long each false-alarm run browses after the switch; 0 skips them. */
  falseAlarmSeconds: number
  /** The build to serve from the extra server that runs the second false-alarm run alongside. */
  root: string
  progress: (message: string) => void
}

export type ReportMode = 'prompt' | 'withheld'

type Expected = { status: 'operational' | 'degraded' | 'maintenance'; source?: string }

/**
 * The right state per scenario, once the app has noticed the fault (why:
 * docs/decisions/011-how-failures-are-weighed.md, 014-slow-unreliable-notice-never-pauses.md):
 * - edits paused (`maintenance`, any source but for the operators' own flag, which must say
 *   `operators`): the provider cannot take changes: down, hanging, rate-limited, answering what the
 *   schema refuses, the vendor's own API down with it, the failing step of outage-then-recovery;
 * - a degraded notice (`degraded`): the provider works, badly (slow, flaky, the incident's cache
 *   layer), or only one capability is down (partial-*), so edits are still possible;
 * - nothing (`operational` the whole time): healthy.
 */
export const RIGHT_STATE: Record<ScenarioName, Expected> = {
  healthy: { status: 'operational' },
  'provider-down': { status: 'maintenance' },
  'provider-hang': { status: 'maintenance' },
  'provider-slow': { status: 'degraded' },
  'provider-flaky': { status: 'degraded' },
  'cache-layer-failure': { status: 'degraded' },
  'partial-invoices': { status: 'degraded' },
  'partial-payments': { status: 'degraded' },
  maintenance: { status: 'maintenance', source: 'operators' },
  'rate-limited': { status: 'maintenance' },
  malformed: { status: 'maintenance' },
  'own-api-down': { status: 'maintenance' },
  'outage-then-recovery': { status: 'maintenance' },
}

export const BROWSE_EVERY_MS = 4_000
const WARM_MS = 10_000
/** The report is withheld for longer than a run lasts (warm-up + cap). */
export const STATUS_DELAY_MS = 120_000
/** outage-then-recovery stays in its failing step for the whole run. */
const OUTAGE_MS = 600_000
/** The read time-out (src/config/resilience.ts, providerReadMs) plus 3 s. */
const FROM_ACTION_TARGET = '≤ 8 s (5 s time-out + 3 s)'
const POLL_MS = 250

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const isRight = (state: ShownState, expected: Expected) =>
  state.status === expected.status && (expected.source === undefined || state.source === expected.source)
const unique = (items: readonly string[]) => [...new Set(items)]
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

type Run = {
  /** Switch → the right state first shows; null: not within CAP_MS. */
  detectMs: number | null
  /** The admin's first navigation click after the switch → the right state; null: not reached. */
  fromActionMs: number | null
  /** Switch → the admin's first navigation click after it. */
  firstActionMs: number | null
  /** The right state as shown (with its source), when reached. */
  shownAs: string | null
  /** Non-operational states other than the right one, seen after the switch and before it. */
  wrongStates: string[]
  /** Non-operational states seen while the provider was still healthy. */
  beforeSwitch: string[]
  /** healthy: how many times a non-operational state showed, from the page load on. */
  nonOperational: number
  /** Whether the server put statusDelayMs in force (withheld runs only). */
  withheld: boolean | null
  contentShown: boolean
  failedClicks: number
}

/** The time the right state first shows at or after `from`, if it does. */
function firstRightAt(changes: readonly StateChange[], from: number, expected: Expected): number | undefined {
  const atSwitch = stateAt(changes, from)
  if (atSwitch && isRight(atSwitch, expected)) return from
  return changes.find((change) => change.at > from && isRight(change, expected))?.at
}

async function detectionRun(browser: Browser, server: MockServerProcess, scenario: ScenarioName, mode: ReportMode, run: number): Promise<Run> {
  const expected = RIGHT_STATE[scenario]
  await server.reset()
  const context = await newAdminContext(browser, server.url, `detect-${scenario}-${mode}-${run}`)
  try {
    const page = await context.newPage()
    const contentShown = (await visitUntil(page, 'content')) < CAP_MS
    const start = Date.now()
    const admin = browse(page, { startAt: start, everyMs: BROWSE_EVERY_MS })
    await sleep(start + WARM_MS - Date.now())

    const options: Record<string, number> = {}
    if (scenario === 'outage-then-recovery') options.outageMs = OUTAGE_MS
    if (mode === 'withheld') options.statusDelayMs = STATUS_DELAY_MS
    const switchedAt = Date.now()
    const selected = await server.selectScenario(scenario, options)

    // healthy has no right state to wait for: it is watched for the whole cap.
    const deadline = switchedAt + CAP_MS
    while (Date.now() < deadline) {
      if (scenario !== 'healthy' && firstRightAt((await adminRecord(page)).changes, switchedAt, expected) !== undefined) break
      await sleep(Math.min(POLL_MS, deadline - Date.now()))
    }
    await admin.stop()
    const { changes, clicks } = await adminRecord(page)

    const rightAt = scenario === 'healthy' ? undefined : firstRightAt(changes, switchedAt, expected)
    const reached = rightAt !== undefined && rightAt - switchedAt <= CAP_MS ? rightAt : undefined
    const firstAction = clicks.find((click) => click.at >= switchedAt)?.at
    const nonOperational = (list: readonly StateChange[]) => list.filter((change) => change.status !== 'operational')
    return {
      detectMs: reached === undefined ? null : reached - switchedAt,
      fromActionMs: reached === undefined || firstAction === undefined ? null : Math.max(0, reached - firstAction),
      firstActionMs: firstAction === undefined ? null : firstAction - switchedAt,
      shownAs: reached === undefined ? null : describeState(stateAt(changes, reached)!),
      wrongStates: unique(
        nonOperational(changes.filter((change) => change.at >= switchedAt && change.at < (reached ?? Infinity)))
          .filter((change) => !isRight(change, expected))
          .map(describeState),
      ),
      beforeSwitch: unique(nonOperational(changes.filter((change) => change.at < switchedAt)).map(describeState)),
      nonOperational: nonOperational(changes).length,
      withheld: mode === 'withheld' ? selected.options.statusDelayMs === STATUS_DELAY_MS : null,
      contentShown,
      failedClicks: admin.failedClicks(),
    }
  } finally {
    await context.close()
  }
}

export type DetectionCell = { scenario: ScenarioName; mode: ReportMode; runs: Run[] }

/** Every wanted scenario, prompt then withheld, `runs` times each; each cell's figures go to `emit` as it is done. */
export async function detectionMatrix(
  browser: Browser,
  server: MockServerProcess,
  settings: DetectionSettings,
  emit: (...figures: Figure[]) => void,
): Promise<DetectionCell[]> {
  const cells: DetectionCell[] = []
  for (const scenario of settings.scenarios) {
    for (const mode of ['prompt', 'withheld'] as const) {
      const runs: Run[] = []
      for (let run = 0; run < settings.runs; run += 1) {
        settings.progress(`detection: ${scenario}, report ${mode}, run ${run + 1} of ${settings.runs}`)
        runs.push(await detectionRun(browser, server, scenario, mode, run))
      }
      const cell: DetectionCell = { scenario, mode, runs }
      cells.push(cell)
      emit(...detectionFigures([cell]))
    }
  }
  await server.reset()
  return cells
}

const capped = (values: readonly (number | null)[]) => values.map((value) => (value === null ? CAP_MS : Math.min(CAP_MS, value)))

function notReached(values: readonly (number | null)[]): string | null {
  const missing = values.filter((value) => value === null).length
  if (missing === 0) return null
  return values.length === 1 ? `not reached (cap ${CAP_MS / 1000} s)` : `not reached in ${missing} of ${values.length} runs (cap ${CAP_MS / 1000} s)`
}

function commonNotes(cell: DetectionCell): string[] {
  const notes: string[] = []
  const shownAs = unique(cell.runs.flatMap((run) => (run.shownAs ? [run.shownAs] : [])))
  if (shownAs.length > 0) notes.push(`shown as ${shownAs.join(' / ')}`)
  const wrong = unique(cell.runs.flatMap((run) => run.wrongStates))
  if (wrong.length > 0) notes.push(`${wrong.join(', ')} seen for ${cell.scenario}`)
  const before = unique(cell.runs.flatMap((run) => run.beforeSwitch))
  if (before.length > 0) notes.push(`before the switch: ${before.join(', ')}`)
  if (cell.runs.some((run) => run.withheld === false)) notes.push('server did not take statusDelayMs: report NOT withheld')
  if (cell.runs.some((run) => !run.contentShown)) notes.push('content did not show before the switch')
  const failedClicks = cell.runs.reduce((sum, run) => sum + run.failedClicks, 0)
  if (failedClicks > 0) notes.push(`${failedClicks} navigation clicks failed`)
  return notes
}

const joinNotes = (notes: readonly (string | null)[]) => notes.filter((note): note is string => !!note).join('; ') || undefined

/** The `detect-*` figures of the matrix. */
export function detectionFigures(cells: readonly DetectionCell[]): Figure[] {
  const figures: Figure[] = []
  for (const cell of cells) {
    const base = `detect-${cell.scenario}-${cell.mode}`
    const notes = commonNotes(cell)
    if (cell.scenario === 'healthy') {
      const counts = cell.runs.map((run) => run.nonOperational)
      figures.push({
        name: `${base}-non-operational`,
        value: median(counts),
        unit: 'count',
        samples: counts,
        target: '0',
        note: joinNotes([`non-operational states shown from page load to ${CAP_MS / 1000} s after the switch`, ...notes]),
      })
      continue
    }
    const detect = cell.runs.map((run) => run.detectMs)
    figures.push({
      name: `${base}-ms`,
      value: median(capped(detect)),
      unit: 'ms',
      samples: capped(detect),
      target: cell.mode === 'prompt' ? '≤ 10 s (stretch 5 s)' : undefined,
      note: joinNotes([notReached(detect), ...notes]),
    })
    if (cell.mode === 'withheld') {
      const fromAction = cell.runs.map((run) => run.fromActionMs)
      const firstActions = cell.runs.map((run) => run.firstActionMs).filter((value): value is number => value !== null)
      const beforeAction = cell.runs.some((run) => run.detectMs !== null && run.firstActionMs !== null && run.detectMs < run.firstActionMs)
      figures.push({
        name: `detect-${cell.scenario}-withheld-from-action-ms`,
        value: median(capped(fromAction)),
        unit: 'ms',
        samples: capped(fromAction),
        target: FROM_ACTION_TARGET,
        note: joinNotes([
          notReached(fromAction),
          firstActions.length > 0 ? `first action ${seconds(median(firstActions))} after the switch` : 'no action after the switch',
          beforeAction ? 'shown before the first action (counted as 0)' : null,
        ]),
      })
    }
  }
  return figures
}

/** One row per scenario: the right state and the figures of both modes, for reading. */
export function detectionTable(cells: readonly DetectionCell[]): string {
  const byScenario = new Map<ScenarioName, Partial<Record<ReportMode, DetectionCell>>>()
  for (const cell of cells) byScenario.set(cell.scenario, { ...byScenario.get(cell.scenario), [cell.mode]: cell })
  const show = (values: readonly (number | null)[] | undefined) => {
    if (!values || values.length === 0) return ''
    const value = median(capped(values))
    return values.every((one) => one === null) ? 'not reached' : `${seconds(value)}${values.some((one) => one === null) ? '*' : ''}`
  }
  const rows = [...byScenario].map(([scenario, modes]) => {
    const expected = RIGHT_STATE[scenario]
    const right = scenario === 'healthy' ? 'operational throughout' : describeState({ status: expected.status, source: expected.source ?? null })
    if (scenario === 'healthy') {
      const count = (mode: ReportMode) => (modes[mode] ? `${median(modes[mode].runs.map((run) => run.nonOperational))} non-operational` : '')
      return [scenario, right, count('prompt'), count('withheld'), '', unique([...(modes.prompt?.runs ?? []), ...(modes.withheld?.runs ?? [])].flatMap((run) => run.wrongStates)).join(', ')]
    }
    const wrong = unique([...(modes.prompt?.runs ?? []), ...(modes.withheld?.runs ?? [])].flatMap((run) => run.wrongStates))
    return [
      scenario,
      right,
      show(modes.prompt?.runs.map((run) => run.detectMs)),
      show(modes.withheld?.runs.map((run) => run.detectMs)),
      show(modes.withheld?.runs.map((run) => run.fromActionMs)),
      wrong.join(', '),
    ]
  })
  return [
    textTable(['scenario', 'right state', 'prompt report', 'withheld report', 'withheld, from action', 'wrong states seen first'], rows),
    `(from the switch unless said; targets: prompt ≤ 10 s (stretch 5 s), withheld ${FROM_ACTION_TARGET} from the admin's first action; * some runs not reached, counted as ${CAP_MS / 1000} s)`,
  ].join('\n')
}

/**
 * `false-pause-<scenario>-5min`: one admin browsing (every BROWSE_EVERY_MS) for
 * `falseAlarmSeconds` after the switch to the scenario (prompt report, after WARM_MS of healthy
 * browsing, as in the matrix): how many times edits were paused (`maintenance` entered, from any
 * other state). `healthy` and `provider-slow` run at once, each on a mock server of its own
 * (the scenario is the server's).
 */
export async function falseAlarms(browser: Browser, server: MockServerProcess, settings: DetectionSettings): Promise<Figure[]> {
  const wanted = (['healthy', 'provider-slow'] as const).filter((scenario) => settings.scenarios.includes(scenario))
  if (wanted.length === 0 || settings.falseAlarmSeconds <= 0) return []
  const extra = wanted.length > 1 ? await startMockServerProcess(settings.root, 'production-2') : null
  try {
    settings.progress(`false alarms: ${wanted.join(' and ')} at once, ${settings.falseAlarmSeconds} s of browsing each`)
    return await Promise.all(wanted.map((scenario, index) => falseAlarmRun(browser, index === 0 ? server : extra!, scenario, settings.falseAlarmSeconds)))
  } finally {
    await extra?.stop()
    await server.reset()
  }
}

async function falseAlarmRun(browser: Browser, server: MockServerProcess, scenario: 'healthy' | 'provider-slow', browseSeconds: number): Promise<Figure> {
  await server.reset()
  const context = await newAdminContext(browser, server.url, `false-alarm-${scenario}`)
  try {
    const page = await context.newPage()
    const contentShown = (await visitUntil(page, 'content')) < CAP_MS
    const start = Date.now()
    const admin = browse(page, { startAt: start, everyMs: BROWSE_EVERY_MS })
    await sleep(start + WARM_MS - Date.now())
    const switchedAt = Date.now()
    await server.setScenario(scenario)
    await sleep(browseSeconds * 1000)
    await admin.stop()
    const { changes, clicks } = await adminRecord(page)
    const after = changes.filter((change) => change.at > switchedAt)
    let previous = stateAt(changes, switchedAt)?.status
    const pauses: number[] = []
    for (const change of after) {
      if (change.status === 'maintenance' && previous !== 'maintenance') pauses.push(change.at - switchedAt)
      previous = change.status
    }
    const others = unique(after.filter((change) => change.status !== 'operational' && change.status !== 'maintenance').map(describeState))
    // Named for what it covers: a shortened trial run does not pass for the 5-minute figure.
    const suffix = browseSeconds === 300 ? '5min' : `${browseSeconds}s`
    return {
      name: `false-pause-${scenario}-${suffix}`,
      value: pauses.length,
      unit: 'count',
      target: '0',
      note: joinNotes([
        `${browseSeconds} s, ${clicks.filter((click) => click.at > switchedAt).length} clicks`,
        pauses.length > 0 ? `paused at ${pauses.map((at) => `${(at / 1000).toFixed(1)}`).join(', ')} s` : null,
        others.length > 0 ? `also shown: ${others.join(', ')}` : null,
        contentShown ? null : 'content did not show before the switch',
        admin.failedClicks() > 0 ? `${admin.failedClicks()} navigation clicks failed` : null,
      ]),
    }
  } finally {
    await context.close()
  }
}
