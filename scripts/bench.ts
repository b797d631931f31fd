/**
 * `npm run bench`: the production build and the bench-only baseline build (resilience layer
 * bypassed: vite.config.ts, `bench-baseline` mode) in headless Chromium against the billing gateway
 * in simulated mode over HTTP (gateway/node/sim-main.ts: the real gateway, the Zuora simulator
 * behind it; scripts/gateway-sim/child-process.ts), one gateway process per build. Prints one
 * `name value` line per figure (ms as integers, ratios with 2 decimals, kB with 1), then a table
 * with the runs behind each median. Progress goes to stderr. Each figure is defined in
 * scripts/bench/measurements.ts and docs/performance.md.
 *
 *   --runs <n>                  runs per median (default 5; 1 for detection, whose 26 cells take up
 *                               to 72 s each; 3 for gateway)
 *   --probe-seconds <n>         how long provider calls are counted with the breaker open (default 60)
 *   --only <a,b>                some of: js, content, first-visit, maintenance, probes, invoices,
 *                               saved-cache, baseline, detection, checkout, gateway, gallery
 *   --scenarios <a,b>           detection, checkout and gateway: only these scenarios (scenario
 *                               names); the false-alarm runs only for healthy / provider-slow among
 *                               them (gateway: healthy)
 *   --false-alarm-seconds <n>   detection: browsing time of each false-alarm run (default 300;
 *                               0 skips them; figures not 5 minutes long are named -<n>s)
 *   --checkouts <n>             checkout: checkouts per scenario (default 100)
 *   --checkout-parallel <n>     checkout: lanes at once, one gateway each (default 4)
 *   --no-build                  use the builds already in dist/ and dist-bench-baseline/
 *   --seeds <n>                 gateway: seeds of the detector's simulation per cell (default 30)
 *
 * detection (scripts/bench/detection.ts) also prints a table of its own, one row per scenario,
 * after the figures' table; checkout is in scripts/bench/checkout.ts. gateway
 * (scripts/bench/gateway.ts) needs neither build nor browser: it runs first, and alone it skips them.
 * gallery (scripts/bench/gallery.ts) runs the development server, as designers do: no build either
 * (on port 5197 or the next free one; GALLERY_BENCH_PORT=<n> for that port only).
 */
import { parseArgs } from 'node:util'
import { build } from 'vite'
import { launchBrowser } from './bench/browser'
import { invoicePaging } from './bench/invoices'
import {
  autoMaintenanceAndRecovery,
  firstVisitsDuringOutage,
  initialJavaScript,
  medianFigure,
  parallelHangingReturnVisits,
  probesWhileOpen,
  returnVisits,
  type BenchSettings,
} from './bench/measurements'
import { isScenarioName, scenarioNames, type ScenarioName } from '../mocks/scenarios/names'
import { startGatewaySimProcess, type GatewaySimProcess } from './gateway-sim/child-process'
import { CHECKOUT_SCENARIOS, checkoutsUnderFlakyProvider, type CheckoutScenario } from './bench/checkout'
import { detectionMatrix, detectionTable, falseAlarms, type DetectionCell } from './bench/detection'
import { figureLine, humanTable, median, type Figure } from './bench/stats'
import { savedCacheWrites } from './bench/saved-cache'
import { gatewayBench } from './bench/gateway'
import { galleryBench } from './bench/gallery'

const sections = [
  'js',
  'content',
  'first-visit',
  'maintenance',
  'probes',
  'invoices',
  'saved-cache',
  'baseline',
  'detection',
  'checkout',
  'gateway',
  'gallery',
] as const
type Section = (typeof sections)[number]

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    'probe-seconds': { type: 'string', default: '60' },
    only: { type: 'string' },
    scenarios: { type: 'string' },
    'false-alarm-seconds': { type: 'string', default: '300' },
    checkouts: { type: 'string', default: '100' },
    'checkout-parallel': { type: 'string', default: '4' },
    'no-build': { type: 'boolean', default: false },
    seeds: { type: 'string', default: '30' },
  },
  strict: true,
})

