/**
 * What `npm run bench` measures, each figure defined where it is taken. The server's clock and the
 * page's (Date.now()) are the same machine's; page-side durations use performance.now().
 *
 * Words used below:
 * - "content": the subscription page's Overview section shows its figures (seats, plan...): the
 *   frame in which `[data-section="subscription.overview"] .stat-value` first exists.
 * - "own parts plus billing unavailable": the page's h1, the Account section's data (the vendor's
 *   own API) and the Overview section's "… is unavailable right now" message, all on screen.
 * - "edits disabled / enabled": the Change seats button has aria-disabled="true" / has not.
 * - "provider call": a request from the browser to an endpoint that contract.ts marks
 *   provider-backed (capability !== null), as the gateway's request log counts it (what the gateway
 *   then sent Zuora is another count: `/__control/zuora-calls`).
 * - every browser profile is signed in as the owner on Acme (browser.ts, newBenchContext).
 * - "return visit": a new page load in a tab that has used the app before (HTTP cache and saved
 *   query cache warm): the app shows the saved answers and checks them (refetches) on load.
 */
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import type { Capability } from '../../src/lib/api/schemas'
import { firstPageJavaScript } from '../first-page-js'
import { CAP_MS, newBenchContext, visitUntil, waitForEdits } from './browser'
import type { GatewaySimProcess } from '../gateway-sim/child-process'
import { untilComputed } from '../gateway-sim/control'
import { median, type Figure } from './stats'

export type BenchSettings = {
  runs: number
  /** How long the 3-tab probe count lasts (a real minute by default). */
  probeSeconds: number
  progress: (message: string) => void
}

/** The app's default staleTime (src/lib/api/query-client.ts) plus a second. */
const STALE_AFTER_MS = 31_000
/**
 * Between two return visits: lets the saved cache be written (1 s throttle) and, while the
 * provider hangs, the app's 5 s time-out run out, as it would while an admin reads the page.
 */
const BETWEEN_VISITS_MS = 6_500

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const nav = (page: Page) => page.getByRole('navigation', { name: 'Billing' })
const isProviderCall = (request: { capability: Capability | null }) => request.capability !== null

/**
 * `initial-js-gzip-kb`: the JavaScript files the browser fetched to show the first page (`/`, first
 * visit, until the content shows and the network is idle), each gzipped (level 9) and summed.
 * `initial-js-gzip-kb-manifest`: the same from the build's manifest (scripts/first-page-js.ts, the
 * figure the CI budget test checks).
 */
export async function initialJavaScript(browser: Browser, server: GatewaySimProcess, root: string): Promise<Figure[]> {
  await server.reset()
  const context = await newBenchContext(browser, server.url, 'initial-js')
  const page = await context.newPage()
  const scripts: Response[] = []
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response)
  })
  await visitUntil(page, 'content')
  await page.waitForLoadState('networkidle')
  let bytes = 0
  for (const response of scripts) bytes += gzipSync(await response.body(), { level: 9 }).length
  await context.close()
  const manifest = firstPageJavaScript(root)
  return [
    {
      name: 'initial-js-gzip-kb',
      value: bytes / 1024,
      unit: 'kB',
      note: `${scripts.length} files fetched by the browser`,
    },
    {
      name: 'initial-js-gzip-kb-manifest',
      value: manifest.totalGzipBytes / 1024,
      unit: 'kB',
      note: `${manifest.files.length} files in the manifest graph`,
    },
  ]
}

/**
 * Return visits to `/` in one tab (one session): first a visit that fills the caches, then `runs`
 * return visits with the provider healthy, then (unless `hang` is false) `runs` with it hanging
 * (`provider-hang`). Each is
 * the time from navigation start to content, capped at CAP_MS.
 */
export async function returnVisits(
  browser: Browser,
  server: GatewaySimProcess,
  settings: BenchSettings,
  { hang: withHang = true } = {},
) {
  await server.reset()
  const context = await newBenchContext(browser, server.url, 'return-visits')
  const page = await context.newPage()
  await visitUntil(page, 'content')
  await sleep(2_000)
  const visits = async () => {
    const times: number[] = []
    for (let run = 0; run < settings.runs; run += 1) {
      times.push(await visitUntil(page, 'content'))
      await sleep(BETWEEN_VISITS_MS)
    }
    return times
  }
  settings.progress(`${server.label}: return visits, provider healthy`)
  const healthy = await visits()
  let hang: number[] = []
  if (withHang) {
    await server.setScenario('provider-hang')
    settings.progress(`${server.label}: return visits, provider hanging`)
    hang = await visits()
  }
  await context.close()
  await server.reset()
  return { healthy, hang }
}

