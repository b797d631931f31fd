/**
 * The billing gateway between the simulated browsers and the provider, reduced to what decides the
 * status report: the gateway's own health code (gateway/health, `createHealthMonitor`) on the
 * simulated clock, fed the calls the fleet makes. So the report every browser obeys is end to end:
 * the provider fails, the gateway's calls show it, the detector publishes, the CDN serves it.
 *
 * - Every browser request asks `admit` first, as provider-call.ts does. While the capability's
 *   breaker is open the gateway answers it at once and the provider never sees it, but for one
 *   probe at a time (the breaker's lease), which goes on to the provider.
 * - Every call to the provider is reported as gateway/runtime.ts's observer reports it: `started`
 *   when sent (a hang counts as overdue while in flight), `record` when it ends: `ok`, a `5xx`, or
 *   a `timeout` at the gateway's read time-out (4 s, context.ts) for a provider that never answers.
 * - Every RUNTIME_TICK_MS the detector is ticked and its due probes go out, through `admit` too.
 *   Probes are counted apart and not scaled to the fleet, and so is a browser request that `admit`
 *   let through as the breaker's probe: the lease is one probe at a time for the whole fleet.
 *
 * The capability is the browser's own (subscription or invoices); payments and billing details see
 * probes only. One gateway stands for the fleet's: instances that share their views judge the sum
 * of their calls as one instance would, within one exchange (record 030), and share the probe lease.
 * The sample's calls (1/40 of the fleet's by default) are enough volume for every rule; the fleet's
 * would only add idle probes, each instance probing on its own until the prober is shared.
 *
 * What a browser gets back: the provider's 503, or on the gateway's time-out or a refusal a 503 like
 * it, without Retry-After. It stands for the gateway's copy (decision 026), which answers most of
 * the fleet's reads (any read made in the last day) and which the app retries and counts like a
 * 503 without Retry-After (provider-policy.ts); a read with no copy would get Retry-After 5 s, or
 * the breaker's wait. The copy itself (stale data on the page) is not modelled.
 */
import type { CallOutcome, HealthMonitor } from '../../gateway/health'
import { createHealthMonitor } from '../../gateway/health'
import { defaultTimeouts } from '../../gateway/context'
import { RUNTIME_TICK_MS } from '../../gateway/runtime'
import { ApiError } from '../../src/lib/api/errors'
import type { Capability } from '../../src/lib/api/schemas'
import { latency, type Answer, type Provider, type ProviderRoute, type Purpose, type Sender } from './provider'
import { ReportTimeline } from './report-timeline'
import type { Simulation } from './simulation'

/** The gateway's answer when Zuora did not answer usably or its breaker refused (provider_unavailable). */
const unavailable = new ApiError('http', 'The billing provider is not responding.', {
  status: 503,
  code: 'provider_unavailable',
})

export class GatewayDetector implements ProviderRoute {
  readonly monitor: HealthMonitor
  /** What the gateway published, as the status origin reports it. */
  readonly timeline = new ReportTimeline()
  /** Browser requests the open breaker answered without calling the provider, per simulated second (sample). */
  readonly refusedPerSecond: Float64Array
  private calls = 0

  constructor(
    private readonly simulation: Simulation,
    private readonly provider: Provider,
    durationMs: number,
  ) {
    this.monitor = createHealthMonitor({ clock: { now: () => simulation.now } })
    this.refusedPerSecond = new Float64Array(Math.ceil(durationMs / 1000))
    // As gateway/runtime.ts writes a published change into the status page.
    this.monitor.subscribe(({ capability, at, previous, current }) => {
      if (previous.published !== current.published) this.timeline.set(capability, at, current.published)
    })
  }

  start(): void {
    this.simulation.after(RUNTIME_TICK_MS, () => this.tick())
  }

  /** A browser's request, through the capability's breaker (provider-call.ts `withProvider`). */
  send(capability: Capability, purpose: Purpose, answer: Answer): void {
    // `admit` settles in microtasks: they run before the clock moves on.
    this.simulation.touchAsync()
    void this.monitor.admit(capability).then((admission) => {
      if (admission.allowed)
        return this.call(capability, admission.probe ? 'probe' : purpose, admission.probe === true, answer)
      const second = Math.floor(this.simulation.now / 1000)
      if (second < this.refusedPerSecond.length)
        this.refusedPerSecond[second] = (this.refusedPerSecond[second] ?? 0) + 1
      // Answered at once: the round trip to the gateway, as quick as the failing provider's 503.
      this.simulation.after(latency.failMs, () => answer(unavailable))
    })
  }

  /** gateway/runtime.ts's tick: the detector, then the probes it says are due. */
  private tick(): void {
    this.simulation.after(RUNTIME_TICK_MS, () => this.tick())
    this.monitor.tick()
    const due = this.monitor.dueProbes()
    if (due.length === 0) return
    this.simulation.touchAsync()
    for (const capability of due) {
      void this.monitor.admit(capability).then((admission) => {
        if (admission.allowed) this.call(capability, 'probe', admission.probe === true, () => undefined)
      })
    }
  }

  /**
   * One call to the provider, reported to the detector from start to end. `leaseProbe`: `admit` let
   * it through as the open breaker's probe (its outcome frees the lease), not just any synthetic one.
   */
  private call(capability: Capability, sender: Sender, leaseProbe: boolean, answer: Answer): void {
    const { simulation, monitor } = this
    const id = String(++this.calls)
    const startedAt = simulation.now
    monitor.started(capability, id, startedAt)
    let ended = false
    const end = (outcome: CallOutcome, error: ApiError | undefined) => {
      if (ended) return
      ended = true
      simulation.cancel(timeout)
      monitor.record({ capability, startedAt, endedAt: simulation.now, outcome, id, probe: leaseProbe })
      answer(error)
    }
    const timeout = simulation.after(defaultTimeouts.readMs, () =>
      end({ type: 'failure', kind: 'timeout' }, unavailable),
    )
    this.provider.send(sender, (error) => end(error ? { type: 'failure', kind: '5xx' } : { type: 'ok' }, error))
  }
}