/** A whole number ≥ min from an option, or exit with a message. */
function count(option: string, value: string, min: number): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < min) {
    console.error(`--${option} wants a whole number from ${min}, not "${value}"`)
    process.exit(2)
  }
  return parsed
}

const only = values.only?.split(',').map((name) => name.trim())
const unknown = only?.filter((name) => !(sections as readonly string[]).includes(name)) ?? []
if (unknown.length > 0) {
  console.error(`Unknown --only ${unknown.join(', ')}. One of: ${sections.join(', ')}`)
  process.exit(2)
}
const wanted = (section: Section) => !only || only.includes(section)

const chosenScenarios = values.scenarios
  ?.split(',')
  .map((name) => name.trim())
  .filter((name) => name !== '')
const unknownScenarios = chosenScenarios?.filter((name) => !isScenarioName(name)) ?? []
if (unknownScenarios.length > 0) {
  console.error(`Unknown --scenarios ${unknownScenarios.join(', ')}. Some of: ${scenarioNames.join(', ')}`)
  process.exit(2)
}
const scenarios: readonly ScenarioName[] = scenarioNames.filter(
  (name) => !chosenScenarios || chosenScenarios.includes(name),
)

const startedAt = Date.now()
const progress = (message: string) =>
  process.stderr.write(`[bench ${Math.round((Date.now() - startedAt) / 1000)} s] ${message}\n`)
const settings: BenchSettings = {
  runs: count('runs', values.runs ?? '5', 1),
  probeSeconds: count('probe-seconds', values['probe-seconds'], 1),
  progress,
}
const detectionRuns = count('runs', values.runs ?? '1', 1)
const falseAlarmSeconds = count('false-alarm-seconds', values['false-alarm-seconds'], 0)
const checkouts = count('checkouts', values.checkouts, 1)
const checkoutParallel = count('checkout-parallel', values['checkout-parallel'], 1)
const gatewayRuns = count('runs', values.runs ?? '3', 1)
const gatewaySeeds = count('seeds', values.seeds, 1)

const productionRoot = 'dist'
const baselineRoot = 'dist-bench-baseline'

/** Each figure is printed as soon as it is measured, so that a failure later loses nothing. */
const figures = {
  list: [] as Figure[],
  push(...measured: Figure[]) {
    for (const figure of measured) console.log(figureLine(figure))
    this.list.push(...measured)
  },
}

if (wanted('gateway')) {
  await gatewayBench({ seeds: gatewaySeeds, runs: gatewayRuns, scenarios, progress }, (...measured) =>
    figures.push(...measured),
  )
  if (sections.every((section) => section === 'gateway' || !wanted(section))) {
    console.log('')
    console.log(humanTable(figures.list))
    progress(`done in ${Math.round((Date.now() - startedAt) / 1000)} s`)
    process.exit(0)
  }
}

// The gallery is measured on the development server (what designers run), so it needs no build.
if (wanted('gallery')) {
  const galleryBrowser = await launchBrowser()
  try {
    await galleryBench(
      { browser: galleryBrowser, runs: count('runs', values.runs ?? '5', 1), progress },
      (...measured) => figures.push(...measured),
    )
  } finally {
    await galleryBrowser.close()
  }
  if (sections.every((section) => section === 'gateway' || section === 'gallery' || !wanted(section))) {
    console.log('')
    console.log(humanTable(figures.list))
    progress(`done in ${Math.round((Date.now() - startedAt) / 1000)} s`)
    process.exit(0)
  }
}

if (!values['no-build']) {
  progress('building production (dist/) and the resilience-bypassed baseline (dist-bench-baseline/)')
  await build({ mode: 'production', logLevel: 'warn' })
  await build({ mode: 'bench-baseline', logLevel: 'warn' })
}

