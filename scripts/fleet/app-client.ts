/**
 * The app in one simulated tab: the resilience runtime the app creates (createResilienceRuntime,
 * src/lib/resilience/runtime.ts), built on the simulation instead of the browser: `now` is the
 * simulated clock (as Date.now, which cockatiel reads, is during a run), `random` the seeded
 * generator, `timers` the event queue, `storage` and `onStorage` the browser's shared storage
 * and its `storage` events, `visibility` the session model's, `locks` the browser's, and
 * `fetchStatus` a poll of the status endpoint through the CDN. Nothing of the request policy is
 * restated here: every provider read goes through `runtime.runProviderCall` (the health report's
 * refusal, the breaker, the retries and their waits), with an attempt that sends to the
 * simulated provider (through the gateway, when the run models it: gateway-detector.ts) and fails
 * at the time-out the policy gives it (src/config/resilience.ts).
 *
 * What the React layer does with the runtime's events (src/lib/availability/use-availability-sync.ts)
 * is mirrored in `onEvent` and `trial` below, line for line; keep the two together.
 */
import { callHealth, providerStaleMs, recoveringMs } from '../../src/config/resilience'
import { ApiError } from '../../src/lib/api/errors'
import type { Capability } from '../../src/lib/api/schemas'
import { createResilienceRuntime, type ResilienceRuntime, type RuntimeEvent } from '../../src/lib/resilience/runtime'
import type { ProviderRoute, Purpose } from './provider'
import type { Random } from './random'
import { simulatedTimers, type SimEvent, type Simulation, type SimulatedTimers } from './simulation'
import type { Browser } from './session-browser'
import type { TabClient } from './session-model'
import type { Tab } from './session-tab'
import type { StatusEndpoint } from './status-endpoint'

export type AppClientOptions = {
  /** The policy's seeded generator (also Math.random during a run, for cockatiel's jitter). */
  random: Random
  /** use-availability-sync.ts's spread of the recovery refetch (recoverySpreadMs, or a what-if). */
  recoverySpreadMs: number
  /**
   * Tick every interval of every tab, hidden or not. Otherwise a hidden tab whose call windows are
   * empty (no attempt for `callHealth.windowMs`) and whose call signals are all null parks its
   * runtime's intervals, since each of their ticks returns at once (status-poller.ts: a hidden tab
   * never polls; runtime.ts checkTrials: nothing to refresh, and hidden). The same run, much
   * faster: tests/unit/fleet-sim.test.ts checks it.
   */
  exactTicks?: boolean
}

/** src/lib/api/query-client.ts: the app's provider-backed queries are fresh for providerStaleMs. */
export const appStaleTimeMs = providerStaleMs

let incidents = 0

export class AppTabClient implements TabClient {
  readonly runtime: ResilienceRuntime
  private recoveringTimer: SimEvent | null = null
  private readonly timers: SimulatedTimers
  /** When this tab's last attempt ended (what its call windows last recorded). */
  private lastAttemptAt = -Infinity

  constructor(
    private readonly simulation: Simulation,
    private readonly route: ProviderRoute,
    status: StatusEndpoint,
    private readonly tab: Tab,
    browser: Browser,
    options: AppClientOptions,
  ) {
    this.timers = simulatedTimers(simulation, options.exactTicks ? undefined : () => this.idle())
    tab.visibility.subscribe(() => this.timers.wake())
    this.runtime = createResilienceRuntime({
      fetchStatus: () => {
        simulation.touchAsync()
        return status.fetch(browser.edgeNode)
      },
      storage: browser.storage.forTab(tab.index),
      onStorage: (listener) => browser.storage.listen(tab.index, listener),
      now: () => simulation.dateNow(),
      random: options.random,
      timers: this.timers,
      visibility: tab.visibility,
      locks: browser.locks,
      newId: () => `incident-${++incidents}`,
      recoverySpreadMs: options.recoverySpreadMs,
    })
  }

