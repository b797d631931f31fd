/**
 * The vendor's own status endpoint (GET /api/billing/status) behind a CDN, as the fleet sees it.
 *
 * The origin is not the provider: it stays up through the outage and its requests are not
 * provider load (they are counted apart). What it reports of the provider's components is the
 * server side's view, which lags the truth: a health check needs some time to call the provider
 * down (`detectionDelayMs` after the outage starts) and may wait before calling it back
 * (`recoveryReportDelayMs` after the provider is back). The operators' maintenance flag stays off:
 * this is the automatic path. Its answers carry `Cache-Control: public, max-age=2,
 * stale-while-revalidate=2` and `X-Poll-Interval: 5`.
 *
 * The CDN: `cdn.edgeNodes` edge nodes, each browser on one of them (at random). A simulated
 * sample of the fleet gets its share of the nodes (at least one), so that each node sees the
 * fleet's density of polls; its origin requests are scaled back to the fleet's nodes. A node answers
 * from its copy while it is younger than max-age; up to max-age + stale-while-revalidate it still
 * answers from it but fetches a new one from the origin in the background (one at a time); past
 * that, the browsers' polls wait for one origin fetch (collapsed). So each node asks the origin
 * at most once per max-age window, however many browsers poll it. Each answer says its `Age`
 * (whole seconds since the origin made it), as a CDN does.
 */
import { billingStatusSchema, type BillingStatus, type ComponentHealth } from '../../src/lib/api/schemas'
import type { StatusAnswer } from '../../src/lib/resilience/status-poller'
import { seedStatus } from '../../gateway/own/status'
import type { Window } from './provider'
import type { Simulation } from './simulation'

export type StatusTiming = {
  /** From the outage's start to the status endpoint reporting the provider's components down (Infinity: never). */
  detectionDelayMs: number
  /** From the provider's return to the status endpoint reporting its components operational again. */
  recoveryReportDelayMs: number
}

export const defaultStatusTiming: StatusTiming = { detectionDelayMs: 30_000, recoveryReportDelayMs: 0 }

/** The CDN in front of the status endpoint, and the headers the endpoint sends. */
export const cdn = {
  edgeNodes: 20,
  maxAgeMs: 2_000,
  staleWhileRevalidateMs: 2_000,
  /** `X-Poll-Interval` (seconds on the wire). */
  pollIntervalMs: 5_000,
  /** Browser to edge and back. */
  edgeLatencyMs: 20,
  /** Edge to origin and back, the origin's own time included. */
  originLatencyMs: 60,
}

/** The mock backend's own status (gateway/own/status.ts), with the provider's four components at `health`. */
function statusWith(health: ComponentHealth): BillingStatus {
  const seeded = seedStatus(new Date('2025-01-08T09:00:00.000Z'))
  // Parsed once, so that a change of the schema shows here rather than as a silently wrong model.
  return billingStatusSchema.parse({
    ...seeded,
    components: seeded.components.map((component) => ({
      ...component,
      status: component.capability === null ? 'operational' : health,
    })),
    timeline: [],
    checkedAt: seeded.components[0]?.updatedAt,
  })
}

const operational = statusWith('operational')
const down = statusWith('down')

type Copy = { status: BillingStatus; madeAt: number }

class EdgeNode {
  private copy: Copy | null = null
  private fetching: ((copy: Copy) => void)[] | null = null

  constructor(private readonly endpoint: StatusEndpoint) {}

  poll(answer: (copy: Copy) => void): void {
    const now = this.endpoint.simulation.now
    const age = this.copy ? now - this.copy.madeAt : Infinity
    if (age < cdn.maxAgeMs) return answer(this.copy!)
    if (age < cdn.maxAgeMs + cdn.staleWhileRevalidateMs) {
      this.revalidate(() => undefined)
      return answer(this.copy!)
    }
    this.revalidate(answer)
  }

  private revalidate(then: (copy: Copy) => void): void {
    if (this.fetching) {
      this.fetching.push(then)
      return
    }
    this.fetching = [then]
    const madeAt = this.endpoint.originRequest()
    this.endpoint.simulation.after(cdn.originLatencyMs, () => {
      this.copy = { status: this.endpoint.reportAt(madeAt), madeAt }
      const waiting = this.fetching ?? []
      this.fetching = null
      for (const next of waiting) next(this.copy)
    })
  }
}

export class StatusEndpoint {
  /** Browsers' polls received by the CDN in each simulated second (the simulated browsers, not scaled). */
  readonly pollsPerSecond: Float64Array
  /** Requests reaching the origin in each simulated second, from the fleet's edge nodes (scaled from the sample's). */
  readonly originPerSecond: Float64Array
  private readonly nodes: EdgeNode[]
  /** The fleet's edge nodes per simulated node. */
  private readonly originScale: number

  constructor(
    readonly simulation: Simulation,
    private readonly outage: Window,
    private readonly timing: StatusTiming,
    durationMs: number,
    /** The share of the fleet simulated. */
    sampleShare: number,
  ) {
    const seconds = Math.ceil(durationMs / 1000)
    this.pollsPerSecond = new Float64Array(seconds)
    this.originPerSecond = new Float64Array(seconds)
    this.nodes = Array.from({ length: Math.max(1, Math.round(cdn.edgeNodes * sampleShare)) }, () => new EdgeNode(this))
    this.originScale = cdn.edgeNodes / this.nodes.length
  }

  /** What the server side reports at `atMs`: the provider's components down, or all operational. */
  reportAt(atMs: number): BillingStatus {
    const downFrom = this.outage.startMs + this.timing.detectionDelayMs
    return atMs >= downFrom && atMs < this.outage.endMs + this.timing.recoveryReportDelayMs ? down : operational
  }

  /** One browser's poll through its edge node (0 to cdn.edgeNodes - 1): the runtime's fetchStatus. */
  fetch(edgeNode: number): Promise<StatusAnswer> {
    const node = this.nodes[edgeNode % this.nodes.length]!
    const { simulation } = this
    count(this.pollsPerSecond, simulation.now)
    return new Promise((resolve) => {
      simulation.after(cdn.edgeLatencyMs / 2, () =>
        node.poll((copy) => {
          const ageMs = Math.floor((simulation.now - copy.madeAt) / 1000) * 1000
          simulation.after(cdn.edgeLatencyMs / 2, () => {
            simulation.touchAsync()
            resolve({ status: copy.status, pollIntervalMs: cdn.pollIntervalMs, ageMs })
          })
        }),
      )
    })
  }

  /** The origin made a report now; returns the time. */
  originRequest(): number {
    count(this.originPerSecond, this.simulation.now, this.originScale)
    return this.simulation.now
  }
}

function count(perSecond: Float64Array, atMs: number, weight = 1): void {
  const second = Math.floor(atMs / 1000)
  if (second < perSecond.length) perSecond[second] = (perSecond[second] ?? 0) + weight
}