const servers: GatewaySimProcess[] = []
let detectionCells: DetectionCell[] = []
const browser = await launchBrowser()
try {
  const production = await startGatewaySimProcess(productionRoot, 'production')
  servers.push(production)

  if (wanted('js')) figures.push(...(await initialJavaScript(browser, production, productionRoot)))

  if (wanted('content')) {
    const { healthy, hang } = await returnVisits(browser, production, settings)
    figures.push(medianFigure('content-ms-healthy', healthy), medianFigure('content-ms-hang', hang), {
      name: 'content-ratio-hang-vs-healthy',
      value: median(hang) / median(healthy),
      unit: 'ratio',
    })
  }

  if (wanted('first-visit')) {
    progress('production: first visits with the provider down')
    figures.push(medianFigure('first-visit-outage-ms', await firstVisitsDuringOutage(browser, production, settings)))
  }

  if (wanted('maintenance')) {
    const { maintenance, calls, recovery } = await autoMaintenanceAndRecovery(browser, production, settings)
    figures.push(
      medianFigure('auto-maintenance-ms', maintenance),
      { name: 'auto-maintenance-provider-calls', value: median(calls), unit: 'count', samples: calls },
      medianFigure('recovery-ms', recovery, 'provider back right after edits were disabled'),
    )
  }

  if (wanted('probes')) {
    const probes = await probesWhileOpen(browser, production, settings)
    figures.push(
      { name: 'probes-per-minute-3-tabs', value: probes.threeTabs, unit: 'per-minute', note: probes.threeTabsNote },
      { name: 'probes-per-minute-1-tab', value: probes.oneTab, unit: 'per-minute', note: probes.oneTabNote },
      medianFigure(
        'recovery-ms-long-outage',
        [probes.recoveryLongOutage],
        `3 tabs, after ${settings.probeSeconds} s with the breaker open`,
      ),
    )
  }

  if (wanted('invoices')) figures.push(...(await invoicePaging(browser, production, settings)))

  if (wanted('saved-cache')) figures.push(...(await savedCacheWrites(browser, production, settings)))

  if (wanted('baseline')) {
    const baseline = await startGatewaySimProcess(baselineRoot, 'baseline')
    servers.push(baseline)
    const { healthy } = await returnVisits(browser, baseline, settings, { hang: false })
    const hang = await parallelHangingReturnVisits(browser, baseline, settings)
    progress('baseline: first visits with the provider down')
    const firstVisit = await firstVisitsDuringOutage(browser, baseline, settings)
    figures.push(
      medianFigure('baseline-content-ms-healthy', healthy),
      medianFigure('baseline-content-ms-hang', hang, 'tabs in parallel'),
      medianFigure('baseline-first-visit-outage-ms', firstVisit),
    )
  }

  if (wanted('detection')) {
    const detectionSettings = { runs: detectionRuns, scenarios, falseAlarmSeconds, root: productionRoot, progress }
    detectionCells = await detectionMatrix(browser, production, detectionSettings, (...measured) =>
      figures.push(...measured),
    )
    figures.push(...(await falseAlarms(browser, production, detectionSettings)))
  }

  if (wanted('checkout')) {
    const checkoutScenarios = CHECKOUT_SCENARIOS.filter((name: CheckoutScenario) => scenarios.includes(name))
    await checkoutsUnderFlakyProvider(
      browser,
      production,
      { checkouts, parallel: checkoutParallel, scenarios: checkoutScenarios, root: productionRoot, progress },
      (...measured) => figures.push(...measured),
    )
  }
} finally {
  await browser.close()
  await Promise.all(servers.map((server) => server.stop()))
}

console.log('')
console.log(humanTable(figures.list))
if (detectionCells.length > 0) {
  console.log('')
  console.log(detectionTable(detectionCells))
}
progress(`done in ${Math.round((Date.now() - startedAt) / 1000)} s`)
