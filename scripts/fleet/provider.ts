/**
 * The billing provider as the fleet sees it: healthy, then down for the outage, then healthy
 * again. Down means every call answers 503 after a short while (the incident's 5xx), or, with
 * `hang`, never answers (only the caller's own time-out ends it). It counts every request that
 * reaches it, per simulated second and by why it was sent.
 */
import { ApiError } from '../../src/lib/api/errors'
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

/** The provider's answer times: a healthy read, and a 503 from the failing layer (fast: it is shedding). */
export const latency = { okMs: 120, failMs: 50 }

export type Window = { startMs: number; endMs: number }

/** How the provider fails during the outage. */
export type OutageMode = '503' | 'hang'

export class RequestLog {
  /** Requests sent in each simulated second, by purpose. */
  readonly perSecond: Record<Purpose, Float64Array>

  constructor(durationMs: number) {
    const seconds = Math.ceil(durationMs / 1000)
    this.perSecond = Object.fromEntries(purposes.map((purpose) => [purpose, new Float64Array(seconds)])) as Record<
      Purpose,
      Float64Array
    >
  }

  count(atMs: number, purpose: Purpose): void {
    const counts = this.perSecond[purpose]
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

  /** One request; `answer` gets the error, or undefined for a success, when (if ever) the answer arrives. */
  send(purpose: Purpose, answer: (error: ApiError | undefined) => void): void {
    const sentAt = this.simulation.now
    this.log.count(sentAt, purpose)
    if (!this.isDownAt(sentAt)) this.simulation.after(latency.okMs, () => answer(undefined))
    else if (this.mode === '503') this.simulation.after(latency.failMs, () => answer(this.unavailable))
  }
}
