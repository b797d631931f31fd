/**
 * The fleet's view of one capability, from what each instance saw of its own share of the calls
 * (decision record 030). Every instance writes its view to the shared store a few times a second
 * and folds in the fresh views of the others before judging, so the verdict is the fleet's, not an
 * instance's: three instances each seeing a third of the traffic detect as one would seeing all.
 *
 * Pure: tested with plain numbers, and the same on every instance given the same views.
 */
import type { BreakerState } from './breaker'
import type { FailureKind } from './calls'
import type { CapabilityView } from './rules'
import { addCounts, emptyCounts, totalFailures, type CallCounts } from './window'

/** One instance's view of one capability, as written to the shared store. */
export type SharedView = {
  instance: string
  /** When it was taken (ms): older than `FLEET_VIEW_FRESH_MS`, it is left out. */
  at: number
  breaker: BreakerState
  /** When its breaker last opened and last closed (null: never). */
  openedAt: number | null
  closedAt: number | null
  lastOkAt: number
  lastFailureAt: number
  /** Its last few probes while a breaker was open: when each went out and ended, and whether Zuora answered. */
  probes: { startedAt: number; endedAt: number; ok: boolean }[]
  view: CapabilityView
}

/** A view older than this is an instance gone or cut off from the store: it no longer counts. */
export const FLEET_VIEW_FRESH_MS = 1_500

export type FleetView = {
  view: CapabilityView
  /** Instances whose view had calls (answered or in flight) in the window. */
  reporting: string[]
  /** Of those, the ones that saw failures, slow or shed calls, or calls overdue. */
  troubled: string[]
}

const hasCalls = (shared: SharedView) => shared.view.window.calls + shared.view.inFlight > 0

const isTroubled = (shared: SharedView) => {
  const { window } = shared.view
  return totalFailures(window) > 0 || window.slow > 0 || window.shed > 0 || shared.view.overdue > 0
}

/**
 * The views that describe now. A peer whose breaker opened before ours last closed still holds the
 * outage we saw end (its window is from before the probes answered): its calls are left out until
 * it closes too, or the fleet would trip again on evidence it already knows is over.
 */
export function currentViews(own: SharedView, peers: readonly SharedView[], now: number): SharedView[] {
  const fresh = peers.filter((peer) => peer.instance !== own.instance && now - peer.at <= FLEET_VIEW_FRESH_MS)
  const ourClose = own.breaker === 'closed' ? own.closedAt : null
  return [
    own,
    ...fresh.filter((peer) => !(ourClose !== null && peer.breaker !== 'closed' && (peer.openedAt ?? 0) < ourClose)),
  ]
}

export function mergeViews(own: SharedView, peers: readonly SharedView[], now: number): FleetView {
  const views = currentViews(own, peers, now)
  const window: CallCounts = emptyCounts()
  const recent: CallCounts = emptyCounts()
  for (const shared of views) {
    addCounts(window, shared.view.window)
    addCounts(recent, shared.view.recent)
  }

  // A run of failures is the fleet's while no instance has had an answer since it began: runs that
  // ended before the newest success anywhere are over.
  const lastOkAt = Math.max(...views.map((shared) => shared.lastOkAt))
  const running = views.filter((shared) => shared.view.run.length > 0 && shared.lastFailureAt > lastOkAt)
  const kinds: FailureKind[] = running.flatMap((shared) => shared.view.run.kinds)
  const starts = running.map((shared) => shared.view.run.startedAt).filter((at): at is number => at !== null)

  // Stalled only if every instance with calls is stalled: one answering instance proves Zuora answers.
  const busy = views.filter((shared) => shared.view.inFlight > 0 || shared.view.recent.calls > 0)
  const stalled = busy.length > 0 && busy.every((shared) => shared.view.stalledMs !== null)
  const stalledMs = stalled ? Math.min(...busy.map((shared) => shared.view.stalledMs ?? Infinity)) : null

  // Zuora's Retry-After is for the tenant, whichever instance was told: everyone honours it.
  const shedding = views
    .filter((shared) => shared.view.shedUntil !== null)
    .sort((a, b) => (b.view.shedUntil ?? 0) - (a.view.shedUntil ?? 0))[0]

  return {
    view: {
      now,
      window,
      recent,
      run: {
        length: running.reduce((sum, shared) => sum + shared.view.run.length, 0),
        startedAt: starts.length > 0 ? Math.min(...starts) : null,
        kinds: kinds.slice(-20),
      },
      inFlight: views.reduce((sum, shared) => sum + shared.view.inFlight, 0),
      overdue: views.reduce((sum, shared) => sum + shared.view.overdue, 0),
      stalledMs,
      shedUntil: shedding?.view.shedUntil ?? null,
      lastRetryAfterMs: shedding?.view.lastRetryAfterMs ?? own.view.lastRetryAfterMs,
      lastFailureKinds: views.flatMap((shared) => shared.view.lastFailureKinds).slice(-5),
    },
    reporting: views.filter(hasCalls).map((shared) => shared.instance),
    troubled: views.filter((shared) => hasCalls(shared) && isTroubled(shared)).map((shared) => shared.instance),
  }
}

/**
 * The agreement a shared verdict needs (record 030): when two or more instances have calls in the
 * window, trouble seen by one of them alone is that instance's (its network, its host), not
 * Zuora's, and never flips the fleet's report. Shedding is exempt: Zuora's Retry-After is for the
 * whole tenant.
 */
export function loneTrouble(fleet: FleetView): string | null {
  if (fleet.reporting.length < 2 || fleet.troubled.length !== 1) return null
  return fleet.troubled[0] ?? null
}

/**
 * Whether the probes the fleet sent while this breaker was open say Zuora is back: `needed` answers
 * in a row, newest last, from any instance, all sent after `openedAt`.
 */
export function fleetProbesClose(views: readonly SharedView[], openedAt: number, needed: number): boolean {
  const probes = views
    .flatMap((shared) => shared.probes)
    .filter((probe) => probe.startedAt >= openedAt)
    .sort((a, b) => a.endedAt - b.endedAt)
  let answered = 0
  for (const probe of probes) answered = probe.ok ? answered + 1 : 0
  return answered >= needed
}
