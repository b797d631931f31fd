/**
 * One capability's circuit breaker, shared by every tab of the browser and kept across reloads.
 *
 * The breaker itself is cockatiel's (consecutive failures, half-jittered exponential wait before a
 * half-open probe, one probe at a time). What this adds is the sharing: every state change is
 * written to localStorage with cockatiel's own serialised state, and the other tabs rebuild their
 * breaker from it (the `storage` event). So when one tab sees the provider fail, every tab stops
 * calling it; when one tab starts a probe, the others restart their wait from that moment (so the
 * browser sends one probe per interval, not one per tab); and a reload starts from the last state.
 */
import {
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  halfJitterGenerator,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel'
import { z } from 'zod/mini'
import { breaker as settings } from '@/config/resilience'
import { isProviderFailure } from '@/lib/api/errors'
import type { Capability } from '@/lib/api/schemas'

export type BreakerState = 'closed' | 'open' | 'half-open'

export type BreakerSnapshot = {
  state: BreakerState
  /** One id per outage, shared by the tabs, so that alerts about it can be deduplicated. */
  incidentId: string | null
  /** When this outage was first seen (ms), for "since"; null while closed. */
  since: number | null
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

const storedSchema = z.object({
  version: z.literal(1),
  cockatiel: z.unknown(),
  incidentId: z.nullable(z.string()),
  since: z.nullable(z.number()),
  writtenAt: z.number(),
})
type Stored = z.infer<typeof storedSchema>

export const breakerStorageKey = (capability: Capability) => `billing-breaker:${capability}`

const toState = (state: CircuitState): BreakerState =>
  state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half-open' : 'open'

function newIncidentId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `incident-${Date.now()}-${Math.random()}`
}

export class SharedBreaker {
  private policy: CircuitBreakerPolicy
  private snapshot: BreakerSnapshot = { state: 'closed', incidentId: null, since: null }
  private readonly listeners = new Set<(transition: BreakerTransition) => void>()

  constructor(
    readonly capability: Capability,
    private readonly storage: Storage | undefined,
  ) {
    const stored = this.read()
    this.policy = this.create(stored?.cockatiel)
    if (stored) this.snapshot = { state: toState(this.policy.state), incidentId: stored.incidentId, since: stored.since }
  }

  get state(): BreakerState {
    return this.snapshot.state
  }

  get current(): BreakerSnapshot {
    return this.snapshot
  }

  /** Runs one attempt through the breaker; rejects at once, sending nothing, while it is open. */
  execute<T>(attempt: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.policy.execute(({ signal: policySignal }) => attempt(policySignal), signal)
  }

  subscribe(listener: (transition: BreakerTransition) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Another tab wrote a new state: take it over, as if this tab had seen what it saw. */
  adoptFromStorage(): void {
    const stored = this.read()
    const from = this.snapshot.state
    const previousIncident = this.snapshot.incidentId
    this.policy = this.create(stored?.cockatiel)
    this.snapshot = {
      state: toState(this.policy.state),
      incidentId: stored?.incidentId ?? null,
      since: stored?.since ?? null,
    }
    if (from !== this.snapshot.state) {
      const incidentId = this.snapshot.incidentId ?? previousIncident
      this.emit({ from, to: this.snapshot.state, snapshot: this.snapshot, incidentId, local: false })
    }
  }

  /** Forget everything (sign-out, tests). */
  reset(): void {
    this.storage?.removeItem(breakerStorageKey(this.capability))
    this.policy = this.create(undefined)
    this.snapshot = { state: 'closed', incidentId: null, since: null }
  }

  private create(initialState: unknown): CircuitBreakerPolicy {
    const policy = circuitBreaker(
      handleWhen((error) => isProviderFailure(error)),
      {
        breaker: new ConsecutiveBreaker(settings.consecutiveFailures),
        halfOpenAfter: new ExponentialBackoff({
          initialDelay: settings.probeInitialDelayMs,
          maxDelay: settings.probeMaxDelayMs,
          generator: halfJitterGenerator,
        }),
        ...(initialState === undefined ? {} : { initialState }),
      },
    )
    policy.onStateChange((state) => {
      // A policy replaced by another tab's state may still finish a call: ignore what it says.
      if (policy === this.policy) this.onLocalChange(toState(state))
    })
    return policy
  }

  private onLocalChange(to: BreakerState): void {
    const from = this.snapshot.state
    if (from === to) return
    const shared = this.read()
    const previousIncident = this.snapshot.incidentId
    let { incidentId, since } = this.snapshot
    if (to === 'closed') {
      incidentId = null
      since = null
    } else if (from === 'closed') {
      // Another tab may have opened its breaker for the same outage a moment ago: same incident.
      const sharedOpen = shared && shared.incidentId && shared.since !== null
      incidentId = sharedOpen ? shared.incidentId : newIncidentId()
      since = sharedOpen ? shared.since : Date.now()
    }
    this.snapshot = { state: to, incidentId, since }
    this.write(to)
    this.emit({ from, to, snapshot: this.snapshot, incidentId: incidentId ?? previousIncident, local: true })
  }

  private write(state: BreakerState): void {
    if (!this.storage) return
    let cockatiel = this.policy.toJSON() as { ownState?: { value: CircuitState; attemptNo?: number }; breakerState?: unknown }
    if (state === 'half-open') {
      // cockatiel serialises a running probe as "open since 0", which would let every other tab
      // probe at once. Say "open since now" instead: the others wait a whole interval.
      cockatiel = {
        ...cockatiel,
        ownState: { value: CircuitState.Open, openedAt: Date.now(), attemptNo: cockatiel.ownState?.attemptNo ?? 1 },
      } as typeof cockatiel
    }
    const stored: Stored = {
      version: 1,
      cockatiel,
      incidentId: this.snapshot.incidentId,
      since: this.snapshot.since,
      writtenAt: Date.now(),
    }
    try {
      this.storage.setItem(breakerStorageKey(this.capability), JSON.stringify(stored))
    } catch {
      // Storage full or blocked: this tab still protects itself; sharing is best effort.
    }
  }

  private read(): Stored | null {
    const raw = this.storage?.getItem(breakerStorageKey(this.capability))
    if (!raw) return null
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw))
      return parsed.success && isCockatielState(parsed.data.cockatiel) ? parsed.data : null
    } catch {
      return null
    }
  }

  private emit(transition: BreakerTransition): void {
    for (const listener of this.listeners) listener(transition)
  }
}

/** What cockatiel's toJSON() wrote, checked before it is handed back to cockatiel. */
const cockatielStateSchema = z.object({
  ownState: z.looseObject({ value: z.int().check(z.minimum(CircuitState.Closed), z.maximum(CircuitState.Isolated)) }),
  breakerState: z.unknown(),
})
function isCockatielState(value: unknown): boolean {
  return cockatielStateSchema.safeParse(value).success
}
