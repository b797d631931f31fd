/**
 * The one availability state of billing for the whole app. It combines, per provider capability:
 * - the vendor's health report (the status endpoint sees the provider for every customer at once:
 *   the primary signal), which says operational, degraded or down;
 * - this browser's circuit breaker, the fallback when the report lags or cannot be reached;
 * - this browser's recent calls (slow or unreliable, see call-window.ts), a notice only;
 * and the operators' maintenance flag on top. Pages ask it (through useActionAvailability and
 * QuerySection) whether an action is allowed and how fresh a section is; they never count failures
 * or read the flag themselves. The store is created by the resilience runtime (runtime.ts), one per
 * app, so tests and gallery frames each get their own.
 */
import { createStore } from 'zustand/vanilla'
import { recoveringMs } from '@/config/resilience'
import {
  capabilitySchema,
  type Capability,
  type ComponentHealth,
  type Maintenance,
  type MaintenanceMessages,
} from '@/lib/api/schemas'
import type { CallSignal } from '@/lib/resilience/call-window'
import type { ProviderHealth } from '@/lib/resilience/health-report'
import { closedSnapshot, type BreakerSnapshot } from '@/lib/resilience/shared-breaker'

export type AvailabilityStatus = 'operational' | 'degraded' | 'maintenance' | 'recovering'
/**
 * Who said so: the operators' flag; the vendor's health report; this browser's breaker; this
 * browser's own calls (slow or unreliable); or nobody, because the status cannot be read.
 */
export type AvailabilitySource = 'operators' | 'health-report' | 'breaker' | 'browser' | 'status-unreachable' | null

/** Edits (seats, plan, add-ons, checkout) depend on this capability: if it fails, billing goes to maintenance. */
export const editCapability: Capability = 'subscription'

export const capabilityList: readonly Capability[] = capabilitySchema.options

export type CapabilityHealth = {
  /** down: its edits are paused and nothing is sent to it (but a query's first read); degraded: a notice, edits stay possible. */
  state: 'operational' | 'degraded' | 'down'
  source: Exclude<AvailabilitySource, 'operators' | 'status-unreachable'>
  /** For degraded: what the admin is told (slow, or failing now and then). */
  why: 'slow' | 'unreliable' | null
}

export type AvailabilityInputs = {
  /** The operators' flag as last read; null until the status endpoint first answers. */
  maintenance: Maintenance | null
  /** What the health report says of each capability; null while it cannot be read (or is too old). */
  report: ProviderHealth | null
  breakers: Record<Capability, BreakerSnapshot>
  calls: Record<Capability, CallSignal>
  /** Set when billing comes back; "recovering" until then (refetching, then a calm banner). */
  recoveringUntil: number | null
}

export type Availability = {
  status: AvailabilityStatus
  source: AvailabilitySource
  /** When the current status began (ms). */
  since: number
  /** The operators' message while they hold maintenance: the default, and per language (maintenance-message.ts picks). */
  message: string | null
  messages: MaintenanceMessages
  nextUpdateAt: string | null
  generation: number | null
  capabilities: Record<Capability, CapabilityHealth>
  statusReachable: boolean
}

const perCapability = <T>(value: T): Record<Capability, T> =>
  Object.fromEntries(capabilityList.map((capability) => [capability, value])) as Record<Capability, T>

export const initialAvailabilityInputs = (): AvailabilityInputs => ({
  maintenance: null,
  report: {},
  breakers: perCapability(closedSnapshot),
  calls: perCapability<CallSignal>(null),
  recoveringUntil: null,
})

/** One capability: the report first, then the breaker, then what this browser's calls say. */
export function capabilityHealth(
  reported: ComponentHealth | undefined,
  breaker: BreakerSnapshot,
  calls: CallSignal,
): CapabilityHealth {
  if (reported === 'down') return { state: 'down', source: 'health-report', why: null }
  if (breaker.state !== 'closed' && !breaker.released) return { state: 'down', source: 'breaker', why: null }
  if (reported === 'degraded') return { state: 'degraded', source: 'health-report', why: calls }
  if (calls !== null) return { state: 'degraded', source: 'browser', why: calls }
  return { state: 'operational', source: null, why: null }
}

