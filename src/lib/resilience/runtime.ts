/**
 * The resilience runtime: breakers, call windows, the health report, the status poller, the
 * request policy and the availability state, created together with what they depend on (clock,
 * random, timers, storage, visibility, locks), as the query client is. The app creates one
 * (app.tsx); tests get a fresh one with every app they render; the fleet simulation
 * (scripts/fleet) builds the same runtime on its simulated clock. Nothing here runs at import time.
 */
import { breaker as breakerSettings, callHealth, emptySectionSpreadMs, recoverySpreadMs } from '@/config/resilience'
import type { BillingStatus, Capability } from '@/lib/api/schemas'
import { capabilityList, createAvailabilityStore } from '@/lib/availability/availability-store'
import {
  createCallWindow,
  type AttemptOutcome,
  type CallOutcome,
  type CallSignal,
  type CallWindow,
} from './call-window'
import { createHealthReport, providerHealthOf } from './health-report'
import { createProviderPolicy } from './provider-policy'
import { breakerStorageKey } from './breaker-storage'
import { SharedBreaker, type BreakerTransition } from './shared-breaker'
import {
  createStatusPoller,
  type Locks,
  type StatusAnswer,
  type StatusResult,
  type Timers,
  type Visibility,
} from './status-poller'

export type RuntimeEvent =
  /** A breaker changed, in this tab or another. */
  | { type: 'breaker'; capability: Capability; transition: BreakerTransition }
  /**
   * Refetch what this tab shows of the capability; that call is the breaker's trial. Sent when the
   * breaker's own wait is over (the report says nothing), or when the report says the capability is
   * back, after this tab's random place in the recovery spread.
   */
  | { type: 'trial-due'; capability: Capability; reason: 'report-back' | 'breaker-wait' }
  /**
   * The report says the capability is back: read again, soon (emptySectionSpreadMs) and before the
   * spread, what this tab shows of it with nothing to show (its read failed, nothing was held).
   */
  | { type: 'empty-due'; capability: Capability }
  /** The report says the capability is back while this tab is hidden: mark it stale, refetch when shown. */
  | { type: 'stale'; capability: Capability }
  /** A new health report (or none: null), for the status page. */
  | { type: 'status'; status: BillingStatus | null; fetchedAt: number }
  /** Maintenance ended (a new generation): whatever the app holds may be stale. */
  | { type: 'generation'; generation: number }

export type RuntimeDeps = {
  fetchStatus: () => Promise<StatusAnswer>
  storage?: Storage | undefined
  now?: () => number
  random?: () => number
  timers?: Timers & { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }
  visibility?: Visibility
  /** False while the browser is offline: no poll is tried (the app's queries pause too). */
  online?: () => boolean
  locks?: Locks | null
  /** Other tabs' storage writes: the key, or null when storage was cleared. */
  onStorage?: (listener: (key: string | null) => void) => () => void
  newId?: () => string
  /** The recovery spread (src/config/resilience.ts); the fleet simulation tries others. */
  recoverySpreadMs?: number
}

