/**
 * The detector against a simulated Zuora on a simulated clock: a healthy warm-up, then a fault,
 * optionally Zuora's recovery. Every call (an admin's or a synthetic probe) goes through `admit`
 * and is recorded as the gateway records it. Deterministic for a seed; no timers, no I/O, so the
 * tests and the lead's bench (`npm run bench`) print the same figures.
 */
import type { Capability } from './calls'
import { capabilities } from './calls'
import type { HealthConfig } from './config'
import { createHealthMonitor, type HealthSnapshot } from './monitor'
import { seededRandom } from '../prng'
import { simulatedFaults, type CallFate, type SimulatedFault } from './simulated-faults'

export { simulatedFaults, type SimulatedFault } from './simulated-faults'

/** `one-admin`: a page view every 3–5 s touching 1–2 capabilities; or a steady rate of calls. */
export type SimulatedTraffic = 'none' | 'one-admin' | { callsPerSecond: number }

export type SimulationOptions = {
  fault: SimulatedFault
  traffic: SimulatedTraffic
  seed: number
  /** How long the fault lasts (all of the measured time for `healthy`). */
  durationMs: number
  /** Healthy time before the fault (windows full, probes in their rhythm). Default 30 s. */
  warmUpMs?: number
  /** When set, Zuora is healthy again after the fault, watched this long: gives `recoveredMs`. */
  recoveryMs?: number
  /** The capabilities the fault hits (default all four); the others stay healthy. */
  affected?: Capability[]
  healthyErrorRate?: number
  config?: Partial<HealthConfig>
  /** The gateway's own time-out of a Zuora call. Default 10 s. */
  gatewayTimeoutMs?: number
  /** The simulation's step: when ticks, probes and page views happen. Default 50 ms. */
  stepMs?: number
  /** Called with the report at every step (traces, plots); `faultStart` says when the fault began. */
  trace?: (now: number, snapshot: HealthSnapshot, faultStart: number) => void
}

export type DetectionFigures = {
  /**
   * From the fault's start until the report first said `down`, for the slowest of the affected
   * capabilities (each counted from its own first `down`); null when one never did.
   */
  firstDownMs: number | null
  /** The same for `degraded` or worse. */
  firstDegradedMs: number | null
  /** Times the report turned `down` where it should not have (healthy times, unaffected or degraded-only faults). */
  falseDown: number
  /** Times it turned from `operational` to `degraded` where it should have stayed `operational`. */
  falseDegraded: number
  /** From Zuora's recovery until the report said `operational` for every affected capability. */
  recoveredMs?: number | null
  /** Zuora calls during the fault, and the most probes in flight at once for one capability while open. */
  callsDuringFault: number
  maxProbesInFlightWhileOpen: number
}

type Pending = { id: string; capability: Capability; startedAt: number; endsAt: number; fate: CallFate; probe: boolean }

const adminWeights: [Capability, number][] = [
  ['subscription', 0.4],
  ['invoices', 0.25],
  ['billingDetails', 0.2],
  ['payments', 0.15],
]

