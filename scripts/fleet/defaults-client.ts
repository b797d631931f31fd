/**
 * The library defaults, for comparison: TanStack Query as it comes, with no breaker, no status
 * polling and no time-out: `retry: 3` and its default retryDelay, min(1000 * 2 ** failureCount,
 * 30000) (1 s, 2 s, 4 s: query-core's retryer.ts), stale time 0 (every mount and every focus
 * refetches). Every attempt reaches the provider; edits are never paused.
 */
import type { Provider, Purpose } from './provider'
import type { Simulation } from './simulation'
import type { SimCapability, TabClient } from './session-model'

export const tanstackDefaults = {
  retry: 3,
  retryDelayMs: (failureCount: number) => Math.min(1000 * 2 ** failureCount, 30_000),
  staleTimeMs: 0,
}

export class DefaultsTabClient implements TabClient {
  constructor(
    private readonly simulation: Simulation,
    private readonly provider: Provider,
  ) {}

  start(): void {}

  editsPaused(): boolean {
    return false
  }

  explainsPause(): boolean {
    return false
  }

  read(_capability: SimCapability, purpose: Purpose, done: (ok: boolean) => void): void {
    const attempt = (failureCount: number) => {
      this.provider.send(failureCount === 0 ? purpose : 'retry', (error) => {
        if (!error) return done(true)
        if (failureCount >= tanstackDefaults.retry) return done(false)
        this.simulation.after(tanstackDefaults.retryDelayMs(failureCount), () => attempt(failureCount + 1))
      })
    }
    attempt(0)
  }
}
