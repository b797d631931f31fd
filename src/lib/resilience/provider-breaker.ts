/**
 * What decides for one capability's breaker (shared-breaker.ts wraps it in cockatiel's policy and
 * shares it between tabs): when to open, and how long to wait before a trial call.
 */
import {
  ConsecutiveBreaker,
  CountBreaker,
  ExponentialBackoff,
  halfJitterGenerator,
  type CircuitState,
  type IBackoff,
  type IBackoffFactory,
  type IBreaker,
} from 'cockatiel'
import { z } from 'zod/mini'
import { breaker as settings } from '@/config/resilience'
import type { FailureWeight } from '@/lib/api/errors'

/**
 * Opens on any of: `consecutiveFailures` failed attempts in a row; `failureRateToOpen` of the last
 * `windowSize` attempts (once `minimumCalls` are in); one decisive failure. Which failure it was is
 * told by the breaker that owns it (cockatiel passes no error to a breaker).
 */
export class ProviderBreaker implements IBreaker {
  private readonly consecutive = new ConsecutiveBreaker(settings.consecutiveFailures)
  private readonly rate = new CountBreaker({
    threshold: settings.failureRateToOpen,
    size: settings.windowSize,
    minimumNumberOfCalls: settings.minimumCalls,
  })

  constructor(private readonly lastWeight: () => FailureWeight) {}

  get state(): unknown {
    return { consecutive: this.consecutive.state, rate: this.rate.state }
  }

  set state(value: unknown) {
    // Anything but what `get state` wrote (an older format, a tampered entry) starts counting afresh.
    const parsed = z.object({ consecutive: z.int().check(z.nonnegative()), rate: z.unknown() }).safeParse(value)
    if (!parsed.success) return
    this.consecutive.state = parsed.data.consecutive
    try {
      this.rate.state = parsed.data.rate
    } catch {
      // cockatiel's own shape check failed: keep the empty window.
    }
  }

  success(state: CircuitState): void {
    this.consecutive.success()
    this.rate.success(state)
  }

  failure(state: CircuitState): boolean {
    const byCount = this.consecutive.failure()
    const byRate = this.rate.failure(state)
    return byCount || byRate || this.lastWeight() === 'decisive'
  }
}

/**
 * cockatiel's half-jittered exponential wait, reporting each wait it hands out so the runtime can
 * tell when a trial is due without asking cockatiel every second.
 */
export function backoffFactory(onWait: (ms: number) => void): IBackoffFactory<unknown> {
  const wrap = (inner: IBackoff<unknown>): IBackoff<unknown> => {
    onWait(inner.duration)
    return { duration: inner.duration, next: (context) => wrap(inner.next(context)) }
  }
  const exponential = new ExponentialBackoff({
    initialDelay: settings.probeInitialDelayMs,
    maxDelay: settings.probeMaxDelayMs,
    generator: halfJitterGenerator,
  })
  return { next: () => wrap(exponential.next()) }
}
