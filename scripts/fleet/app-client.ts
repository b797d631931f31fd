/**
 * The app's request policy in one simulated browser, built from the app's own parts: a real
 * SharedBreaker per capability (on this browser's own storage), a real probe gate
 * (createProbeGate, fed by providerHealthOf), the real isRetriable, retryDelayMs and
 * deriveAvailability, and the numbers in src/config/resilience.ts.
 *
 * - A read is runProviderCall's read path: up to `retries.maxRetries` retries, for what
 *   isRetriable accepts, after retryDelayMs. Each attempt is refused at once, sending nothing,
 *   while the capability's breaker is open and the gate does not allow it (the status endpoint
 *   reports it down, or the browser's spread after it came back is not over); otherwise it goes
 *   through the breaker, which refuses too while open until its jittered wait is over. A refusal
 *   is not retriable. cockatiel's retry waits with a timer, so its loop is restated here on the
 *   event queue.
 * - The prober (prober.ts) ticks every `breaker.probeTickMs` while a breaker is open and, when the
 *   gate allows, asks it for the capability's cheapest read.
 * - The status endpoint is polled as use-availability-sync.ts does with TanStack Query's
 *   refetchInterval: every `statusPolling.healthyIntervalMs` while the availability state is
 *   operational, every `degradedIntervalMs` otherwise, the timer starting again from each answer
 *   and from each change of interval. Each answer goes to the gate (unless `statusGate` is off).
 * - When a breaker closes, the app invalidates that capability's queries, and those on screen
 *   refetch (use-availability-sync.ts).
 */
import { BrokenCircuitError, CircuitState } from 'cockatiel'
import { breaker as breakerSettings, recoveringMs, retries, statusPolling } from '../../src/config/resilience'
import type { BillingStatus } from '../../src/lib/api/schemas'
import { deriveAvailability, type AvailabilityStatus } from '../../src/lib/availability/availability-store'
import { createProbeGate, providerHealthOf, type ProbeGate, type ProviderHealth } from '../../src/lib/resilience/probe-gate'
import { isRetriable, retryDelayMs } from '../../src/lib/resilience/provider-policy'
import { SharedBreaker, type BreakerSnapshot } from '../../src/lib/resilience/shared-breaker'
import { MemoryStorage } from './memory-storage'
import type { Provider, Purpose } from './provider'
import type { Random } from './random'
import type { Simulation } from './simulation'
import type { StatusEndpoint } from './status-endpoint'
import type { Client, SimCapability } from './user-model'

const simCapabilities: readonly SimCapability[] = ['subscription', 'invoices']
const closedSnapshot: BreakerSnapshot = { state: 'closed', incidentId: null, since: null }

export type AppClientOptions = {
  /**
   * Tick every second like the real prober, asking the gate and the breaker each time. Otherwise
   * ticks that would send nothing (nothing changed, no random number drawn) are skipped: the same
   * run, much faster. tests/unit/fleet-sim.test.ts checks that both give the same result.
   */
  exactTicks: boolean
  /** The app as it is: probes and calls held back by what the status endpoint reports. False: a what-if without it. */
  statusGate: boolean
  /** The simulation's seeded generator, for the gate's spread. */
  random: Random
  /** Called when a breaker closes (after the outage: the session's recovery). */
  onClosed: (capability: SimCapability) => void
  /** The app's reaction to a breaker closing: refetch that capability's queries on screen. */
  refetch: (capability: SimCapability) => void
}

export class AppClient implements Client {
  readonly breakers: Record<SimCapability, SharedBreaker>
  private readonly gate: ProbeGate
  /** What the status endpoint last said of the provider (what the gate was told). */
  private reported: ProviderHealth = {}
  /** The prober's setInterval started at a random moment of the second. */
  private readonly tickPhase: number
  private nextTickAt: number | null = null
  private tickToken = 0
  private availability: AvailabilityStatus = 'operational'
  private recoveringUntil: number | null = null
  private recoveringToken = 0
  private pollToken = 0
  private maintenance: BillingStatus['maintenance'] | null = null

  constructor(
    private readonly simulation: Simulation,
    private readonly provider: Provider,
    private readonly status: StatusEndpoint,
    private readonly options: AppClientOptions,
  ) {
    const storage = new MemoryStorage()
    this.gate = createProbeGate(options.random)
    this.tickPhase = options.random() * breakerSettings.probeTickMs
    this.breakers = {
      subscription: new SharedBreaker('subscription', storage),
      invoices: new SharedBreaker('invoices', storage),
    }
    for (const capability of simCapabilities) {
      this.breakers[capability].subscribe((transition) => {
        this.updateAvailability()
        if (transition.to === 'closed') {
          options.onClosed(capability)
          options.refetch(capability)
        } else {
          this.scheduleTick()
        }
      })
    }
    // The tab has been open for a while: its status polling is at a random point of its interval.
    this.schedulePoll(options.random() * statusPolling.healthyIntervalMs)
  }

