/**
 * One browser run of the detection bench (detection.ts): a new admin browsing the production
 * build while the scenario is switched, recorded as a Run (the matrix) or counted as a false-pause
 * figure (the false alarms). Kept apart from the matrix that repeats them and from the figures.
 */
import type { Browser } from 'playwright-core'
import type { ScenarioName } from '../../mocks/scenarios/names'
import type { GatewaySimProcess } from '../gateway-sim/child-process'
import { adminRecord, browse, describeState, newAdminContext, stateAt, type StateChange } from './admin'
import { CAP_MS, visitUntil } from './browser'
import {
  BROWSE_EVERY_MS,
  OUTAGE_MS,
  POLL_MS,
  RIGHT_STATE,
  STATUS_DELAY_MS,
  WARM_MS,
  isRight,
  joinNotes,
  sleep,
  unique,
  type Expected,
  type ReportMode,
} from './detection-expectations'
import type { Figure } from './stats'

export type Run = {
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

export async function detectionRun(
  browser: Browser,
  server: GatewaySimProcess,
  scenario: ScenarioName,
  mode: ReportMode,
  run: number,
): Promise<Run> {
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
      if (scenario !== 'healthy' && firstRightAt((await adminRecord(page)).changes, switchedAt, expected) !== undefined)
        break
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

export async function falseAlarmRun(
  browser: Browser,
  server: GatewaySimProcess,
  scenario: 'healthy' | 'provider-slow',
  browseSeconds: number,
): Promise<Figure> {
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
    const others = unique(
      after.filter((change) => change.status !== 'operational' && change.status !== 'maintenance').map(describeState),
    )
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
