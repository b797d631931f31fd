/**
 * `gateway-false-down-30min` for a fleet (issue 17): three gateway instances, each with its own
 * detector (gateway/health, record 030), exchanging their views every 250 ms as they do through
 * Redis, on a simulated clock; Zuora healthy, but one instance alone meets 1 % random errors (its
 * own network, say). Each instance gets its share of the admins' calls and sends its own idle
 * probes. Counted: every time any instance's report publishes `down` (a false alarm) or `degraded`.
 */
import { createFleetExchange } from '../../gateway/health/fleet-exchange'
import { capabilities, type CallOutcome } from '../../gateway/health/calls'
import { createLocalProbeLease } from '../../gateway/health/lease'
import { createHealthMonitor, type HealthMonitor } from '../../gateway/health/monitor'
import { seededRandom } from '../../gateway/prng'
import { createMemoryStore } from '../../gateway/stores/memory-store'

export type FalseDownFigures = { falseDown: number; degraded: number; simulatedMinutes: number }

const TICK_MS = 100
const EXCHANGE_MS = 250

export async function fleetFalseDowns(options: {
  seed: number
  minutes: number
  instances?: number
  /** Admin calls per second over the whole fleet (each instance gets its share). */
  callsPerSecond?: number
  errorRateOnOne?: number
}): Promise<FalseDownFigures> {
  const random = seededRandom(options.seed)
  const size = options.instances ?? 3
  const rate = options.callsPerSecond ?? 3
  const errorRate = options.errorRateOnOne ?? 0.01
  const clock = { time: 1_700_000_000_000, now: () => clock.time }
  const store = createMemoryStore({ clock })
  const lease = createLocalProbeLease(clock)
  const exchanges = Array.from({ length: size }, (_, i) => createFleetExchange({ store, instance: `gw-${i + 1}` }))
  const monitors: HealthMonitor[] = exchanges.map((fleet) => createHealthMonitor({ clock, lease, fleet }))
  let falseDown = 0
  let degraded = 0
  monitors.forEach((monitor) =>
    monitor.subscribe((change) => {
      if (change.current.published === change.previous.published) return
      if (change.current.published === 'down') falseDown++
      if (change.current.published === 'degraded') degraded++
    }),
  )

  const call = (i: number, capability: (typeof capabilities)[number]) => {
    const startedAt = clock.time
    const latencyMs = 80 + Math.floor(random() * 400)
    const outcome: CallOutcome = i === 0 && random() < errorRate ? { type: 'failure', kind: '5xx' } : { type: 'ok' }
    monitors[i]!.record({ capability, startedAt, endedAt: startedAt + latencyMs, outcome })
  }

  const end = clock.time + options.minutes * 60_000
  for (let step = 0; clock.time < end; step++) {
    clock.time += TICK_MS
    for (let i = 0; i < size; i++) {
      // Admins' calls: this instance's share of the fleet's rate, spread over the capabilities.
      if (random() < (rate / size) * (TICK_MS / 1000))
        call(i, capabilities[Math.floor(random() * capabilities.length)]!)
      for (const capability of monitors[i]!.dueProbes()) call(i, capability)
    }
    if ((step * TICK_MS) % EXCHANGE_MS < TICK_MS)
      await Promise.all(exchanges.map((fleet, i) => fleet.sync(monitors[i]!, clock.time)))
  }
  return { falseDown, degraded, simulatedMinutes: options.minutes }
}