export function deriveAvailability(
  inputs: AvailabilityInputs,
  now: number,
): Omit<Availability, 'since'> & { since: number | null } {
  const capabilities = Object.fromEntries(
    capabilityList.map((capability) => [
      capability,
      capabilityHealth(inputs.report?.[capability], inputs.breakers[capability], inputs.calls[capability]),
    ]),
  ) as Record<Capability, CapabilityHealth>
  const base = {
    message: null,
    messages: {},
    nextUpdateAt: null,
    generation: inputs.maintenance?.generation ?? null,
    capabilities,
    statusReachable: inputs.report !== null,
  }
  const sinceOf = (capability: Capability) => inputs.breakers[capability].since
  if (inputs.maintenance?.enabled) {
    const since = inputs.maintenance.since ? Date.parse(inputs.maintenance.since) : null
    return {
      ...base,
      status: 'maintenance',
      source: 'operators',
      since,
      message: inputs.maintenance.message,
      messages: inputs.maintenance.messages ?? {},
      nextUpdateAt: inputs.maintenance.nextUpdateAt,
    }
  }
  const edits = capabilities[editCapability]
  if (edits.state === 'down') {
    return {
      ...base,
      status: 'maintenance',
      source: edits.source,
      since: edits.source === 'breaker' ? sinceOf(editCapability) : null,
    }
  }
  const down = capabilityList.find((capability) => capabilities[capability].state === 'down')
  if (down) return { ...base, status: 'degraded', source: capabilities[down].source, since: null }
  const degradedBy = (pick: (health: CapabilityHealth) => boolean) =>
    capabilityList.find((capability) => capabilities[capability].state === 'degraded' && pick(capabilities[capability]))
  const reported = degradedBy((health) => health.source !== 'browser')
  if (reported) return { ...base, status: 'degraded', source: capabilities[reported].source, since: null }
  // Never "all is well" on no information: without the status endpoint we cannot know the flag. That
  // outranks this browser's own notice: calls failing while the status cannot be read either is more
  // likely our API or the network than a provider that fails now and then.
  if (inputs.report === null) return { ...base, status: 'degraded', source: 'status-unreachable', since: null }
  const noticed = degradedBy(() => true)
  if (noticed) return { ...base, status: 'degraded', source: capabilities[noticed].source, since: null }
  if (inputs.recoveringUntil !== null && now < inputs.recoveringUntil)
    return { ...base, status: 'recovering', source: null, since: null }
  return { ...base, status: 'operational', source: null, since: null }
}

type AvailabilityState = AvailabilityInputs & { availability: Availability }

/** Recompute from new inputs; the status keeps its "since" while it does not change. */
function next(state: AvailabilityState, inputs: AvailabilityInputs, now: number): AvailabilityState {
  const previous = state.availability
  let derived = deriveAvailability(inputs, now)
  // Leaving maintenance (or an outage of a part) goes through "recovering": billing is back, pages refresh.
  let recoveringUntil = inputs.recoveringUntil
  // (A "slow" notice ending is not a recovery: nothing was unavailable.)
  const wasDown =
    previous.status === 'maintenance' ||
    previous.source === 'status-unreachable' ||
    capabilityList.some((capability) => previous.capabilities[capability].state === 'down')
  if (wasDown && (derived.status === 'operational' || derived.status === 'recovering')) {
    recoveringUntil = now + recoveringMs
    derived = deriveAvailability({ ...inputs, recoveringUntil }, now)
  }
  const sameStatus = derived.status === previous.status && derived.source === previous.source
  const since = derived.since ?? (sameStatus ? previous.since : now)
  return { ...inputs, recoveringUntil, availability: { ...derived, since } }
}

export function createAvailabilityStore(now: () => number) {
  const initial = (): AvailabilityState => {
    const inputs = initialAvailabilityInputs()
    return { ...inputs, availability: { ...deriveAvailability(inputs, now()), since: now() } as Availability }
  }
  const store = createStore<AvailabilityState>()(() => initial())
  const update = (change: Partial<AvailabilityInputs>) => {
    const state = store.getState()
    const { availability: _, ...inputs } = state
    store.setState(next(state, { ...inputs, ...change }, now()), true)
  }
  return {
    store,
    get: () => store.getState().availability,
    inputs: (): AvailabilityInputs => store.getState(),
    update,
    endRecovering: () => update({ recoveringUntil: null }),
    reset: () => store.setState(initial(), true),
  }
}

export type AvailabilityStore = ReturnType<typeof createAvailabilityStore>
