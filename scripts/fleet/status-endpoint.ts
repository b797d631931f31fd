/**
 * The vendor's own status endpoint (GET /api/billing/status) behind a CDN, as the fleet sees it.
 *
 * The origin is not the provider: it stays up through the outage and its requests are not
 * provider load (they are counted apart). What it reports of the provider's components is the
 * server side's view, which lags the truth: the gateway's health detector as it published
 * (gateway-detector.ts), or, for comparison, today's assumption (`defaultStatusTiming`: down 30 s
 * after the outage starts, back as it ends), both as a report-timeline.ts. The operators'
 * maintenance flag stays off: this is the automatic path. Its answers carry `Cache-Control: public, max-age=2,
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
import { capabilities } from '../../gateway/health/calls'
import { seedStatus } from '../../gateway/own/status'
import {
  billingStatusSchema,
  type BillingStatus,
  type Capability,
  type ComponentHealth,
} from '../../src/lib/api/schemas'
import type { StatusAnswer } from '../../src/lib/resilience/status-poller'
import type { ReportTimeline, StatusTiming } from './report-timeline'
import type { Simulation } from './simulation'

export type { StatusTiming }

/** Today's assumption, for comparison: the report says down 30 s after the outage starts, back as it ends. */
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

/** The mock backend's own status (gateway/own/status.ts), with each of the provider's components at its `health`. */
function statusWith(health: Record<Capability, ComponentHealth>): BillingStatus {
  const seeded = seedStatus(new Date('2025-01-08T09:00:00.000Z'))
  // Parsed once per combination, so that a change of the schema shows here rather than as a silently wrong model.
  return billingStatusSchema.parse({
    ...seeded,
    components: seeded.components.map((component) => ({
      ...component,
      status: component.capability === null ? 'operational' : health[component.capability],
    })),
    timeline: [],
    checkedAt: seeded.components[0]?.updatedAt,
  })
}

/** One report per combination of the components' health (at most 81), made when first needed. */
const statuses = new Map<string, BillingStatus>()
function cachedStatus(health: Record<Capability, ComponentHealth>): BillingStatus {
  const key = capabilities.map((capability) => health[capability]).join()
  let status = statuses.get(key)
  if (!status) statuses.set(key, (status = statusWith(health)))
  return status
}

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
    /** What the server side reports of the provider's components, over the run. */
    readonly timeline: ReportTimeline,
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

  /** What the server side reports at `atMs`: each of the provider's components as the timeline says. */
  reportAt(atMs: number): BillingStatus {
    const health = Object.fromEntries(
      capabilities.map((capability) => [capability, this.timeline.healthAt(capability, atMs)]),
    ) as Record<Capability, ComponentHealth>
    return cachedStatus(health)
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
