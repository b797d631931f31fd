/**
 * The health detector and the server's breakers, composed: fed every Zuora call the gateway makes,
 * it computes each capability's state, publishes the report every browser obeys, fails fast while
 * a capability is down and says which capabilities need a synthetic probe. Pure TypeScript on an
 * injected clock (it also runs inside the browser-hosted gateway): no timers of its own; the
 * gateway's runtime calls `tick` (about every 100–250 ms) and `dueProbes`.
 */
import type { Clock } from '../ports'
import { createBreaker, type Admission, type Breaker, type BreakerState, type BreakerTransition } from './breaker'
import { capabilities, type Capability, type ComponentHealth, type Evidence, type RecordedCall } from './calls'
import { createCapabilityCalls, type CapabilityCalls } from './capability-calls'
import { resolveHealthConfig, type HealthConfig } from './config'
import { createLocalProbeLease, type ProbeLease } from './lease'
import { isProbeDue } from './probes'
import { createPublisher, type Publisher } from './publisher'
import type { StatuspageHint } from './statuspage'
import { fleetProbesClose, loneTrouble, mergeViews, currentViews, type SharedView } from './fleet-view'
import { evidenceOf, judge, type CapabilityView } from './rules'

export type CapabilityHealth = {
  /** What the calls show now. The breaker follows it. */
  computed: ComponentHealth
  computedSince: number
  /** What the report says (worse at once, better after `recoverHoldMs`, `holdBackMs` applied). */
  published: ComponentHealth
  /** When `published` last changed. */
  since: number
  evidence: Evidence
  breaker: BreakerState
}

export type HealthSnapshot = {
  at: number
  capabilities: Record<Capability, CapabilityHealth>
  /** What Zuora's status page last said, when one is read (a hint for operators, never a signal). */
  statuspage: StatuspageHint | null
}

export type HealthChange = {
  capability: Capability
  at: number
  previous: CapabilityHealth
  current: CapabilityHealth
  /** The breaker's transitions since the last change, in order (logged and counted by the gateway). */
  transitions: BreakerTransition[]
}

export type HealthMonitor = {
  readonly config: HealthConfig
  /** How long the published report keeps saying operational after trouble starts (statusDelayMs). */
  setHoldBackMs(ms: number): void
  /** A call to Zuora went out (so that a hang counts before any time-out fires). */
  started(capability: Capability, id: string, at?: number): void
  finished(id: string): void
  /** A call ended; with its `id`, this also ends its in-flight entry. */
  record(call: RecordedCall): void
  /** Before each Zuora call: `allowed: false` means answer 503 with Retry-After at once. */
  admit(capability: Capability): Promise<Admission>
  /** The capabilities whose synthetic probe should go out now (through `admit`, then `record`). */
  dueProbes(now?: number): Capability[]
  /** Evaluates every capability and publishes; listeners hear of every change. */
  tick(now?: number): void
  snapshot(now?: number): HealthSnapshot
  subscribe(listener: (change: HealthChange) => void): () => void
  /** Zuora's status page, read now and then: trouble there makes probes go at the suspect cadence. */
  setHint(hint: StatuspageHint | null): void
  /** This instance's own view of a capability, for the fleet's shared store (record 030). */
  sharedView(capability: Capability, now?: number): SharedView
}

/** A fleet: this instance's name, and the other instances' latest views (kept fresh by the runtime). */
export type FleetPeers = { instance: string; peers(capability: Capability): readonly SharedView[] }

type Slot = {
  calls: CapabilityCalls
  breaker: Breaker
  publisher: Publisher
  health: CapabilityHealth
  closedAt: number | null
  lastOkAt: number
  probes: SharedView['probes']
}

/** How many of its last probes an instance shares: enough for `closeAfterSuccesses` in a row. */
const SHARED_PROBES = 5