  read(capability: SimCapability, purpose: Purpose, done: (ok: boolean) => void): void {
    const breaker = this.breakers[capability]
    const attempt = (retry: number) => {
      let sent = false
      const refused = breaker.state === 'open' && !this.gate.allows(capability, this.simulation.dateNow())
      const outcome = refused
        ? Promise.reject(new BrokenCircuitError())
        : breaker.execute(() => {
            sent = true
            return this.send(retry === 0 ? purpose : 'retry')
          })
      outcome.then(
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

  // --- The status endpoint and the availability state ---

  private get pollIntervalMs(): number {
    return this.availability === 'operational' ? statusPolling.healthyIntervalMs : statusPolling.degradedIntervalMs
  }

  /** (Re)starts the polling timer: TanStack Query restarts it on each answer and each change of interval. */
  private schedulePoll(delayMs: number): void {
    const token = ++this.pollToken
    this.simulation.after(delayMs, () => {
      if (token === this.pollToken) this.poll()
    })
  }

  private poll(): void {
    this.status.fetch((status) => {
      this.maintenance = status.maintenance
      if (this.options.statusGate) {
        this.reported = providerHealthOf(status)
        this.gate.update(this.reported, this.simulation.dateNow())
        this.scheduleTick()
      }
      this.schedulePoll(this.pollIntervalMs)
    })
  }

  /** The app's availability store for this browser: deriveAvailability, and "recovering" for a moment after. */
  private updateAvailability(): void {
    const now = this.simulation.dateNow()
    const inputs = {
      maintenance: this.maintenance,
      statusReachable: true,
      breakers: {
        subscription: this.breakers.subscription.current,
        invoices: this.breakers.invoices.current,
        payments: closedSnapshot,
        billingDetails: closedSnapshot,
      },
      recoveringUntil: this.recoveringUntil,
    }
    const previous = this.availability
    let derived = deriveAvailability(inputs, now).status
    // As the store does: leaving maintenance or degraded goes through "recovering".
    if ((previous === 'maintenance' || previous === 'degraded') && (derived === 'operational' || derived === 'recovering')) {
      this.recoveringUntil = now + recoveringMs
      derived = deriveAvailability({ ...inputs, recoveringUntil: this.recoveringUntil }, now).status
    }
    if (derived === previous) return
    const intervalBefore = this.pollIntervalMs
    this.availability = derived
    // use-availability-sync.ts ends "recovering" with a timer that a change of state cancels.
    const recoveringToken = ++this.recoveringToken
    if (derived === 'recovering') {
      this.simulation.after(recoveringMs, () => {
        if (recoveringToken !== this.recoveringToken) return
        this.recoveringUntil = null
        this.updateAvailability()
      })
    }
    if (this.pollIntervalMs !== intervalBefore) this.schedulePoll(this.pollIntervalMs)
  }

  // --- The prober ---

  private tick(token: number): void {
    if (token !== this.tickToken) return
    this.nextTickAt = null
    const now = this.simulation.dateNow()
    for (const capability of simCapabilities) {
      // Like prober.ts: only an open breaker is asked (half-open means a probe is running), and
      // only when the gate allows.
      if (this.breakers[capability].state !== 'open' || !this.gate.allows(capability, now)) continue
      const due = this.options.exactTicks ? null : probeDue(this.breakers[capability])
      if (due !== null && now < due) continue
      this.read(capability, 'probe', () => {})
    }
    this.scheduleTick()
  }

  /** The next tick that can matter: every tick while a breaker is not closed, or the first one at which a probe can be due. */
  private scheduleTick(): void {
    const exact = this.options.exactTicks
    let anyNotClosed = false
    /** When the first probe can be due (Date.now's clock): -Infinity for the very next tick, Infinity for none. */
    let firstDue = Infinity
    for (const capability of simCapabilities) {
      const breaker = this.breakers[capability]
      if (breaker.state === 'closed') continue
      anyNotClosed = true
      if (breaker.state === 'open' && !exact) firstDue = Math.min(firstDue, this.probeDueAt(capability))
    }
    if (!anyNotClosed) return
    // Only probes running, or held back while the status endpoint says down: their ending (a
    // transition) or the next status answer schedules the next tick that can matter.
    if (!exact && firstDue === Infinity) return
    const nextTick = this.tickAtOrAfter(Math.floor(this.simulation.now) + 1)
    const at = Number.isFinite(firstDue) ? Math.max(nextTick, this.tickAtOrAfter(this.simulation.fromDateNow(firstDue))) : nextTick
    if (this.nextTickAt !== null && this.nextTickAt <= at) return
    this.nextTickAt = at
    const token = ++this.tickToken
    this.simulation.at(at, () => this.tick(token))
  }

  /**
   * When a probe of an open capability can be due, on Date.now's clock: never while the status
   * endpoint reports it down (its next answer reschedules); the very next tick while the gate's
   * spread is running (its end is the gate's own: ask every tick, as the prober does); otherwise
   * when cockatiel's wait ends.
   */
  private probeDueAt(capability: SimCapability): number {
    if (!this.gate.allows(capability, this.simulation.dateNow())) return this.reported[capability] === 'down' ? Infinity : -Infinity
    return probeDue(this.breakers[capability]) ?? -Infinity
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