export function createResilienceRuntime(deps: RuntimeDeps) {
  const now = deps.now ?? (() => Date.now())
  const random = deps.random ?? (() => Math.random())
  const timers = deps.timers ?? browserTimers
  const visibility = deps.visibility ?? documentVisibility()
  const onStorage = deps.onStorage ?? windowStorageEvents
  const storage = deps.storage
  const online = deps.online ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false)
  const newId =
    deps.newId ??
    (() =>
      typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `incident-${now()}-${random()}`)

  const listeners = new Set<(event: RuntimeEvent) => void>()
  const emit = (event: RuntimeEvent) => listeners.forEach((listener) => listener(event))

  const availability = createAvailabilityStore(now)
  const report = createHealthReport()
  const breakers = Object.fromEntries(
    capabilityList.map((capability) => [capability, new SharedBreaker(capability, { storage, now, newId })]),
  ) as Record<Capability, SharedBreaker>
  const windows = Object.fromEntries(capabilityList.map((capability) => [capability, createCallWindow()])) as Record<
    Capability,
    CallWindow
  >

  const refreshCallSignals = () => {
    const calls = Object.fromEntries(
      capabilityList.map((capability) => [capability, windows[capability].signal(now())]),
    ) as Record<Capability, CallSignal>
    const current = availability.inputs().calls
    if (capabilityList.some((capability) => current[capability] !== calls[capability])) availability.update({ calls })
  }

  const recordingWindows = Object.fromEntries(
    capabilityList.map((capability) => [
      capability,
      {
        ...windows[capability],
        record: (outcome: CallOutcome, at: number) => {
          windows[capability].record(outcome, at)
          refreshCallSignals()
        },
        // A read still on its way says slow at slowAloneMs: shown then, as its end is at once.
        begin: (at: number, options?: { retry?: boolean; write?: boolean }) => {
          const attempt = windows[capability].begin(at, options)
          const overdue = timers.setTimeout(refreshCallSignals, callHealth.slowAloneMs)
          return {
            end: (outcome: AttemptOutcome | null, endedAt: number) => {
              timers.clearTimeout(overdue)
              attempt.end(outcome, endedAt)
              refreshCallSignals()
            },
          }
        },
      },
    ]),
  ) as Record<Capability, CallWindow>

  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const handle = timers.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      const onAbort = () => {
        timers.clearTimeout(handle)
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    })

  // Declared before the poller exists: a refusal can only come once calls are made, after start().
  let pollStatusNow = () => Promise.resolve()
  const runProviderCall = createProviderPolicy({
    breakers,
    windows: recordingWindows,
    report,
    now,
    random,
    sleep,
    onMaintenanceRefusal: () => void pollStatusNow(),
  })

  const pending = new Set<unknown>()
  /** Back, says the report: edits at once; the refetch (the trial) at this tab's place in the spread. */
  const recover = (capability: Capability) => {
    breakers[capability].release()
    if (!visibility.visible()) return emit({ type: 'stale', capability })
    const place = random()
    const after = (ms: number, event: RuntimeEvent) => {
      const handle = timers.setTimeout(() => {
        pending.delete(handle)
        emit(event)
      }, ms)
      pending.add(handle)
    }
    // The same place in both spreads: a tab early for one is early for the other.
    after(Math.round(place * emptySectionSpreadMs), { type: 'empty-due', capability })
    after(Math.round(place * (deps.recoverySpreadMs ?? recoverySpreadMs)), {
      type: 'trial-due',
      capability,
      reason: 'report-back',
    })
  }

  let generation: number | null = null
  let latest: StatusResult | null = null
  const onStatus = (result: StatusResult) => {
    latest = result
    const change = report.update(result.status ? providerHealthOf(result.status) : null)
    availability.update({
      report: report.current(),
      ...(result.status ? { maintenance: result.status.maintenance } : {}),
    })
    change.cameBack.forEach(recover)
    emit({ type: 'status', status: result.status, fetchedAt: result.fetchedAt })
    const next = result.status?.maintenance.generation
    if (next !== undefined) {
      if (generation !== null && next !== generation) emit({ type: 'generation', generation: next })
      generation = next
    }
  }

  const poller = createStatusPoller({
    fetchStatus: deps.fetchStatus,
    now,
    timers,
    visibility,
    online,
    locks: deps.locks === undefined ? browserLocks() : deps.locks,
    storage,
    onStorage,
    onResult: onStatus,
  })

  pollStatusNow = () => poller.pollNow()

  /** The fallback's trial: when the report says nothing, each breaker's own wait decides. */
  const checkTrials = () => {
    refreshCallSignals()
    if (!visibility.visible()) return
    for (const capability of capabilityList) {
      const breaker = breakers[capability]
      if (breaker.state !== 'open' || report.isDown(capability)) continue
      const dueAt = breaker.trialDueAt
      if (dueAt !== null && now() >= dueAt) emit({ type: 'trial-due', capability, reason: 'breaker-wait' })
    }
  }

  return {
    availability,
    breakers,
    report,
    runProviderCall,
    /** The last health report read (or null when it could not be read), if any yet. */
    latestStatus: (): StatusResult | null => latest,
    /** False while the browser is offline: no health report is asked for then. */
    online: (): boolean => online(),
    /** Ask the status endpoint now (a write was refused for maintenance: see what changed). */
    pollStatusNow: () => poller.pollNow(),
    subscribe(listener: (event: RuntimeEvent) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** Starts polling, ticking and listening to other tabs; returns the way to stop. */
    start(): () => void {
      const unsubscribes = capabilityList.map((capability) =>
        breakers[capability].subscribe((transition) => {
          // The window's failures belonged to the outage that the breaker has now taken over or ended.
          if (transition.to !== 'half-open') windows[capability].reset()
          refreshCallSignals()
          availability.update({ breakers: { ...availability.inputs().breakers, [capability]: transition.snapshot } })
          emit({ type: 'breaker', capability, transition })
        }),
      )
      availability.update({
        breakers: Object.fromEntries(
          capabilityList.map((capability) => [capability, breakers[capability].current]),
        ) as Record<Capability, SharedBreaker['current']>,
      })
      const stopStorage = onStorage((key) => {
        for (const capability of capabilityList) {
          if (key === null || key === breakerStorageKey(capability)) breakers[capability].adoptFromStorage()
        }
      })
      const trialTimer = timers.setInterval(checkTrials, breakerSettings.probeTickMs)
      poller.start()
      return () => {
        poller.stop()
        timers.clearInterval(trialTimer)
        pending.forEach((handle) => timers.clearTimeout(handle))
        pending.clear()
        stopStorage()
        unsubscribes.forEach((unsubscribe) => unsubscribe())
      }
    },
    /** Forget this browser's view of the provider (sign-out). */
    reset(): void {
      for (const capability of capabilityList) {
        breakers[capability].reset()
        windows[capability].reset()
      }
      availability.reset()
    },
  }
}

export type ResilienceRuntime = ReturnType<typeof createResilienceRuntime>

// ---------------------------------------------------------------- the browser's defaults

const browserTimers = {
  setTimeout: (callback: () => void, ms: number): unknown => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (callback: () => void, ms: number): unknown => globalThis.setInterval(callback, ms),
  clearInterval: (handle: unknown) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
}

/** The page's visibility; `visibilitychange` bubbles from the document to the window. */
function documentVisibility(): Visibility {
  if (typeof document === 'undefined') return { visible: () => true, subscribe: () => () => undefined }
  return {
    visible: () => document.visibilityState !== 'hidden',
    subscribe(onChange) {
      window.addEventListener('visibilitychange', onChange)
      return () => window.removeEventListener('visibilitychange', onChange)
    },
  }
}

function windowStorageEvents(listener: (key: string | null) => void): () => void {
  if (typeof window === 'undefined') return () => undefined
  const onEvent = (event: StorageEvent) => listener(event.key)
  window.addEventListener('storage', onEvent)
  return () => window.removeEventListener('storage', onEvent)
}

/** Web Locks where the browser has them (every current one); none in older ones and in tests. */
function browserLocks(): Locks | null {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks
  if (!locks) return null
  return {
    ifAvailable: async (name, task) => {
      await locks.request(name, { ifAvailable: true }, async (lock) => {
        if (lock) await task()
      })
    },
  }
}
