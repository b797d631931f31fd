/**
 * One incident per capability while the health report says it is not operational: opened when the
 * report leaves `operational`, changed when it moves between `degraded` and `down`, resolved when
 * it is back. Kept in the own-state document, which a fleet changes by compare-and-set, so exactly
 * one instance records each change and that instance alone tells the operators (alerts/pagerduty.ts).
 * Browsers' reports of the same trouble join the open incident instead of adding alerts of their own.
 */
import type { Capability, ComponentHealth } from '../../src/lib/api/schemas'
import type { OwnState } from './own-state'

export type Incident = {
  /** PagerDuty's dedup_key: one per capability and opening, so a new outage is a new incident. */
  key: string
  capability: Capability
  health: Exclude<ComponentHealth, 'operational'>
  openedAt: string
  changedAt: string
  resolvedAt: string | null
  /** What the detector saw when it last changed (its evidence's summary). */
  summary: string
  /** Browsers' alerts folded in while it was open. */
  browserReports: number
}

/** What the operators must be told: nothing, an incident opened or changed, or one resolved. */
export type IncidentChange = { action: 'trigger' | 'resolve'; incident: Incident } | null

const MAX_KEPT = 50

const open = (state: OwnState, capability: Capability) =>
  (state.incidents ?? []).find((incident) => incident.capability === capability && incident.resolvedAt === null)

/**
 * Applies the report's new state for a capability to the incidents; returns what to tell the
 * operators. Idempotent: a second instance applying the same change finds nothing to do.
 */
export function applyHealthToIncidents(
  state: OwnState,
  capability: Capability,
  health: ComponentHealth,
  summary: string,
  at: Date,
): IncidentChange {
  const incidents = state.incidents ?? []
  const current = open(state, capability)
  const when = at.toISOString()
  if (health === 'operational') {
    if (!current) return null
    const resolved = { ...current, resolvedAt: when, changedAt: when }
    state.incidents = incidents.map((incident) => (incident === current ? resolved : incident))
    return { action: 'resolve', incident: resolved }
  }
  if (current?.health === health) return null
  const next: Incident = current
    ? { ...current, health, changedAt: when, summary }
    : {
        key: `billing-${capability}-${at.getTime()}`,
        capability,
        health,
        openedAt: when,
        changedAt: when,
        resolvedAt: null,
        summary,
        browserReports: 0,
      }
  state.incidents = [next, ...incidents.filter((incident) => incident !== current)].slice(0, MAX_KEPT)
  return { action: 'trigger', incident: next }
}

/** A browser's report of trouble with `capability`: folded into its open incident, if there is one. */
export function joinOpenIncident(state: OwnState, capability: Capability | null): Incident | null {
  if (capability === null) return null
  const current = open(state, capability)
  if (!current) return null
  const joined = { ...current, browserReports: current.browserReports + 1 }
  state.incidents = (state.incidents ?? []).map((incident) => (incident === current ? joined : incident))
  return joined
}