/**
 * The baseline's return visits while the provider hangs, each in a tab of its own, all at once:
 * without a time-out each waits for the cap, and one after the other they would take runs × 60 s.
 * (Each context has its own connection pool, so they do not queue behind each other's requests.)
 */
export async function parallelHangingReturnVisits(
  browser: Browser,
  server: GatewaySimProcess,
  settings: BenchSettings,
): Promise<number[]> {
  await server.reset()
  const contexts: BrowserContext[] = []
  const pages: Page[] = []
  for (let run = 0; run < settings.runs; run += 1) {
    const context = await newBenchContext(browser, server.url, `hang-${run}`)
    const page = await context.newPage()
    await visitUntil(page, 'content')
    contexts.push(context)
    pages.push(page)
  }
  await sleep(2_000)
  await server.setScenario('provider-hang')
  settings.progress(
    `${server.label}: ${settings.runs} return visits at once, provider hanging (up to ${CAP_MS / 1000} s)`,
  )
  const times = await Promise.all(pages.map((page) => visitUntil(page, 'content')))
  await Promise.all(contexts.map((context) => context.close()))
  await server.reset()
  return times
}

/**
 * First visits (a new browser profile each: nothing cached, not even the scripts) to `/` with the
 * provider down (`provider-down`: Zuora answers 503, and the gateway has found out): time from
 * navigation start until the page shows its own parts plus the "unavailable" Overview section,
 * capped at CAP_MS.
 */
export async function firstVisitsDuringOutage(
  browser: Browser,
  server: GatewaySimProcess,
  settings: BenchSettings,
): Promise<number[]> {
  await server.reset()
  await server.setScenario('provider-down')
  // A provider known to be down: the gateway has found out from its probes (within seconds).
  await untilComputed(server, 'down')
  const times: number[] = []
  for (let run = 0; run < settings.runs; run += 1) {
    const context = await newBenchContext(browser, server.url, `first-visit-${run}`)
    times.push(await visitUntil(await context.newPage(), 'outage'))
    await context.close()
  }
  await server.reset()
  return times
}

/**
 * Automatic maintenance and recovery, one fresh profile per run:
 * 1. The admin opens `/` (healthy) and leaves it open more than 30 s, so its data is no longer
 *    fresh (the app only learns of an outage when it calls the provider, and it does not poll it).
 * 2. The provider goes down (`provider-down`, switched by the control endpoint: t0).
 * 3. The admin goes to Plans and add-ons (which shows the current plan: a subscription read) and
 *    back to Subscription, as an admin about to change seats would.
 * `auto-maintenance-ms`: t0 to edits disabled on the subscription page.
 * `auto-maintenance-provider-calls`: provider calls from this profile in that window.
 * `recovery-ms`: from the provider switched back to healthy (right after edits were disabled) to
 * edits enabled again in the same tab, with no reload.
 */
export async function autoMaintenanceAndRecovery(browser: Browser, server: GatewaySimProcess, settings: BenchSettings) {
  const maintenance: number[] = []
  const calls: number[] = []
  const recovery: number[] = []
  for (let run = 0; run < settings.runs; run += 1) {
    settings.progress(`${server.label}: automatic maintenance and recovery, run ${run + 1} of ${settings.runs}`)
    await server.reset()
    const client = `maintenance-${run}`
    const context = await newBenchContext(browser, server.url, client)
    const page = await context.newPage()
    await visitUntil(page, 'content')
    await waitForEdits(page, 'enabled')
    await sleep(STALE_AFTER_MS)

    const down = await server.setScenario('provider-down')
    await nav(page).getByRole('link', { name: 'Plans and add-ons' }).click()
    await page.getByRole('heading', { level: 1, name: 'Plans and add-ons' }).waitFor()
    await nav(page).getByRole('link', { name: 'Subscription' }).click()
    const disabledAt = await waitForEdits(page, 'disabled')
    const windowEnd = disabledAt ?? down + CAP_MS
    maintenance.push(Math.min(CAP_MS, windowEnd - down))
    const requests = await server.requests(down)
    calls.push(
      requests.filter((request) => request.client === client && isProviderCall(request) && request.at <= windowEnd)
        .length,
    )

    const up = await server.setScenario('healthy')
    const enabledAt = await waitForEdits(page, 'enabled')
    recovery.push(enabledAt === null ? CAP_MS : Math.min(CAP_MS, enabledAt - up))
    await context.close()
  }
  await server.reset()
  return { maintenance, calls, recovery }
}

