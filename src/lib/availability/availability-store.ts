/**
 * The one availability state of billing for the whole app. It combines the operators'
 * maintenance flag (from the vendor's status endpoint, which stays up) with what this browser's
 * circuit breakers have seen of the provider. Pages ask it (through useActionAvailability and
 * QuerySection) whether an action is allowed and how fresh a section is; they never count
 * failures or read the flag themselves.
 */
import { create } from 'zustand'
import { recoveringMs } from '@/config/resilience'
import type { BillingStatus, Capability, Maintenance } from '@/lib/api/schemas'
import type { BreakerSnapshot, BreakerState } from '@/lib/resilience/shared-breaker'

export type AvailabilityStatus = 'operational' | 'degraded' | 'maintenance' | 'recovering'
export type AvailabilitySource = 'operators' | 'breaker' | 'status-unreachable' | null

/** Edits (seats, plan, add-ons, checkout) depend on this capability: if it fails, billing goes to maintenance. */
export const editCapability: Capability = 'subscription'

type Inputs = {
  /** The operators' flag as last read; null until the status endpoint first answers. */
  maintenance: Maintenance | null
  /** False while the status endpoint cannot be reached: then only the breakers are trusted. */
  statusReachable: boolean
  breakers: Record<Capability, BreakerSnapshot>
  /** Set when billing comes back; "recovering" until then (refetching, then a calm banner). */
  recoveringUntil: number | null
}

export type Availability = {
  status: AvailabilityStatus
  source: AvailabilitySource
  /** When the current status began (ms). */
  since: number
  /** The operators' message while they hold maintenance. */
  message: string | null
  nextUpdateAt: string | null
  generation: number | null
  capabilities: Record<Capability, BreakerState>
  statusReachable: boolean
}

type Store = Inputs & {
  availability: Availability
  setStatus: (status: BillingStatus) => void
  setStatusUnreachable: () => void
  setBreaker: (capability: Capability, snapshot: BreakerSnapshot) => void
  endRecovering: () => void
  reset: () => void
}

const closed: BreakerSnapshot = { state: 'closed', incidentId: null, since: null }
const initialInputs = (): Inputs => ({
  maintenance: null,
  statusReachable: true,
  breakers: { subscription: closed, invoices: closed, payments: closed, billingDetails: closed },
  recoveringUntil: null,
})

export function deriveAvailability(inputs: Inputs, now: number): Omit<Availability, 'since'> & { since: number | null } {
  const capabilities = Object.fromEntries(
    Object.entries(inputs.breakers).map(([capability, snapshot]) => [capability, snapshot.state]),
  ) as Record<Capability, BreakerState>
  const base = {
    message: null,
    nextUpdateAt: null,
    generation: inputs.maintenance?.generation ?? null,
    capabilities,
    statusReachable: inputs.statusReachable,
  }
  const editBreaker = inputs.breakers[editCapability]
  if (inputs.maintenance?.enabled) {
    const since = inputs.maintenance.since ? Date.parse(inputs.maintenance.since) : null
    return {
      ...base,
      status: 'maintenance',
      source: 'operators',
      since,
      message: inputs.maintenance.message,
      nextUpdateAt: inputs.maintenance.nextUpdateAt,
    }
  }
  if (editBreaker.state !== 'closed') return { ...base, status: 'maintenance', source: 'breaker', since: editBreaker.since }
  const openOther = Object.values(inputs.breakers).find((snapshot) => snapshot.state !== 'closed')
  if (openOther) return { ...base, status: 'degraded', source: 'breaker', since: openOther.since }
  // Never "all is well" on no information: without the status endpoint we cannot know the flag.
  if (!inputs.statusReachable) return { ...base, status: 'degraded', source: 'status-unreachable', since: null }
  if (inputs.recoveringUntil !== null && now < inputs.recoveringUntil) return { ...base, status: 'recovering', source: null, since: null }
  return { ...base, status: 'operational', source: null, since: null }
}

/** Recompute from new inputs; the status keeps its "since" while it does not change. */
function next(state: Store, inputs: Inputs, now = Date.now()): Pick<Store, keyof Inputs | 'availability'> {
  const previous = state.availability
  const derived = deriveAvailability(inputs, now)
  // Leaving maintenance or a degraded state goes through "recovering": billing is back, pages refresh.
  let recoveringUntil = inputs.recoveringUntil
  if (
    (previous.status === 'maintenance' || previous.status === 'degraded') &&
    (derived.status === 'operational' || derived.status === 'recovering')
  ) {
    recoveringUntil = now + recoveringMs
    Object.assign(derived, deriveAvailability({ ...inputs, recoveringUntil }, now))
  }
  const since = derived.since ?? (derived.status === previous.status ? previous.since : now)
  return { ...inputs, recoveringUntil, availability: { ...derived, since } }
}

const initialState = (): Pick<Store, keyof Inputs | 'availability'> => {
  const inputs = initialInputs()
  return { ...inputs, availability: { ...deriveAvailability(inputs, 0), since: Date.now() } as Availability }
}

export const useAvailabilityStore = create<Store>()((set, get) => ({
  ...initialState(),
  setStatus: (status) => set(next(get(), { ...pickInputs(get()), maintenance: status.maintenance, statusReachable: true })),
  setStatusUnreachable: () => set(next(get(), { ...pickInputs(get()), statusReachable: false })),
  setBreaker: (capability, snapshot) =>
    set(next(get(), { ...pickInputs(get()), breakers: { ...get().breakers, [capability]: snapshot } })),
  endRecovering: () => set(next(get(), { ...pickInputs(get()), recoveringUntil: null })),
  reset: () => set(initialState()),
}))

function pickInputs(state: Store): Inputs {
  const { maintenance, statusReachable, breakers, recoveringUntil } = state
  return { maintenance, statusReachable, breakers, recoveringUntil }
}

export const useAvailability = () => useAvailabilityStore((state) => state.availability)
