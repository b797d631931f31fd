/**
 * The billing provider as the fleet sees it: healthy, then down for the outage (every call
 * answers 503 after a short while: the incident's 5xx), then healthy again. It counts every
 * request that reaches it, per simulated second and by why it was sent.
 */
import { ApiError } from '../../src/lib/api/errors'
import type { Simulation } from './simulation'

/** Why a request was sent: the first load of a page, the admin reloading a failed page, the policy's own retry, a breaker probe, the refetch on recovery. */
export type Purpose = 'view' | 'reload' | 'retry' | 'probe' | 'refetch'
export const purposes: readonly Purpose[] = ['view', 'reload', 'retry', 'probe', 'refetch']

/** The provider's answer times: a healthy read, and a 503 from the failing layer (fast: it is shedding). */
export const latency = { okMs: 120, failMs: 50 }

export type Window = { startMs: number; endMs: number }

export class RequestLog {
  /** Requests sent in each simulated second, by purpose. */
  readonly perSecond: Record<Purpose, Float64Array>

  constructor(durationMs: number) {
    const seconds = Math.ceil(durationMs / 1000)
    this.perSecond = {
      view: new Float64Array(seconds),
      reload: new Float64Array(seconds),
      retry: new Float64Array(seconds),
      probe: new Float64Array(seconds),
      refetch: new Float64Array(seconds),
    }
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
  ) {}

  isDownAt(atMs: number): boolean {
    return atMs >= this.outage.startMs && atMs < this.outage.endMs
  }

  /** One request; `answer` gets the error, or undefined for a success, when the answer arrives. */
  send(purpose: Purpose, answer: (error: ApiError | undefined) => void): void {
    const sentAt = this.simulation.now
    this.log.count(sentAt, purpose)
    if (this.isDownAt(sentAt)) this.simulation.after(latency.failMs, () => answer(this.unavailable))
    else this.simulation.after(latency.okMs, () => answer(undefined))
  }
}