export async function simulateDetection(options: SimulationOptions): Promise<DetectionFigures> {
  const { fault, traffic, seed, durationMs, warmUpMs = 30_000, recoveryMs, stepMs = 50 } = options
  const { healthyErrorRate = 0.01, gatewayTimeoutMs = 10_000 } = options
  const affected = new Set(options.affected ?? capabilities)
  const fates = seededRandom(seed)
  const choices = seededRandom(seed * 7919 + 17)
  let now = 0
  const monitor = createHealthMonitor({ clock: { now: () => now }, config: options.config })
  // The fault starts at a seeded moment within a second, so probes meet it at every phase.
  const faultStart = warmUpMs + Math.floor(choices() * 1_000)
  const faultEnd = faultStart + durationMs
  const endAt = faultEnd + (recoveryMs ?? 0)
  const model = simulatedFaults[fault]

  const pending: Pending[] = []
  const faultedCalls = new Map<Capability, number>()
  let callNumber = 0
  let callsDuringFault = 0
  let maxProbesInFlightWhileOpen = 0
  let nextPageViewAt = warmUpMs > 0 ? choices() * 4_000 : 0
  let steadyCallsOwed = 0

  const faulty = (capability: Capability, at: number) => affected.has(capability) && at >= faultStart && at < faultEnd

  async function call(capability: Capability) {
    const admission = await monitor.admit(capability)
    if (!admission.allowed) return // the gateway answers 503 with Retry-After: no Zuora call
    const nth = faultedCalls.get(capability) ?? 0
    if (faulty(capability, now)) faultedCalls.set(capability, nth + 1)
    const fate = faulty(capability, now)
      ? model.fate(fates, healthyErrorRate, nth)
      : simulatedFaults.healthy.fate(fates, healthyErrorRate, 0)
    const id = `call-${(callNumber += 1)}`
    const endsAt = now + Math.min(fate.latencyMs, gatewayTimeoutMs)
    const timedOut = fate.latencyMs >= gatewayTimeoutMs
    const outcome = timedOut ? ({ type: 'failure', kind: 'timeout' } as const) : fate.outcome
    monitor.started(capability, id, now)
    pending.push({
      id,
      capability,
      startedAt: now,
      endsAt,
      fate: { latencyMs: fate.latencyMs, outcome },
      probe: admission.probe === true,
    })
    if (now >= faultStart && now < faultEnd) callsDuringFault += 1
  }

  function pickAdminCapabilities(): Capability[] {
    const pick = (): Capability => {
      let roll = choices()
      for (const [capability, weight] of adminWeights) if ((roll -= weight) < 0) return capability
      return 'subscription'
    }
    const first = pick()
    const second = choices() < 0.5 ? pick() : first
    return second === first ? [first] : [first, second]
  }

  const watch = createWatch({ faultStart, faultEnd, affected, expected: model.expected })

  while (now < endAt) {
    now += stepMs
    pending.sort((a, b) => a.endsAt - b.endsAt)
    while (pending.length > 0 && pending[0]!.endsAt <= now) {
      const done = pending.shift()!
      monitor.record({ ...done, endedAt: done.endsAt, outcome: done.fate.outcome })
    }
    if (traffic === 'one-admin' && now >= nextPageViewAt) {
      for (const capability of pickAdminCapabilities()) await call(capability)
      nextPageViewAt = now + 3_000 + choices() * 2_000
    } else if (typeof traffic === 'object') {
      steadyCallsOwed += (traffic.callsPerSecond * stepMs) / 1_000
      for (; steadyCallsOwed >= 1; steadyCallsOwed -= 1)
        await call(capabilities[Math.floor(choices() * capabilities.length)]!)
    }
    for (const capability of monitor.dueProbes(now)) await call(capability)
    const snapshot = monitor.snapshot(now)
    for (const capability of capabilities) {
      if (snapshot.capabilities[capability].breaker === 'closed') continue
      const probes = pending.filter((p) => p.capability === capability && p.probe).length
      maxProbesInFlightWhileOpen = Math.max(maxProbesInFlightWhileOpen, probes)
    }
    watch.observe(now, snapshot)
    options.trace?.(now, snapshot, faultStart)
  }
  return { ...watch.figures(recoveryMs !== undefined), callsDuringFault, maxProbesInFlightWhileOpen }
}

/** Reads the published report at each step and turns it into the figures. */
function createWatch({
  faultStart,
  faultEnd,
  affected,
  expected,
}: {
  faultStart: number
  faultEnd: number
  affected: Set<Capability>
  expected: 'operational' | 'degraded' | 'down'
}) {
  const firstDownAt = new Map<Capability, number>()
  const firstDegradedAt = new Map<Capability, number>()
  let recoveredAt: number | null = null
  let falseDown = 0
  let falseDegraded = 0
  let previous: HealthSnapshot | null = null

  return {
    observe(now: number, snapshot: HealthSnapshot) {
      const during = now >= faultStart && now < faultEnd
      const states = [...affected].map((capability) => snapshot.capabilities[capability].published)
      for (const capability of during ? affected : []) {
        const published = snapshot.capabilities[capability].published
        if (published === 'down' && !firstDownAt.has(capability)) firstDownAt.set(capability, now)
        if (published !== 'operational' && !firstDegradedAt.has(capability)) firstDegradedAt.set(capability, now)
      }
      if (now >= faultEnd && recoveredAt === null && states.every((s) => s === 'operational')) recoveredAt = now
      for (const capability of capabilities) {
        const was = previous?.capabilities[capability].published ?? 'operational'
        const is = snapshot.capabilities[capability].published
        if (was === is) continue
        const faultHere = during && affected.has(capability)
        // What the report may say here: the fault's verdict during it; after a `down` fault, the
        // report is still coming back down → operational, and that is not a false alarm.
        const allowed = faultHere ? expected : 'operational'
        if (is === 'down' && allowed !== 'down') falseDown += 1
        if (is === 'degraded' && was === 'operational' && allowed === 'operational') falseDegraded += 1
      }
      previous = snapshot
    },
    figures(withRecovery: boolean) {
      const since = (at: number | null, from: number) => (at === null ? null : at - from)
      const slowest = (firsts: Map<Capability, number>) =>
        firsts.size < affected.size ? null : since(Math.max(...firsts.values()), faultStart)
      return {
        firstDownMs: slowest(firstDownAt),
        firstDegradedMs: slowest(firstDegradedAt),
        falseDown,
        falseDegraded,
        ...(withRecovery ? { recoveredMs: since(recoveredAt, faultEnd) } : {}),
      }
    },
  }
}
