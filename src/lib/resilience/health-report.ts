/**
 * What the vendor's health report (the status endpoint) says of each provider capability. That
 * endpoint stays up in an outage and sees the provider from the server side, for every customer at
 * once, so it drives availability:
 * - `down`: the capability's edits pause at once and no call to it leaves the browser (a fleet of
 *   open consoles retrying a struggling provider is load it does not need, and the calls would
 *   only fail), but a query's first read, which the gateway answers from its copy (provider-policy.ts);
 * - `degraded`: a notice; calls and edits go on;
 * - back from `down`: the capability's breaker is released, so the next real call (the refetch of
 *   what a visible tab shows) is its trial: no separate probe request.
 * When the report cannot be read, or is too old, it says nothing, and the breakers decide alone.
 */
import type { BillingStatus, Capability, ComponentHealth } from '@/lib/api/schemas'

export type ProviderHealth = Partial<Record<Capability, ComponentHealth>>

const rank: Record<ComponentHealth, number> = { operational: 0, degraded: 1, down: 2 }

/** The worst health the report gives each capability's components. */
export function providerHealthOf(status: BillingStatus): ProviderHealth {
  const health: ProviderHealth = {}
  for (const component of status.components) {
    if (component.capability === null) continue
    const current = health[component.capability]
    if (current === undefined || rank[component.status] > rank[current]) health[component.capability] = component.status
  }
  return health
}

export type ReportChange = {
  /** Reported down now, and not before. */
  wentDown: Capability[]
  /** Reported down before, and not now (including when the report stopped answering). */
  cameBack: Capability[]
}

export function createHealthReport() {
  let health: ProviderHealth | null = {}
  const wentDownListeners = new Set<(wentDown: Capability[]) => void>()
  return {
    /** The latest report; null when it cannot be read. Says which capabilities changed. */
    update(next: ProviderHealth | null): ReportChange {
      const before = health ?? {}
      const after = next ?? {}
      health = next
      const all = new Set([...Object.keys(before), ...Object.keys(after)] as Capability[])
      const change = {
        wentDown: [...all].filter((capability) => after[capability] === 'down' && before[capability] !== 'down'),
        cameBack: [...all].filter((capability) => before[capability] === 'down' && after[capability] !== 'down'),
      }
      if (change.wentDown.length > 0) for (const listener of wentDownListeners) listener(change.wentDown)
      return change
    },
    /** Calls `listener` with the capabilities each later report says are newly down; returns how to stop. */
    onWentDown(listener: (wentDown: Capability[]) => void): () => void {
      wentDownListeners.add(listener)
      return () => void wentDownListeners.delete(listener)
    },
    current: (): ProviderHealth | null => health,
    isDown: (capability: Capability): boolean => health?.[capability] === 'down',
  }
}

export type HealthReport = ReturnType<typeof createHealthReport>
