/**
 * `--only gateway`, part 2a: Zuora fault → the gateway's status report, end to end over real HTTP
 * on loopback, against the gateway with its Zuora simulator beside it (gateway/node/sim-server.ts).
 * One run:
 *
 * 1. `POST /__control/reset`, then HEALTHY_MS healthy (with one admin: signed in as the owner,
 *    reading `/api/subscription` and `/api/invoices?limit=50` at once every ADMIN_EVERY_MS, as a
 *    page does, from the reset on); the report must say `operational` before the switch.
 * 2. `POST /__control/scenario` switches Zuora's fault at run time; the clock starts just before it.
 *    Run n uses the scenario seed n, so that the random faults (flaky, cache layer) fail other calls.
 * 3. `GET /api/billing-status` every POLL_EVERY_MS until its `subscription` component says `down`
 *    (down, hang, rate-limited, malformed) or leaves `operational` (slow, flaky, cache layer), for
 *    at most RUN_CAP_MS; the time is when that answer arrived.
 *
 * Figures `gateway-report-<scenario>-<none|one-admin>-ms-p50|p95` (with 3 runs, the p95 is the
 * slowest run). The note says what the report showed on the way and Zuora's calls a second.
 */
import type { ScenarioName } from '../../mocks/scenarios/names'
import { simulatedFaults } from '../../gateway/health'
import { gatewayControl, signInOwner, readStatus, subscriptionComponent, type ComponentStatus } from './gateway-client'
import { REPORT_TARGET_MS, type DetectedFault } from './gateway-sim'
import { cappedAt, notReachedNote, percentile, seconds, sum } from './gateway-stats'
import type { Figure } from './stats'

export const RUN_CAP_MS = 20_000
const HEALTHY_MS = 6_000
/** Longest extra wait for `operational` after the healthy time, should the last run's fault linger. */
const SETTLE_CAP_MS = 15_000
const POLL_EVERY_MS = 100
const ADMIN_EVERY_MS = 4_000
/** The app's time-out of a read: the admin gives up on an answer that late. */
const ADMIN_TIMEOUT_MS = 5_000

export type ReportTraffic = 'none' | 'one-admin'

type ReportRun = {
  reachedMs: number | null
  /** The states the report showed after the switch, in order, each once. */
  shown: ComponentStatus[]
  failedPolls: number
  /** How long the report took to say `operational` after the healthy time (0 when it already did). */
  settleMs: number | null
  zuoraCallsPerSecond: number | null
  adminReads: number
  adminFailures: number
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, Math.max(0, ms)))

/** The admin's page views, from now until `stop`: both reads at once, every ADMIN_EVERY_MS. */
function browsingAdmin(baseUrl: string, cookie: string) {
  let reads = 0
  let failures = 0
  const inFlight = new Set<Promise<void>>()
  const pageView = () => {
    for (const path of ['/api/subscription', '/api/invoices?limit=50']) {
      const read = readStatus(`${baseUrl}${path}`, { Cookie: cookie }, ADMIN_TIMEOUT_MS).then((status) => {
        reads += 1
        if (status === 0 || status >= 500) failures += 1
      })
      inFlight.add(read)
      void read.finally(() => inFlight.delete(read))
    }
  }
  pageView()
  const timer = setInterval(pageView, ADMIN_EVERY_MS)
  return {
    async stop() {
      clearInterval(timer)
      await Promise.all(inFlight)
      return { reads, failures }
    },
  }
}

/** Polls the report until it says `operational`, for at most `capMs`; how long that took, or null. */
async function settle(baseUrl: string, capMs: number): Promise<number | null> {
  const start = performance.now()
  let polls = 0
  while (performance.now() - start <= capMs) {
    if ((await subscriptionComponent(baseUrl)) === 'operational')
      return polls === 0 ? 0 : Math.round(performance.now() - start)
    polls += 1
    await sleep(POLL_EVERY_MS)
  }
  return null
}

/** Switches the scenario and polls the report until it shows one of `reached`, for at most RUN_CAP_MS. */
async function watchReport(baseUrl: string, scenario: DetectedFault, seed: number) {
  const reached = simulatedFaults[scenario].expected === 'down' ? ['down'] : ['degraded', 'down']
  const shown: ComponentStatus[] = []
  let failedPolls = 0
  const switchedAt = Date.now()
  const start = performance.now()
  await gatewayControl(baseUrl).scenario(scenario satisfies ScenarioName, { seed })
  for (let poll = 0; performance.now() - start < RUN_CAP_MS; poll += 1) {
    const status = await subscriptionComponent(baseUrl)
    if (status === null) failedPolls += 1
    else if (shown.at(-1) !== status) shown.push(status)
    if (status !== null && reached.includes(status))
      return { reachedMs: Math.round(performance.now() - start), shown, failedPolls, switchedAt }
    await sleep(start + (poll + 1) * POLL_EVERY_MS - performance.now())
  }
  return { reachedMs: null, shown, failedPolls, switchedAt }
}

