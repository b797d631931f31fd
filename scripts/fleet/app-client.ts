/**
 * The app's request policy in one simulated browser, built from the app's own parts: a real
 * SharedBreaker per capability (on this browser's own storage), the real isRetriable and
 * retryDelayMs, and the numbers in src/config/resilience.ts.
 *
 * - A read is runProviderCall's read path: up to `retries.maxRetries` retries, for what
 *   isRetriable accepts, after retryDelayMs, each attempt through the capability's breaker. An
 *   open breaker refuses at once and sends nothing (its BrokenCircuitError is not retriable).
 *   cockatiel's retry waits with a timer, so its loop is restated here on the event queue.
 * - The prober (prober.ts) ticks every `breaker.probeTickMs` while a breaker is open and asks it
 *   for the capability's cheapest read; cockatiel lets one through when its jittered wait is over.
 * - When a breaker closes, the app invalidates every query and the page on screen refetches
 *   (use-availability-sync.ts).
 */
import { CircuitState } from 'cockatiel'
import { breaker as breakerSettings, retries } from '../../src/config/resilience'
import { isRetriable, retryDelayMs } from '../../src/lib/resilience/provider-policy'
import { SharedBreaker } from '../../src/lib/resilience/shared-breaker'
import { MemoryStorage } from './memory-storage'
import type { Provider, Purpose } from './provider'
import type { Simulation } from './simulation'
import { loadReads, type Client, type Page, type SimCapability } from './user-model'

const simCapabilities: readonly SimCapability[] = ['subscription', 'invoices']

export type AppClientOptions = {
  /**
   * Tick every second like the real prober, asking the breaker each time. Otherwise ticks that
   * cockatiel would refuse (nothing sent, nothing changed, no random number drawn) are skipped:
   * the same run, much faster. tests/unit/fleet-sim.test.ts checks that both give the same result.
   */
  exactTicks: boolean
  /** Called when a breaker closes (after the outage: the session's recovery). */
  onClosed: (capability: SimCapability) => void
  /** The app's reaction to a breaker closing: refetch the page on screen. */
  refetchActivePage: () => void
}

export class AppClient implements Client {
  readonly breakers: Record<SimCapability, SharedBreaker>
  /** The prober's setInterval started at a random moment of the second. */
  private readonly tickPhase: number
  private nextTickAt: number | null = null
  private tickToken = 0

  constructor(
    private readonly simulation: Simulation,
    private readonly provider: Provider,
    private readonly options: AppClientOptions,
  ) {
    const storage = new MemoryStorage()
    this.tickPhase = Math.random() * breakerSettings.probeTickMs
    this.breakers = {
      subscription: new SharedBreaker('subscription', storage),
      invoices: new SharedBreaker('invoices', storage),
    }
    for (const capability of simCapabilities) {
      this.breakers[capability].subscribe((transition) => {
        if (transition.to === 'closed') {
          options.onClosed(capability)
          options.refetchActivePage()
        } else {
          this.scheduleTick()
        }
      })
    }
  }

  loadPage(page: Page, purpose: Purpose, done: (ok: boolean) => void): void {
    loadReads(page, (capability, readDone) => this.read(capability, purpose, readDone), done)
  }

  private read(capability: SimCapability, purpose: Purpose, done: (ok: boolean) => void): void {
    const breaker = this.breakers[capability]
    const attempt = (retry: number) => {
      let sent = false
      breaker
        .execute(() => {
          sent = true
          return this.send(retry === 0 ? purpose : 'retry')
        })
        .then(
          () => done(true),
          (error: unknown) => {
            if (retry >= retries.maxRetries || !isRetriable(error)) return done(false)
            this.simulation.after(retryDelayMs(retry + 1, error), () => attempt(retry + 1))
          },
        )
      // Sent: nothing more happens until the provider answers. Refused (or queued behind a
      // running probe): the refusal's continuations must run now.
      if (!sent) this.simulation.touchAsync()
    }
    attempt(0)
  }

  private send(purpose: Purpose): Promise<void> {
    return new Promise((resolve, reject) => {
      this.provider.send(purpose, (error) => {
        this.simulation.touchAsync()
        if (error) reject(error)
        else resolve()
      })
    })
  }

  private tick(token: number): void {
    if (token !== this.tickToken) return
    this.nextTickAt = null
    for (const capability of simCapabilities) {
      // Like prober.ts: only an open breaker is asked (half-open means a probe is running).
      if (this.breakers[capability].state !== 'open') continue
      const due = this.options.exactTicks ? null : probeDue(this.breakers[capability])
      if (due !== null && this.simulation.dateNow() < due) continue
      this.read(capability, 'probe', () => {})
    }
    this.scheduleTick()
  }

  /** The next tick that can matter: every tick while a breaker is not closed, or the first one at which a probe is due. */
  private scheduleTick(): void {
    const exact = this.options.exactTicks
    let anyNotClosed = false
    /** When the first probe is due (Date.now's clock): -Infinity for the very next tick, Infinity for none. */
    let firstDue = Infinity
    for (const capability of simCapabilities) {
      const breaker = this.breakers[capability]
      if (breaker.state === 'closed') continue
      anyNotClosed = true
      if (breaker.state === 'open') firstDue = Math.min(firstDue, (exact ? null : probeDue(breaker)) ?? -Infinity)
    }
    if (!anyNotClosed) return
    // Only probes running: their ending (a transition) schedules the next tick that can matter.
    if (!exact && firstDue === Infinity) return
    const nextTick = this.tickAtOrAfter(Math.floor(this.simulation.now) + 1)
    const at = Number.isFinite(firstDue) ? Math.max(nextTick, this.tickAtOrAfter(this.simulation.fromDateNow(firstDue))) : nextTick
    if (this.nextTickAt !== null && this.nextTickAt <= at) return
    this.nextTickAt = at
    const token = ++this.tickToken
    this.simulation.at(at, () => this.tick(token))
  }

  private tickAtOrAfter(time: number): number {
    const period = breakerSettings.probeTickMs
    return this.tickPhase + Math.ceil((time - this.tickPhase) / period) * period
  }
}

type CockatielInnerState = { value?: unknown; openedAt?: unknown; backoff?: { duration?: unknown } }

/**
 * When the breaker will let the next probe through, on Date.now's clock: cockatiel refuses while
 * `Date.now() - openedAt < backoff.duration`. Read from its private state, for speed only: null
 * (tick every second, asking the breaker) whenever that state is not what this expects.
 */
function probeDue(breaker: SharedBreaker): number | null {
  const inner = (breaker as unknown as { policy?: { innerState?: CockatielInnerState } }).policy?.innerState
  if (inner?.value !== CircuitState.Open) return null
  const { openedAt } = inner
  const duration = inner.backoff?.duration
  return typeof openedAt === 'number' && typeof duration === 'number' ? openedAt + duration : null
}
