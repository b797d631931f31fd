/**
 * One capability's circuit breaker, shared by every tab of the browser and kept across reloads:
 * the fallback for when the vendor's health report lags or cannot be reached.
 *
 * The breaker itself is cockatiel's (half-jittered exponential wait before a trial call, one trial
 * at a time), deciding with `ProviderBreaker` (provider-breaker.ts): a run of consecutive failures, a failure rate
 * over a window, or one decisive failure (a time-out, a long Retry-After, a broken answer). What
 * this class adds:
 * - sharing: every state change is written to localStorage with cockatiel's own serialised state,
 *   and the other tabs rebuild their breaker from it (the `storage` event, see runtime.ts);
 * - `release()`: when the health report says the capability is back, the breaker lets the next
 *   real call through as its trial at once, and edits are no longer paused meanwhile (no separate
 *   probe request, no wait);
 * - neutral answers (a 401, a cancelled call) during a trial say nothing: the breaker goes back to
 *   where it was instead of closing (cockatiel closes on an error it does not handle);
 * - stored state is checked before use: anything but a sane closed or open state is closed, so a
 *   corrupted entry can never keep billing down until someone clears their browser data.
 */
import { BrokenCircuitError, CircuitState, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel'
import { breaker as settings, retries } from '@/config/resilience'
import { breakerStorageKey, storedSchema, type Stored } from './breaker-storage'
import { ProviderBreaker, backoffFactory } from './provider-breaker'
import { failureWeight, isApiError, type FailureWeight } from '@/lib/api/errors'
import type { Capability } from '@/lib/api/schemas'

export type BreakerState = 'closed' | 'open' | 'half-open'

export type BreakerSnapshot = {
  state: BreakerState
  /** One id per outage, shared by the tabs, so that alerts about it can be deduplicated. */
  incidentId: string | null
  /** When this outage was first seen (ms), for "since"; null while closed. */
  since: number | null
  /**
   * The health report said the capability is back: the next real call is the trial and edits are
   * not paused meanwhile. False while the breaker decides on its own.
   */
  released: boolean
}

export type BreakerTransition = {
  from: BreakerState
  to: BreakerState
  snapshot: BreakerSnapshot
  /** The outage this transition belongs to (on closing, the one that just ended). */
  incidentId: string | null
  /** True when this tab made the change; false when it learned it from another tab. */
  local: boolean
}

export const closedSnapshot: BreakerSnapshot = { state: 'closed', incidentId: null, since: null, released: false }

export type SharedBreakerDeps = {
  storage: Storage | undefined
  now: () => number
  newId: () => string
}

export class SharedBreaker {
  private policy: CircuitBreakerPolicy
  private snapshot: BreakerSnapshot = closedSnapshot
  private readonly listeners = new Set<(transition: BreakerTransition) => void>()
  private lastWeight: FailureWeight = 'neutral'
  /** The wait cockatiel is in (ms), and so when the next trial may go. */
  private wait = settings.probeInitialDelayMs
  /** Set while a trial's neutral answer is being undone, so the undoing is not announced. */
  private restoring = false
  /** The provider asked not to be called before this (a Retry-After), whatever the wait says. */
  private notBefore = 0

  constructor(
    readonly capability: Capability,
    private readonly deps: SharedBreakerDeps,
  ) {
    const stored = this.read()
    this.policy = this.create(stored?.cockatiel)
    if (stored) {
      this.snapshot = this.snapshotFrom(stored)
      this.notBefore = stored.notBefore ?? 0
    }
  }

  get state(): BreakerState {
    return this.snapshot.state
  }

  get current(): BreakerSnapshot {
    return this.snapshot
  }

  /** When an open breaker will let its next trial through (ms); null unless it is waiting. */
  get trialDueAt(): number | null {
    const own = this.ownState()
    if (own.value !== CircuitState.Open) return null
    return Math.max((own.openedAt ?? 0) + this.wait, this.notBefore)
  }

  /**
   * Runs one attempt through the breaker; rejects at once, sending nothing, while it is open. The
   * attempt's outcome is weighed first (see errors.ts) so the breaker knows a decisive failure.
   */
  execute<T>(
    attempt: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
    { write = false }: { write?: boolean } = {},
  ): Promise<T> {
    const wasTrial = this.snapshot.state !== 'closed'
    // A Retry-After outlasts the breaker's own wait, and the report's release too.
    if (wasTrial && this.deps.now() < this.notBefore) return Promise.reject(new BrokenCircuitError())
    const before = { policy: this.policy.toJSON(), snapshot: this.snapshot }
    let neutral = false
    return this.policy
      .execute(
        ({ signal: policySignal }) =>
          attempt(policySignal).catch((error: unknown) => {
            this.lastWeight = failureWeight(error, retries.maxRetryAfterMs, { write })
            if (isApiError(error) && error.retryAfterMs)
              this.notBefore = Math.max(this.notBefore, this.deps.now() + error.retryAfterMs)
            neutral = this.lastWeight === 'neutral'
            if (neutral && wasTrial) this.restoring = true
            throw error
          }),
        signal,
      )
      .catch((error: unknown) => {
        if (neutral && wasTrial) this.undoTrial(before)
        throw error
      })
  }

  subscribe(listener: (transition: BreakerTransition) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * The health report says the capability is back: let the next real call be the trial, now. Safe
   * to repeat and to call from every tab (they all write the same state).
   */
  release(): void {
    if (this.snapshot.state === 'closed' || this.snapshot.released) return
    const own = this.ownState()
    const { breakerState } = this.policy.toJSON() as { breakerState: unknown }
    this.replacePolicy({
      ownState: { value: CircuitState.Open, openedAt: 0, attemptNo: own.attemptNo ?? 1 },
      breakerState,
    })
    this.change({ ...this.snapshot, state: 'half-open', released: true }, true)
  }

  /** Another tab wrote a new state: take it over, as if this tab had seen what it saw. */
  adoptFromStorage(): void {
    const stored = this.read()
    this.notBefore = stored?.notBefore ?? 0
    this.replacePolicy(stored?.cockatiel)
    this.change(stored ? this.snapshotFrom(stored) : closedSnapshot, false, false)
  }

  /** Forget everything (sign-out, tests). */
  reset(): void {
    try {
      this.deps.storage?.removeItem(breakerStorageKey(this.capability))
    } catch {
      // Storage blocked: nothing was shared either.
    }
    this.replacePolicy(undefined)
    this.snapshot = closedSnapshot
    this.notBefore = 0
  }

  private ownState(): { value: CircuitState; openedAt?: number; attemptNo?: number } {
    return (this.policy.toJSON() as { ownState: { value: CircuitState; openedAt?: number; attemptNo?: number } })
      .ownState
  }

  private snapshotFrom(stored: Stored): BreakerSnapshot {
    const { value, openedAt } = stored.cockatiel.ownState
    if (value === CircuitState.Closed) return closedSnapshot
    const released = openedAt === 0
    return { state: released ? 'half-open' : 'open', incidentId: stored.incidentId, since: stored.since, released }
  }

  private replacePolicy(initialState: unknown): void {
    this.policy = this.create(initialState)
  }

  private create(initialState: unknown): CircuitBreakerPolicy {
    const policy = circuitBreaker(
      handleWhen((error) => failureWeight(error, retries.maxRetryAfterMs) !== 'neutral'),
      {
        breaker: new ProviderBreaker(() => this.lastWeight),
        halfOpenAfter: backoffFactory((ms) => (this.wait = ms)),
        ...(initialState === undefined ? {} : { initialState }),
      },
    )
    policy.onStateChange((state) => {
      // A policy replaced by another tab's state may still finish a call: ignore what it says.
      if (policy !== this.policy || this.restoring) return
      this.onLocalChange(state)
    })
    return policy
  }

  /** A trial whose answer said nothing about the provider: back to where the breaker was before it. */
  private undoTrial(before: { policy: unknown; snapshot: BreakerSnapshot }): void {
    this.restoring = false
    this.replacePolicy(before.policy)
    this.change(before.snapshot, true)
  }

  private onLocalChange(state: CircuitState): void {
    const from = this.snapshot.state
    const to: BreakerState =
      state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half-open' : 'open'
    if (from === to) return
    let { incidentId, since } = this.snapshot
    if (to === 'closed') {
      incidentId = null
      since = null
      this.notBefore = 0
    } else if (from === 'closed') {
      // Another tab may have opened its breaker for the same outage a moment ago: same incident.
      const shared = this.read()
      const sharedOpen = shared && shared.incidentId && shared.since !== null
      incidentId = sharedOpen ? shared.incidentId : this.deps.newId()
      since = sharedOpen ? shared.since : this.deps.now()
    }
    // A trial that began after a release keeps edits enabled while it runs; any other does not.
    const released = to === 'half-open' && this.snapshot.released
    this.change({ state: to, incidentId, since, released }, true)
  }

  private change(next: BreakerSnapshot, local: boolean, write = local): void {
    const from = this.snapshot.state
    const previousIncident = this.snapshot.incidentId
    const wasReleased = this.snapshot.released
    this.snapshot = next
    if (write) this.write()
    if (from === next.state && wasReleased === next.released) return
    const incidentId = next.incidentId ?? previousIncident
    for (const listener of this.listeners) listener({ from, to: next.state, snapshot: next, incidentId, local })
  }

  private write(): void {
    if (!this.deps.storage) return
    let cockatiel = this.policy.toJSON() as Stored['cockatiel']
    if (this.snapshot.state === 'half-open' && !this.snapshot.released) {
      // cockatiel serialises a running trial as "open since 0", which would let every other tab
      // send a trial at once. Say "open since now" instead: the others wait a whole interval.
      cockatiel = {
        ...cockatiel,
        ownState: { ...cockatiel.ownState, value: CircuitState.Open, openedAt: this.deps.now() },
      }
    }
    const stored: Stored = {
      version: 2,
      cockatiel,
      incidentId: this.snapshot.incidentId,
      since: this.snapshot.since,
      ...(this.notBefore > this.deps.now() ? { notBefore: this.notBefore } : {}),
      writtenAt: this.deps.now(),
    }
    try {
      this.deps.storage.setItem(breakerStorageKey(this.capability), JSON.stringify(stored))
    } catch {
      // Storage full or blocked: this tab still protects itself; sharing is best effort.
    }
  }

  /** The shared state, or null when there is none or it is not one this app could have written. */
  private read(): Stored | null {
    let raw: string | null | undefined
    try {
      raw = this.deps.storage?.getItem(breakerStorageKey(this.capability))
    } catch {
      return null
    }
    if (!raw) return null
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw))
      if (!parsed.success) return null
      // Opened "in the future" (a tampered entry, a clock set back): it would never let a trial through.
      const { openedAt } = parsed.data.cockatiel.ownState
      if (openedAt !== undefined && openedAt > this.deps.now() + 60_000) return null
      // A Retry-After is never an hour long: a tampered one would hold billing down.
      const { notBefore } = parsed.data
      if (notBefore !== undefined && notBefore > this.deps.now() + 10 * 60_000) return null
      return parsed.data
    } catch {
      return null
    }
  }
}
