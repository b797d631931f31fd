/**
 * Whether this browser may probe a capability now, given what the vendor's own status endpoint
 * says of the provider. That endpoint stays up in an outage and watches the provider from the
 * server side, so:
 * - while it reports a capability's component down, browsers do not probe it at all: a fleet of
 *   100,000 open consoles each probing every few seconds is load the struggling provider does not
 *   need (see `npm run bench:fleet`), and their probes would only fail;
 * - when it reports the component back, each browser probes after a random delay within a spread,
 *   so the fleet's probes (and the refetches that follow them) do not arrive together;
 * - when it cannot be reached, or says nothing of the capability, browsers probe on their own, as
 *   the breaker's jittered wait allows (the fallback is never "stay down forever").
 */
import { breaker as settings } from '@/config/resilience'
import type { BillingStatus, Capability, ComponentHealth } from '@/lib/api/schemas'

export type ProviderHealth = Partial<Record<Capability, ComponentHealth>>

/** The worst health the status endpoint reports for each capability's components. */
export function providerHealthOf(status: BillingStatus): ProviderHealth {
  const rank: Record<ComponentHealth, number> = { operational: 0, degraded: 1, down: 2 }
  const health: ProviderHealth = {}
  for (const component of status.components) {
    if (component.capability === null) continue
    const current = health[component.capability]
    if (current === undefined || rank[component.status] > rank[current]) health[component.capability] = component.status
  }
  return health
}

export function createProbeGate(random: () => number = () => Math.random()) {
  let health: ProviderHealth = {}
  const notBefore = new Map<Capability, number>()
  return {
    /** New news from the status endpoint; null when it cannot be reached. */
    update(next: ProviderHealth | null, now: number): void {
      const reported = next ?? {}
      for (const [capability, previous] of Object.entries(health) as [Capability, ComponentHealth][]) {
        if (previous === 'down' && reported[capability] !== 'down') {
          notBefore.set(capability, now + Math.round(random() * settings.probeSpreadMs))
        }
      }
      health = reported
    },
    allows(capability: Capability, now: number): boolean {
      if (health[capability] === 'down') return false
      return now >= (notBefore.get(capability) ?? 0)
    },
  }
}

export type ProbeGate = ReturnType<typeof createProbeGate>

/**
 * This tab's gate: the prober asks it, and so does every provider call made while a breaker is
 * open (a page's refetch would otherwise be the probe the gate holds back).
 */
export let probeGate: ProbeGate = createProbeGate()

/** Forget what the status endpoint said (tests). */
export function resetProbeGate(): void {
  probeGate = createProbeGate()
}
