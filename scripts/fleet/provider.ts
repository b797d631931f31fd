/**
 * The billing provider as the fleet sees it: healthy, then down for the outage, then healthy
 * again. Down means every call answers 503 after a short while (the incident's 5xx), or, with
 * `hang`, never answers (only the caller's own time-out ends it). It counts every request that
 * reaches it, per simulated second and by why it was sent; the gateway's probes apart (they are
 * one gateway's, not the browsers', and are not scaled to the fleet).
 */
import { ApiError } from '../../src/lib/api/errors'
import type { Capability } from '../../src/lib/api/schemas'
import type { Simulation } from './simulation'

/**
 * Why a request was sent:
 * - `view`: a page the admin opened (a query mounting, fetched when stale);
 * - `reload`: the admin reloading a page that shows an error;
 * - `focus`: a tab shown again refetching its stale queries (refetchOnWindowFocus);
 * - `retry`: the request policy's own retry of a failed attempt;
 * - `trial`: the app's reaction to the report saying a capability is back, or to a breaker's wait
 *   being over (use-availability-sync.ts): the refetch of what the tab shows, or the cheapest read;
 * - `refetch`: a tab refetching because another tab's breaker closed, or a new maintenance generation.
 */
export type Purpose = 'view' | 'reload' | 'focus' | 'retry' | 'trial' | 'refetch'
export const purposes: readonly Purpose[] = ['view', 'reload', 'focus', 'retry', 'trial', 'refetch']

/** Who sent a request to the provider: a browser, for one of its purposes, or the gateway's breaker or detector (`probe`). */
export type Sender = Purpose | 'probe'

/** `answer` gets the error, or undefined for a success, when (if ever) the answer arrives. */
export type Answer = (error: ApiError | undefined) => void

/** Where a browser's provider request goes: straight to the provider, or through the gateway (gateway-detector.ts). */
export type ProviderRoute = { send(capability: Capability, purpose: Purpose, answer: Answer): void }

/** The provider's answer times: a healthy read, and a 503 from the failing layer (fast: it is shedding). */
export const latency = { okMs: 120, failMs: 50 }

export type Window = { startMs: number; endMs: number }

/** How the provider fails during the outage. */
export type OutageMode = '503' | 'hang'

export class RequestLog {
  /** Requests sent in each simulated second, by purpose. */
  readonly perSecond: Record<Purpose, Float64Array>
  /** The gateway's probes in each simulated second (one gateway's: see gateway-detector.ts). */
  readonly probesPerSecond: Float64Array

  constructor(durationMs: number) {
    const seconds = Math.ceil(durationMs / 1000)
    this.perSecond = Object.fromEntries(purposes.map((purpose) => [purpose, new Float64Array(seconds)])) as Record<
      Purpose,
      Float64Array
    >
    this.probesPerSecond = new Float64Array(seconds)
  }

  count(atMs: number, sender: Sender): void {
    const counts = sender === 'probe' ? this.probesPerSecond : this.perSecond[sender]
    const second = Math.floor(atMs / 1000)
    if (second < counts.length) counts[second] = (counts[second] ?? 0) + 1
  }
}

export class Provider {
  private readonly unavailable = new ApiError('http', 'Service Unavailable', { status: 503 })

  constructor(
    private readonly simulation: Simulation,
    private readonly outage: Window,
    readonly log: RequestLog,
    private readonly mode: OutageMode = '503',
  ) {}

  isDownAt(atMs: number): boolean {
    return atMs >= this.outage.startMs && atMs < this.outage.endMs
  }

  /** One request (the provider fails every capability alike). */
  send(sender: Sender, answer: Answer): void {
    const sentAt = this.simulation.now
    this.log.count(sentAt, sender)
    if (!this.isDownAt(sentAt)) this.simulation.after(latency.okMs, () => answer(undefined))
    else if (this.mode === '503') this.simulation.after(latency.failMs, () => answer(this.unavailable))
  }
}

/** Straight to the provider, with no gateway in between: today's assumed report and the what-ifs. */
export const directRoute = (provider: Provider): ProviderRoute => ({
  send: (_capability, purpose, answer) => provider.send(purpose, answer),
})