  start(): void {
    // use-availability-sync.ts: subscribe, then start; and end "recovering" after recoveringMs.
    this.runtime.subscribe((event) => this.onEvent(event))
    this.runtime.availability.store.subscribe((state, previous) => {
      if (state.availability.status === previous.availability.status) return
      this.simulation.cancel(this.recoveringTimer)
      this.recoveringTimer = null
      if (state.availability.status === 'recovering') {
        this.recoveringTimer = this.simulation.after(recoveringMs, () => this.runtime.availability.endRecovering())
      }
      this.tab.browser.changed()
    })
    this.runtime.start()
  }

  /** Every tick of this tab's runtime would return at once (see AppClientOptions.exactTicks). */
  private idle(): boolean {
    if (this.tab.visible || this.simulation.now - this.lastAttemptAt <= callHealth.windowMs + 1_000) return false
    const { calls } = this.runtime.availability.inputs()
    return (
      calls.subscription === null && calls.invoices === null && calls.payments === null && calls.billingDetails === null
    )
  }

  editsPaused(): boolean {
    return this.runtime.availability.get().status === 'maintenance'
  }

  explainsPause(capability: Capability): boolean {
    return this.runtime.availability.get().capabilities[capability].state === 'down'
  }

  read(capability: Capability, purpose: Purpose, done: (ok: boolean) => void): void {
    let attempts = 0
    this.simulation.touchAsync()
    this.runtime
      .runProviderCall({ capability, kind: 'read', signal: undefined }, (_signal, timeoutMs) =>
        this.send(capability, attempts++ === 0 ? purpose : 'retry', timeoutMs),
      )
      .then(
        () => done(true),
        () => done(false),
      )
  }

  /**
   * One attempt: the provider's answer, or the time-out the policy gave it. Its signal is not
   * listened to: nothing in the simulation cancels a call (the runtime passes cockatiel's shared
   * never-aborted signal, and hundreds of tabs listening to it at once would only warn).
   */
  private send(capability: Capability, purpose: Purpose, timeoutMs: number): Promise<void> {
    const { simulation } = this
    return new Promise((resolve, reject) => {
      let settled = false
      const settle = (error: ApiError | undefined) => {
        if (settled) return
        settled = true
        simulation.cancel(timeout)
        simulation.touchAsync()
        this.lastAttemptAt = simulation.now
        this.timers.wake()
        if (error) reject(error)
        else resolve()
      }
      const timeout = simulation.after(timeoutMs, () =>
        settle(new ApiError('timeout', `No answer within ${timeoutMs} ms`, { capability })),
      )
      this.route.send(capability, purpose, settle)
    })
  }

  /** use-availability-sync.ts's onEvent (alerts to the operators left out: not provider load). */
  private onEvent(event: RuntimeEvent): void {
    const { tab } = this
    switch (event.type) {
      case 'breaker': {
        const { transition, capability } = event
        if (transition.to === 'closed' && transition.from !== 'closed') {
          // This tab's trial already refetched what it shows; another tab's did not refetch ours.
          const refetch = !transition.local && tab.visible
          tab.invalidate(capability, refetch, 'refetch')
        }
        return
      }
      case 'stale':
        return tab.invalidate(event.capability, false, 'trial')
      case 'trial-due':
        return this.trial(event.capability, event.reason)
      case 'status':
        return
      case 'generation':
        return tab.invalidate(null, true, 'refetch')
    }
  }

  /**
   * use-availability-sync.ts's trial: refetch what the tab shows of the capability; when it shows
   * none of it, nothing after a report-back, its cheapest read when the breaker decides alone.
   */
  private trial(capability: Capability, reason: 'report-back' | 'breaker-wait'): void {
    if (!this.tab.shows(capability)) {
      if (reason === 'breaker-wait') this.read(capability, 'trial', () => undefined)
      this.tab.invalidate(capability, false, 'trial')
      return
    }
    this.tab.invalidate(capability, true, 'trial')
  }
}
