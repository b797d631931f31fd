/**
 * `npm run bench:gateway`: the gateway at fleet scale (issue 17), loopback only, bounded in count
 * and time. The fleet recipe (scripts/fleet-recipe.ts): nginx in front of three production
 * gateways sharing one Redis, in front of the Zuora simulator. One `name value` a line, then a
 * table with targets and notes:
 *
 *   gateway-status-rps, -p99-ms         the health report through nginx (its cache included)
 *   gateway-read-rps, -p99-ms           subscription reads answered from the copy during an outage
 *   gateway-outage-zuora-rps(-idle)     calls reaching Zuora during that outage, under load and idle
 *   gateway-report-down-ms-p50/-p95     Zuora down → every instance's report `down`, each instance
 *                                       seeing a third of the admins' traffic
 *   gateway-recovery-ms-p50/-p95        Zuora back → every instance's report `operational`
 *   gateway-false-down-30min            simulated: 1 % random errors on one instance only
 *   gateway-redis-down-errors           answers that failed while Redis was stopped and started
 *   gateway-duplicate-orders            keyed orders sent to two instances at once, and retried
 *   gateway-proxy-hang-down-ms, -reset-down-ms, -latency-states
 *                                       one gateway behind the fault proxy: faults on the network
 *   gateway-memory-10k-accounts-mb      one instance's store with 10,000 accounts' copies and sessions
 *
 * Options: --trials N (report-down trials, default 5), --seconds N (each load window, default 10),
 * --seeds N (false-down simulations, default 3).
 */
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fleetFalseDowns } from './bench/fleet-false-down'
import { memoryUnder } from './bench/fleet-memory'
import { networkFaults } from './bench/fleet-network-faults'
import { loadFor, type LoadResult } from './bench/fleet-load'
import { signInOwner, subscriptionComponent, type ComponentStatus } from './bench/gateway-client'
import { percentile } from './bench/gateway-stats'
import { figureLine, humanTable, type Figure } from './bench/stats'
import { startFleet, type Fleet } from './fleet-recipe'

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    seeds: { type: 'string', default: '3' },
  },
  strict: true,
})
const bounded = (name: string, text: string, max: number) => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`--${name} must be a whole number from 1 to ${max}, got "${text}"`)
    process.exit(2)
  }
  return value
}
const trials = bounded('trials', values.trials, 20)
const windowMs = bounded('seconds', values.seconds, 60) * 1000
const seeds = bounded('seeds', values.seeds, 10)

const figures: Figure[] = []
const emit = (...more: Figure[]) => {
  for (const figure of more) {
    figures.push(figure)
    console.log(figureLine(figure))
  }
}
const progress = (message: string) => console.error(`… ${message}`)
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const failures = (result: LoadResult) =>
  Object.entries(result.statuses)
    .filter(([status]) => Number(status) >= 500 || Number(status) === 0)
    .reduce((sum, [, count]) => sum + count, 0)

/** Ms from `since` until every instance's report says `health` (null: not within `timeoutMs`). */
async function untilEvery(
  fleet: Fleet,
  health: ComponentStatus,
  since: number,
  timeoutMs: number,
): Promise<number | null> {
  const pending = new Set(fleet.instances.map((instance) => instance.url))
  let last = 0
  while (Date.now() - since < timeoutMs && pending.size > 0) {
    for (const url of [...pending])
      if ((await subscriptionComponent(url)) === health) {
        pending.delete(url)
        last = Date.now() - since
      }
    await pause(100)
  }
  return pending.size === 0 ? last : null
}

/** Admins: one loop per instance reading the subscription every `everyMs`, until stopped. */
function admins(fleet: Fleet, cookie: string, everyMs: number) {
  let running = true
  const loops = fleet.instances.map(async (instance) => {
    while (running) {
      await fetch(`${instance.url}/api/subscription`, {
        headers: { Cookie: cookie },
        signal: AbortSignal.timeout(5_000),
      })
        .then((answer) => answer.arrayBuffer())
        .catch(() => undefined)
      await pause(everyMs)
    }
  })
  return async () => {
    running = false
    await Promise.all(loops)
  }
}

