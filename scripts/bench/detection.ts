/**
 * `--only detection`: how soon the app shows the right availability state once the provider
 * fails, for every scenario of mocks/scenarios/names.ts, and how often it pauses edits for
 * nothing. Each run is one new browser profile (a new admin) on the production build:
 *
 * 1. The gateway is reset (healthy, seed data, a fresh gateway); the admin (a new profile signed
 *    in as the owner `owner@acme.test` on Acme, as in the other measurements) opens `/` and waits
 *    for the content.
 * 2. The admin browses: every BROWSE_EVERY_MS, on a fixed schedule from the moment the content
 *    showed, a click on the other page's link in the Billing navigation (Plans, Subscription,
 *    Plans...). Never a reload, never a pause past a stale time.
 * 3. After WARM_MS of healthy browsing (2 s after the second click, 2 s before the third), the
 *    scenario is switched at run time through `POST /__control/scenario` (no reload). The switch
 *    time is Date.now() taken just before that request.
 * 4. The admin keeps browsing until the right state shows, or for CAP_MS.
 *
 * Each scenario runs with the gateway's status report prompt and with it withheld: the scenario
 * option `statusDelayMs` (the report keeps saying `operational` that long after the fault starts)
 * set to STATUS_DELAY_MS, longer than any measurement. A gateway that does not know the option
 * drops it; the figure's note then says the report was NOT withheld.
 *
 * Split by concern: this file holds what bench.ts calls (the matrix, the false alarms and the
 * table); the right states and timings are in detection-expectations.ts, one browser run in
 * detection-runs.ts, the figures in detection-figures.ts.
 */
import type { Browser } from 'playwright-core'
import type { ScenarioName } from '../../mocks/scenarios/names'
import { startGatewaySimProcess, type GatewaySimProcess } from '../gateway-sim/child-process'
import { describeState } from './admin'
import { CAP_MS } from './browser'
import { FROM_ACTION_TARGET, RIGHT_STATE, seconds, unique, type ReportMode } from './detection-expectations'
import { capped, detectionFigures } from './detection-figures'
import { detectionRun, falseAlarmRun, type Run } from './detection-runs'
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

export type DetectionCell = { scenario: ScenarioName; mode: ReportMode; runs: Run[] }

/** Every wanted scenario, prompt then withheld, `runs` times each; each cell's figures go to `emit` as it is done. */
export async function detectionMatrix(
  browser: Browser,
  server: GatewaySimProcess,
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

/** One row per scenario: the right state and the figures of both modes, for reading. */
export function detectionTable(cells: readonly DetectionCell[]): string {
  const byScenario = new Map<ScenarioName, Partial<Record<ReportMode, DetectionCell>>>()
  for (const cell of cells) byScenario.set(cell.scenario, { ...byScenario.get(cell.scenario), [cell.mode]: cell })
  const show = (values: readonly (number | null)[] | undefined) => {
    if (!values || values.length === 0) return ''
    const value = median(capped(values))
    return values.every((one) => one === null)
      ? 'not reached'
      : `${seconds(value)}${values.some((one) => one === null) ? '*' : ''}`
  }
  const rows = [...byScenario].map(([scenario, modes]) => {
    const expected = RIGHT_STATE[scenario]
    const right =
      scenario === 'healthy'
        ? 'operational throughout'
        : describeState({ status: expected.status, source: expected.source ?? null })
    if (scenario === 'healthy') {
      const count = (mode: ReportMode) =>
        modes[mode] ? `${median(modes[mode].runs.map((run) => run.nonOperational))} non-operational` : ''
      return [
        scenario,
        right,
        count('prompt'),
        count('withheld'),
        '',
        unique([...(modes.prompt?.runs ?? []), ...(modes.withheld?.runs ?? [])].flatMap((run) => run.wrongStates)).join(
          ', ',
        ),
      ]
    }
    const wrong = unique(
      [...(modes.prompt?.runs ?? []), ...(modes.withheld?.runs ?? [])].flatMap((run) => run.wrongStates),
    )
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
    textTable(
      [
        'scenario',
        'right state',
        'prompt report',
        'withheld report',
        'withheld, from action',
        'wrong states seen first',
      ],
      rows,
    ),
    `(from the switch unless said; targets: prompt ≤ 10 s (stretch 5 s), withheld ${FROM_ACTION_TARGET} from the admin's first action; * some runs not reached, counted as ${CAP_MS / 1000} s)`,
  ].join('\n')
}

/**
 * `false-pause-<scenario>-5min`: one admin browsing (every BROWSE_EVERY_MS) for
 * `falseAlarmSeconds` after the switch to the scenario (prompt report, after WARM_MS of healthy
 * browsing, as in the matrix): how many times edits were paused (`maintenance` entered, from any
 * other state). `healthy` and `provider-slow` run at once, each on a simulated gateway of its
 * own (the scenario is the gateway's).
 */
export async function falseAlarms(
  browser: Browser,
  server: GatewaySimProcess,
  settings: DetectionSettings,
): Promise<Figure[]> {
  const wanted = (['healthy', 'provider-slow'] as const).filter((scenario) => settings.scenarios.includes(scenario))
  if (wanted.length === 0 || settings.falseAlarmSeconds <= 0) return []
  const extra = wanted.length > 1 ? await startGatewaySimProcess(settings.root, 'production-2') : null
  try {
    settings.progress(`false alarms: ${wanted.join(' and ')} at once, ${settings.falseAlarmSeconds} s of browsing each`)
    return await Promise.all(
      wanted.map((scenario, index) =>
        falseAlarmRun(browser, index === 0 ? server : extra!, scenario, settings.falseAlarmSeconds),
      ),
    )
  } finally {
    await extra?.stop()
    await server.reset()
  }
}
