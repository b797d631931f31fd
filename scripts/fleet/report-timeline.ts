/**
 * What the status report says of each of the provider's capabilities over a run: the changes, in
 * order. The status origin reads it (status-endpoint.ts) and the figures read it afterwards (when
 * the report said down, when back). Written either from an assumption (`assumedTimeline`: down a
 * fixed delay after the outage starts) or by the gateway's detector as it publishes
 * (gateway-detector.ts).
 */
import { capabilities } from '../../gateway/health/calls'
import type { Capability, ComponentHealth } from '../../src/lib/api/schemas'
import type { Window } from './provider'

export type StatusTiming = {
  /** From the outage's start to the status endpoint reporting the provider's components down (Infinity: never). */
  detectionDelayMs: number
  /** From the provider's return to the status endpoint reporting its components operational again. */
  recoveryReportDelayMs: number
}

type Change = { at: number; health: ComponentHealth }

export class ReportTimeline {
  private readonly changes = Object.fromEntries(
    capabilities.map((capability) => [capability, [] as Change[]]),
  ) as Record<Capability, Change[]>

  /** The report says `health` of `capability` from `at` on (changes come in time order). */
  set(capability: Capability, at: number, health: ComponentHealth): void {
    this.changes[capability].push({ at, health })
  }

  healthAt(capability: Capability, atMs: number): ComponentHealth {
    const changes = this.changes[capability]
    for (let index = changes.length - 1; index >= 0; index--) {
      const change = changes[index]!
      if (change.at <= atMs) return change.health
    }
    return 'operational'
  }

  /**
   * The first moment at or after `fromMs` when the report says `health` of the first capability
   * (`which: 'first'`) or of every one (`'every'`), or null if it never does.
   */
  firstWhen(fromMs: number, health: ComponentHealth, which: 'first' | 'every'): number | null {
    const moments = [fromMs, ...capabilities.flatMap((capability) => this.changes[capability].map((c) => c.at))]
      .filter((at) => at >= fromMs)
      .sort((a, b) => a - b)
    const says = (atMs: number) => (capability: Capability) => this.healthAt(capability, atMs) === health
    return (
      moments.find((atMs) => (which === 'every' ? capabilities.every(says(atMs)) : capabilities.some(says(atMs)))) ??
      null
    )
  }
}

/**
 * Today's assumption, kept for comparison: the server side reports every component down
 * `detectionDelayMs` after the outage starts and operational `recoveryReportDelayMs` after it ends.
 */
export function assumedTimeline(outage: Window, timing: StatusTiming): ReportTimeline {
  const timeline = new ReportTimeline()
  const downAt = outage.startMs + timing.detectionDelayMs
  const backAt = outage.endMs + timing.recoveryReportDelayMs
  // Infinity, or a delay longer than the outage: the report never says down.
  if (downAt >= backAt) return timeline
  for (const capability of capabilities) {
    timeline.set(capability, downAt, 'down')
    timeline.set(capability, backAt, 'operational')
  }
  return timeline
}