export function createHealthMonitor({
  clock,
  config: overrides,
  lease,
  fleet,
}: {
  clock: Clock
  config?: Partial<HealthConfig>
  lease?: ProbeLease
  fleet?: FleetPeers
}): HealthMonitor {
  const config = resolveHealthConfig(overrides)
  const probeLease = lease ?? createLocalProbeLease(clock)
  const listeners = new Set<(change: HealthChange) => void>()
  const capabilityOfCall = new Map<string, Capability>()
  const startedAt = clock.now()
  let hint: StatuspageHint | null = null
  const pendingTransitions = new Map<Capability, BreakerTransition[]>(capabilities.map((c) => [c, []]))

  const slots = Object.fromEntries(
    capabilities.map((capability) => {
      const calls = createCapabilityCalls(config)
      const breaker = createBreaker(capability, config, probeLease, (transition) =>
        pendingTransitions.get(capability)?.push(transition),
      )
      const publisher = createPublisher(config, startedAt)
      const verdict = judge(calls.view(startedAt), config)
      const health: CapabilityHealth = {
        computed: 'operational',
        computedSince: startedAt,
        published: 'operational',
        since: startedAt,
        evidence: verdict.evidence,
        breaker: 'closed',
      }
      const slot: Slot = { calls, breaker, publisher, health, closedAt: null, lastOkAt: -Infinity, probes: [] }
      return [capability, slot]
    }),
  ) as Record<Capability, Slot>

  const shareOf = (slot: Slot, view: CapabilityView): SharedView => ({
    instance: fleet?.instance ?? 'gateway',
    at: view.now,
    breaker: slot.breaker.state,
    openedAt: slot.breaker.openedAt,
    closedAt: slot.closedAt,
    // JSON has no -Infinity: "never" is written as 0.
    lastOkAt: Math.max(0, slot.lastOkAt),
    lastFailureAt: Math.max(0, slot.calls.lastFailureAt),
    probes: slot.probes,
    view,
  })

  /** The verdict on this instance's calls alone, or on the fleet's when there is one. */
  function verdictOf(capability: Capability, slot: Slot, now: number) {
    const local = slot.calls.view(now)
    if (!fleet) return { view: local, verdict: judge(local, config) }
    const own = shareOf(slot, local)
    const peers = fleet.peers(capability)
    // The fleet's probes, not just ours, say when Zuora is back: every instance closes together.
    const openedAt = slot.breaker.openedAt
    if (openedAt !== null && fleetProbesClose(currentViews(own, peers, now), openedAt, config.closeAfterSuccesses)) {
      slot.breaker.closeForFleet()
      slot.calls.reset(now)
      slot.closedAt = now
      return verdictOf(capability, slot, now)
    }
    const merged = mergeViews(own, peers, now)
    const verdict = judge(merged.view, config)
    const lone = loneTrouble(merged)
    if (lone === null || verdict.health === 'operational' || verdict.evidence.rule === 'shedding')
      return { view: merged.view, verdict }
    const summary = `only ${lone} of ${merged.reporting.length} instances sees trouble (${verdict.evidence.summary}): not Zuora's`
    return {
      view: merged.view,
      verdict: {
        health: 'operational' as const,
        evidence: { ...verdict.evidence, rule: 'lone_instance' as const, summary },
      },
    }
  }

  function evaluate(capability: Capability, now: number) {
    const slot = slots[capability]
    const { view, verdict } = verdictOf(capability, slot, now)
    if (verdict.health === 'down' && slot.breaker.state === 'closed') slot.breaker.trip(now, verdict.evidence)
    slot.breaker.expireProbe(now)
    const open = slot.breaker.state !== 'closed'
    const computed = open ? 'down' : verdict.health
    const evidence = open ? heldOpenEvidence(slot.breaker, view, now) : verdict.evidence
    const published = slot.publisher.update(now, computed)
    const previous = slot.health
    const current: CapabilityHealth = {
      computed,
      computedSince: computed === previous.computed ? previous.computedSince : now,
      published: published.health,
      since: published.since,
      evidence,
      breaker: slot.breaker.state,
    }
    slot.health = current
    const transitions = pendingTransitions.get(capability)?.splice(0) ?? []
    const changed =
      transitions.length > 0 ||
      current.computed !== previous.computed ||
      current.published !== previous.published ||
      current.breaker !== previous.breaker
    if (changed) for (const listener of listeners) listener({ capability, at: now, previous, current, transitions })
  }

  function heldOpenEvidence(breaker: Breaker, view: ReturnType<CapabilityCalls['view']>, now: number): Evidence {
    const cause = breaker.cause
    const openForS = ((now - (breaker.openedAt ?? now)) / 1000).toFixed(1)
    const summary = `${cause?.summary ?? 'down'}; breaker open for ${openForS} s, ${breaker.successes} of ${config.closeAfterSuccesses} probes answered`
    return evidenceOf(view, config, { rule: cause?.rule ?? 'consecutive_failures', summary })
  }

  const tick = (now = clock.now()) => {
    for (const capability of capabilities) evaluate(capability, now)
  }

  return {
    config,
    setHoldBackMs(ms: number) {
      ;(config as { holdBackMs: number }).holdBackMs = Math.max(0, ms)
    },
    started(capability, id, at = clock.now()) {
      capabilityOfCall.set(id, capability)
      slots[capability].calls.started(id, at)
    },
    finished(id) {
      const capability = capabilityOfCall.get(id)
      if (capability === undefined) return
      capabilityOfCall.delete(id)
      slots[capability].calls.finished(id)
    },
    record(call) {
      if (call.id !== undefined) capabilityOfCall.delete(call.id)
      const slot = slots[call.capability]
      slot.calls.record(call)
      const { outcome } = call
      const result = outcome.type === 'ok' ? 'success' : outcome.type === 'ignored' ? 'neutral' : 'failure'
      if (result === 'success') slot.lastOkAt = Math.max(slot.lastOkAt, call.endedAt)
      if (call.probe === true && result !== 'neutral')
        slot.probes = [
          ...slot.probes,
          { startedAt: call.startedAt, endedAt: call.endedAt, ok: result === 'success' },
        ].slice(-SHARED_PROBES)
      // Zuora answered what the breaker asked: start afresh, the window's outage is over.
      if (slot.breaker.onOutcome(result, call.startedAt, call.probe === true)) {
        slot.calls.reset(call.endedAt)
        slot.closedAt = call.endedAt
      }
      evaluate(call.capability, clock.now())
    },
    async admit(capability) {
      const now = clock.now()
      evaluate(capability, now)
      const slot = slots[capability]
      const admission = await slot.breaker.admit(now, slot.calls.retryAfterUntil)
      if (admission.allowed && admission.probe) evaluate(capability, clock.now())
      return admission
    },
    dueProbes(now = clock.now()) {
      tick(now)
      return capabilities.filter((capability) => {
        const { calls, breaker } = slots[capability]
        if (breaker.state !== 'closed') return breaker.probeWindowOpen(now, calls.retryAfterUntil)
        return isProbeDue(
          {
            now,
            lastStartedAt: calls.lastStartedAt,
            lastFailureAt: calls.lastFailureAt,
            retryAfterUntil: calls.retryAfterUntil,
            hinted: hint?.troubled === true,
          },
          config,
        )
      })
    },
    tick,
    snapshot(now = clock.now()) {
      tick(now)
      const entries = capabilities.map((capability) => [capability, slots[capability].health])
      return {
        at: now,
        capabilities: Object.fromEntries(entries) as Record<Capability, CapabilityHealth>,
        statuspage: hint,
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    setHint(next) {
      hint = next
    },
    sharedView(capability, now = clock.now()) {
      const slot = slots[capability]
      return shareOf(slot, slot.calls.view(now))
    },
  }
}
