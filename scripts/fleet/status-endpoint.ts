/**
 * The vendor's own status endpoint (GET /api/billing/status) as the fleet sees it. It is not the
 * provider: it stays up through the outage and its polls are not provider load (they are counted
 * apart). What it reports of the provider's components is the server side's view, which lags the
 * truth: a health check needs some time to call the provider down (`detectionDelayMs` after the
 * outage starts) and may wait a little before calling it back (`recoveryReportDelayMs` after the
 * provider is back). The operators' maintenance flag stays off: this is the automatic path.
 */
import { billingStatusSchema, type BillingStatus, type ComponentHealth } from '../../src/lib/api/schemas'
import { seedStatus } from '../../mocks/backend/status'
import type { Window } from './provider'
import type { Simulation } from './simulation'

export type StatusTiming = {
  /** From the outage's start to the status endpoint reporting the provider's components down. */
  detectionDelayMs: number
  /** From the provider's return to the status endpoint reporting its components operational again. */
  recoveryReportDelayMs: number
}

export const defaultStatusTiming: StatusTiming = { detectionDelayMs: 30_000, recoveryReportDelayMs: 0 }

/** The vendor's own endpoints are fast. */
export const statusLatencyMs = 60

/** The mock backend's own status (mocks/backend/status.ts), with the provider's four components at `health`. */
function statusWith(health: ComponentHealth): BillingStatus {
  const seeded = seedStatus(new Date('2025-01-08T09:00:00.000Z'))
  // Parsed once, so that a change of the schema shows here rather than as a silently wrong model.
  return billingStatusSchema.parse({
    ...seeded,
    components: seeded.components.map((component) => ({ ...component, status: component.capability === null ? 'operational' : health })),
    timeline: [],
    checkedAt: seeded.components[0]?.updatedAt,
  })
}

const operational = statusWith('operational')
const down = statusWith('down')

export class StatusEndpoint {
  /** Polls received in each simulated second (all sessions simulated, not scaled). */
  readonly perSecond: Float64Array

  constructor(
    private readonly simulation: Simulation,
    private readonly outage: Window,
    private readonly timing: StatusTiming,
    durationMs: number,
  ) {
    this.perSecond = new Float64Array(Math.ceil(durationMs / 1000))
  }

  /** What the server side reports at `atMs`: the provider's components down, or all operational. */
  reportsDownAt(atMs: number): boolean {
    return atMs >= this.outage.startMs + this.timing.detectionDelayMs && atMs < this.outage.endMs + this.timing.recoveryReportDelayMs
  }

  /** One poll; `answer` gets the status as it was when the request arrived. */
  fetch(answer: (status: BillingStatus) => void): void {
    const sentAt = this.simulation.now
    const second = Math.floor(sentAt / 1000)
    if (second < this.perSecond.length) this.perSecond[second] = (this.perSecond[second] ?? 0) + 1
    const status = this.reportsDownAt(sentAt) ? down : operational
    this.simulation.after(statusLatencyMs, () => answer(status))
  }
}