async function reportRun(
  baseUrl: string,
  scenario: DetectedFault,
  traffic: ReportTraffic,
  seed: number,
): Promise<ReportRun> {
  const control = gatewayControl(baseUrl)
  await control.reset()
  const admin = traffic === 'one-admin' ? browsingAdmin(baseUrl, await signInOwner(baseUrl)) : null
  let run: Awaited<ReturnType<typeof watchReport>> & { settleMs: number | null }
  let tally = { reads: 0, failures: 0 }
  try {
    await sleep(HEALTHY_MS)
    const settleMs = await settle(baseUrl, SETTLE_CAP_MS)
    run = { ...(await watchReport(baseUrl, scenario, seed)), settleMs }
  } finally {
    if (admin) tally = await admin.stop()
  }
  // Zuora's calls from the switch until now (the admin has stopped; the probes go on a little longer).
  const elapsedMs = Date.now() - run.switchedAt
  const calls = await control.zuoraCallsSince(run.switchedAt).catch(() => null)
  return {
    reachedMs: run.reachedMs,
    shown: run.shown,
    failedPolls: run.failedPolls,
    settleMs: run.settleMs,
    zuoraCallsPerSecond: calls === null ? null : calls / (elapsedMs / 1000),
    adminReads: tally.reads,
    adminFailures: tally.failures,
  }
}

function reportFigures(scenario: DetectedFault, traffic: ReportTraffic, runs: readonly ReportRun[]): Figure[] {
  const expected = simulatedFaults[scenario].expected === 'down' ? 'down' : 'degraded'
  const reached = runs.map((run) => run.reachedMs)
  const samples = cappedAt(RUN_CAP_MS, reached)
  const shownAs = [...new Set(runs.map((run) => run.shown.join(' → ')))].join(' | ')
  const rates = runs.flatMap((run) => (run.zuoraCallsPerSecond === null ? [] : [run.zuoraCallsPerSecond]))
  const notes = [
    `report showed ${shownAs || 'nothing'}`,
    notReachedNote(reached, RUN_CAP_MS),
    expected === 'degraded' && runs.some((run) => run.shown.includes('down')) ? 'down seen for a degraded fault' : null,
    rates.length > 0 ? `Zuora calls ${(sum(rates) / rates.length).toFixed(1)}/s` : null,
    traffic === 'one-admin'
      ? `admin reads failed ${sum(runs.map((run) => run.adminFailures))} of ${sum(runs.map((run) => run.adminReads))}`
      : null,
    sum(runs.map((run) => run.failedPolls)) > 0 ? `${sum(runs.map((run) => run.failedPolls))} polls failed` : null,
    runs.some((run) => run.settleMs !== 0)
      ? `report not operational after ${seconds(HEALTHY_MS)} healthy: ${runs.map((run) => (run.settleMs === null ? 'never' : seconds(run.settleMs))).join(', ')} more`
      : null,
  ]
  const base = `gateway-report-${scenario}-${traffic}-ms`
  return [
    { name: `${base}-p50`, value: percentile(samples, 0.5), unit: 'ms', samples },
    {
      name: `${base}-p95`,
      value: percentile(samples, 0.95),
      unit: 'ms',
      samples,
      target: `≤ ${REPORT_TARGET_MS[expected] / 1000} s`,
      note: notes.filter((note) => note !== null).join('; '),
    },
  ]
}

export type GatewayReportSettings = {
  runs: number
  scenarios: readonly DetectedFault[]
  progress: (message: string) => void
}

/** Every wanted scenario at no traffic and at one admin, `runs` times each; figures go to `emit` per cell. */
export async function gatewayReportMatrix(
  baseUrl: string,
  settings: GatewayReportSettings,
  emit: (...figures: Figure[]) => void,
): Promise<void> {
  for (const scenario of settings.scenarios) {
    for (const traffic of ['none', 'one-admin'] as const) {
      const runs: ReportRun[] = []
      for (let run = 0; run < settings.runs; run += 1) {
        settings.progress(`gateway over HTTP: ${scenario}, traffic ${traffic}, run ${run + 1} of ${settings.runs}`)
        runs.push(await reportRun(baseUrl, scenario, traffic, run + 1))
      }
      emit(...reportFigures(scenario, traffic, runs))
    }
  }
  await gatewayControl(baseUrl).reset()
}