/**
 * Provider calls per minute while the breaker is open, from three tabs of one browser profile
 * (they share localStorage, like real tabs) and, at the same time, from one tab of another
 * profile, for comparison. All tabs show `/` (healthy); the provider goes down; the first tab of
 * each profile is reloaded (the app checks its saved answers on load, so it calls the provider and
 * opens the breaker); the count starts when every tab of the profile shows edits disabled and lasts
 * `probeSeconds`. Then the provider comes back: `recovery-ms-long-outage` is the time until every
 * tab of the 3-tab profile shows edits enabled again (the breaker has waited its longest by then).
 */
export async function probesWhileOpen(browser: Browser, server: GatewaySimProcess, settings: BenchSettings) {
  await server.reset()
  const profiles = [
    { client: 'three-tabs', tabs: 3 },
    { client: 'one-tab', tabs: 1 },
  ]
  const opened = await Promise.all(
    profiles.map(async ({ client, tabs }) => {
      const context = await newBenchContext(browser, server.url, client)
      const pages: Page[] = []
      for (let tab = 0; tab < tabs; tab += 1) {
        const page = await context.newPage()
        await visitUntil(page, 'content')
        pages.push(page)
      }
      return { client, context, pages }
    }),
  )
  await sleep(2_000)
  await server.setScenario('provider-down')
  const windowMs = settings.probeSeconds * 1000
  settings.progress(`${server.label}: provider down, counting provider calls for ${settings.probeSeconds} s`)
  const counted = await Promise.all(
    opened.map(async ({ client, pages }) => {
      const first = pages[0]!
      await visitUntil(first, 'content')
      const disabled = await Promise.all(pages.map((page) => waitForEdits(page, 'disabled', { polling: 100 })))
      if (disabled.some((at) => at === null)) throw new Error(`${client}: edits were never disabled in every tab`)
      const start = Math.max(...(disabled as number[]))
      await sleep(windowMs)
      const requests = (await server.requests(start)).filter(
        (request) => request.client === client && isProviderCall(request) && request.at < start + windowMs,
      )
      const byCapability = new Map<string, number>()
      for (const request of requests)
        byCapability.set(request.capability!, (byCapability.get(request.capability!) ?? 0) + 1)
      return { client, perMinute: (requests.length * 60_000) / windowMs, byCapability }
    }),
  )
  const up = await server.setScenario('healthy')
  const threeTabs = opened[0]!
  const enabled = await Promise.all(threeTabs.pages.map((page) => waitForEdits(page, 'enabled', { polling: 100 })))
  const recoveryLongOutage = enabled.some((at) => at === null)
    ? CAP_MS
    : Math.min(CAP_MS, Math.max(...(enabled as number[])) - up)
  await Promise.all(opened.map(({ context }) => context.close()))
  await server.reset()
  const describe = (counts: Map<string, number>) =>
    [...counts].map(([capability, count]) => `${capability} ${count}`).join(', ') || 'none'
  return {
    threeTabs: counted[0]!.perMinute,
    threeTabsNote: `over ${settings.probeSeconds} s: ${describe(counted[0]!.byCapability)}`,
    oneTab: counted[1]!.perMinute,
    oneTabNote: `over ${settings.probeSeconds} s: ${describe(counted[1]!.byCapability)}`,
    recoveryLongOutage,
  }
}

export const medianFigure = (name: string, samples: number[], note?: string): Figure => ({
  name,
  value: median(samples),
  unit: 'ms',
  samples,
  note: samples.some((sample) => sample >= CAP_MS)
    ? `${note ? `${note}; ` : ''}cap of ${CAP_MS / 1000} s reached`
    : note,
})