async function main() {
  // nginx serves a page beside /api; the bench needs no build of the app.
  const root = mkdtempSync(join(tmpdir(), 'bench-gateway-'))
  chmodSync(root, 0o755)
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>bench</title>')
  progress('starting the fleet: Redis, the Zuora simulator, 3 gateways, nginx')
  const fleet = await startFleet({ root, instances: 3 })
  const zuora = fleet.zuora.control
  try {
    const cookie = await signInOwner(fleet.instances[0]!.url, 'correct horse battery staple')
    const urls = fleet.instances.map((instance) => instance.url)
    // Every instance reads once, so each holds the session and the subscription's copy.
    for (const url of urls) await fetch(`${url}/api/subscription`, { headers: { Cookie: cookie } })

    progress(`health report through nginx, ${windowMs / 1000} s`)
    const status = await loadFor({
      url: () => `${fleet.url}/api/billing-status`,
      durationMs: windowMs,
      concurrency: 32,
    })
    emit(
      {
        name: 'gateway-status-rps',
        value: status.perSecond,
        unit: 'count',
        note: `${status.requests} answers, ${failures(status)} failed`,
      },
      { name: 'gateway-status-p99-ms', value: status.p99Ms, unit: 'ms' },
    )

    progress(`Zuora down → every instance's report, ${trials} trials, each instance a third of the admins`)
    const downs: number[] = []
    const recoveries: number[] = []
    for (let trial = 0; trial < trials; trial++) {
      const stop = admins(fleet, cookie, 300)
      await pause(2_000)
      const startedAt = Date.now()
      zuora.select('provider-down', {})
      const down = await untilEvery(fleet, 'down', startedAt, 30_000)
      const backAt = Date.now()
      zuora.select('healthy', {})
      const back = await untilEvery(fleet, 'operational', backAt, 60_000)
      await stop()
      downs.push(down ?? 30_000)
      recoveries.push(back ?? 60_000)
      progress(`trial ${trial + 1}: down after ${down ?? 'never'} ms, back after ${back ?? 'never'} ms`)
    }
    emit(
      { name: 'gateway-report-down-ms-p50', value: percentile(downs, 0.5), unit: 'ms', samples: downs },
      { name: 'gateway-report-down-ms-p95', value: percentile(downs, 0.95), unit: 'ms', target: '≤ 5000' },
      { name: 'gateway-recovery-ms-p50', value: percentile(recoveries, 0.5), unit: 'ms', samples: recoveries },
      { name: 'gateway-recovery-ms-p95', value: percentile(recoveries, 0.95), unit: 'ms' },
    )

    progress('an outage: copies answered under load, and what reaches Zuora')
    const outageAt = Date.now()
    zuora.select('provider-down', {})
    await untilEvery(fleet, 'down', outageAt, 30_000)
    const idleFrom = Date.now()
    await pause(windowMs)
    const idleCalls = zuora.calls(idleFrom).length
    const loadFrom = Date.now()
    const reads = await loadFor({
      url: (index) => `${urls[index % urls.length]}/api/subscription`,
      headers: () => ({ Cookie: cookie }),
      durationMs: windowMs,
      concurrency: 32,
    })
    const loadedCalls = zuora.calls(loadFrom).length
    const loadSeconds = (Date.now() - loadFrom) / 1000
    emit(
      {
        name: 'gateway-read-rps',
        value: reads.perSecond,
        unit: 'count',
        note: `statuses ${JSON.stringify(reads.statuses)}`,
      },
      { name: 'gateway-read-p99-ms', value: reads.p99Ms, unit: 'ms' },
      {
        name: 'gateway-outage-zuora-rps-idle',
        value: idleCalls / (windowMs / 1000),
        unit: 'ratio',
        note: 'probes only',
      },
      {
        name: 'gateway-outage-zuora-rps',
        value: loadedCalls / loadSeconds,
        unit: 'ratio',
        target: 'bounded by the probes',
        note: `${reads.requests} reads in ${loadSeconds.toFixed(1)} s`,
      },
    )
    zuora.select('healthy', {})
    await untilEvery(fleet, 'operational', Date.now(), 60_000)

    progress('Redis stopped and started under load')
    const redisLoad = loadFor({
      url: (index) => `${urls[index % urls.length]}/api/subscription`,
      headers: () => ({ Cookie: cookie }),
      durationMs: 12_000,
      concurrency: 16,
    })
    await pause(3_000)
    await fleet.redis.stop()
    await pause(5_000)
    await fleet.redis.start()
    const underRedisFault = await redisLoad
    emit({
      name: 'gateway-redis-down-errors',
      value: failures(underRedisFault),
      unit: 'count',
      target: '0',
      note: `${underRedisFault.requests} answers, statuses ${JSON.stringify(underRedisFault.statuses)}`,
    })
    await pause(3_000) // the instances rejoin

    progress('keyed orders sent to two instances at once, then retried on the third')
    const ordersFrom = Date.now()
    const orderCount = 10
    const outcomes: number[] = []
    for (let i = 0; i < orderCount; i++) {
      const items = [{ type: 'seats', seats: 40 + i }]
      const quote = await fetch(`${urls[i % 3]}/api/quotes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ items, promoCode: null }),
      })
      const quoteId = ((await quote.json()) as { id: string }).id
      const send = (url: string) =>
        fetch(`${url}/api/orders`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Cookie: cookie,
            'Idempotency-Key': `bench-${ordersFrom}-${i}`,
          },
          body: JSON.stringify({ items, promoCode: null, quoteId }),
        }).then((answer) => answer.status)
      outcomes.push(...(await Promise.all([send(urls[i % 3]!), send(urls[(i + 1) % 3]!)])))
      outcomes.push(await send(urls[(i + 2) % 3]!))
    }
    const created = zuora.calls(ordersFrom).filter((call) => call.operation === 'createOrder').length
    emit({
      name: 'gateway-duplicate-orders',
      value: Math.max(0, created - orderCount),
      unit: 'count',
      target: '0',
      note: `${orderCount} orders, ${created} reached Zuora; answers ${JSON.stringify(countOf(outcomes))}`,
    })
  } finally {
    await fleet.stop()
    rmSync(root, { recursive: true, force: true })
  }

  progress('faults on the network between one gateway and Zuora (the fault proxy)')
  const network = await networkFaults(progress)
  emit(
    {
      name: 'gateway-proxy-hang-down-ms',
      value: network.hangDownMs ?? Number.NaN,
      unit: 'ms',
      target: '≤ 5000',
      note: 'every new connection held',
    },
    {
      name: 'gateway-proxy-reset-down-ms',
      value: network.resetDownMs ?? Number.NaN,
      unit: 'ms',
      target: '≤ 5000',
      note: 'every new connection reset',
    },
    {
      name: 'gateway-proxy-latency-down',
      value: network.latencyStates.includes('down') ? 1 : 0,
      unit: 'count',
      target: '0',
      note: `2.5 s added for 10 s; the report said ${network.latencyStates.join(', ')}`,
    },
  )

  progress('memory: 10,000 accounts in one instance’s store')
  const memory = await memoryUnder(10_000)
  const bounded = await memoryUnder(10_000, 8 * 1024 * 1024)
  emit(
    {
      name: 'gateway-memory-10k-accounts-mb',
      value: memory.storeMb,
      unit: 'ratio',
      target: `≤ ${memory.boundMb} (the bound)`,
      note: `heap +${memory.heapMb.toFixed(1)} MB${globalThis.gc ? '' : ' (no --expose-gc: garbage included)'}; ${memory.evictions} evicted`,
    },
    {
      name: 'gateway-memory-10k-accounts-bounded-mb',
      value: bounded.storeMb,
      unit: 'ratio',
      target: `≤ ${bounded.boundMb}`,
      note: `an 8 MiB bound: ${bounded.evictions} least recently used entries evicted`,
    },
  )

  progress(`false down: 30 simulated minutes, 1 % errors on one of 3 instances, ${seeds} seeds`)
  let falseDown = 0
  for (let seed = 1; seed <= seeds; seed++) falseDown += (await fleetFalseDowns({ seed, minutes: 30 })).falseDown
  emit({ name: 'gateway-false-down-30min', value: falseDown, unit: 'count', target: '0', note: `${seeds} seeds` })

  console.log(`\n${humanTable(figures)}`)
}

function countOf(values: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

await main()
