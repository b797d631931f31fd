/**
 * The sessions, identical under every policy so that any difference in load comes from the
 * request policy alone. A session is one browser with the console open in 1–3 tabs (each tab its
 * own app: its own query cache and its own resilience runtime, sharing the browser's storage).
 *
 * - Visibility: at any moment `visibleShare` of the browsers show the console (one of their
 *   tabs, picked at random each time the browser is shown: the admin is at the desk, on that
 *   tab); the others show none of it (another application, another tab, a locked screen). A
 *   browser stays shown for an exponential time (mean `visibleDwellMeanMs`) and hidden for one
 *   whose mean makes that share.
 * - The admin acts only in the shown tab: between page views they think for an exponential time
 *   (mean `thinkMeanMs`). Every provider-backed page shows the subscription; `invoicesShare` of
 *   them the invoices too. A page that still shows an error is reloaded after 10–30 s, up to 3
 *   times, unless the app repaired it meanwhile. Under the app, a section whose capability is
 *   paused is not an error to reload: it shows its saved data "as of" (or "unavailable"), says the
 *   app turns it back on by itself, and offers no Retry (src/components/query-section.tsx and the
 *   banner). Hidden, the admin does nothing.
 * - Queries (TanStack Query, as src/lib/api/query-client.ts sets it, or its defaults): one per
 *   capability and tab; a page mounting fetches those of its queries that are stale (older than
 *   the stale time, or invalidated) or in error; a tab shown again refetches its stale active
 *   queries (refetchOnWindowFocus); concurrent fetches of one query are one fetch (an
 *   invalidation does not cancel the fetch in flight). A reload fetches every query of the page
 *   (the saved cache is restored invalidated); it keeps the tab's runtime, which a real reload
 *   would rebuild from the same storage.
 */
import type { Capability } from '../../src/lib/api/schemas'
import type { Visibility } from '../../src/lib/resilience/status-poller'
import { BrowserStorage, browserLocks } from './memory-storage'
import type { Purpose } from './provider'
import { exponential, uniform, type Random } from './random'
import type { Simulation } from './simulation'
import { cdn } from './status-endpoint'

export type SimCapability = 'subscription' | 'invoices'
export const simCapabilities: readonly SimCapability[] = ['subscription', 'invoices']
export type Page = readonly SimCapability[]

export const sessionModel = {
  /** Shares of browsers with 1, 2 and 3 tabs of the console open (mean 1.7). */
  tabShares: [0.5, 0.3, 0.2] as readonly number[],
  /** Share of browsers showing the console at any moment. */
  visibleShare: 0.3,
  /** Mean time a browser stays shown; it stays hidden for visibleDwellMeanMs * (1 - share) / share on average. */
  visibleDwellMeanMs: 4 * 60_000,
  /** 'one': a shown browser shows one of its tabs; 'all': every tab (windows side by side: a what-if for tests). */
  visibleTabs: 'one' as 'one' | 'all',
  thinkMeanMs: 90_000,
  invoicesShare: 0.5,
  reloadMinMs: 10_000,
  reloadMaxMs: 30_000,
  maxReloads: 3,
}
export type SessionModel = typeof sessionModel

const subscriptionPage: Page = ['subscription']
const invoicesPage: Page = ['subscription', 'invoices']

/** The request policy of one tab. */
export type TabClient = {
  /** One fetch of a capability's query, as its queryFn makes it; `done(true)` when it succeeded. */
  read(capability: SimCapability, purpose: Purpose, done: (ok: boolean) => void): void
  /** Whether the tab's availability state pauses edits now (never, for the library defaults). */
  editsPaused(): boolean
  /** The tab says this capability is paused and that it will refresh it by itself (never, for the library defaults). */
  explainsPause(capability: SimCapability): boolean
  /** The tab's own background work begins (the app's runtime starts: polling, ticks, other tabs). */
  start(): void
}

/** What is measured, for sessions that show the console when the provider comes back, or are shown after. */
export class RecoveryRecorder {
  /** Provider back → edits enabled (s), for browsers shown with edits paused at that moment. */
  readonly editsEnabled: number[] = []
  /** ...of which hidden again before edits were enabled (left out of the figures). */
  editsHiddenFirst = 0
  /** Shown after the provider came back with edits paused → enabled (s). */
  readonly shownEditsEnabled: number[] = []
  /** Provider back → the page shows fresh data (s), for browsers shown with an error on their page at that moment. */
  readonly dataFresh: number[] = []
  dataHiddenFirst = 0

  constructor(readonly providerBackAt: number) {}
}

type Query = {
  dataUpdatedAt: number | null
  invalidated: boolean
  failed: boolean
  /** Callbacks of the fetch in flight; null when none is. */
  waiting: ((ok: boolean) => void)[] | null
}

export class Tab {
  visible = false
  page: Page
  client!: TabClient
  private readonly queries: Record<SimCapability, Query>
  private readonly visibilityListeners = new Set<() => void>()

  constructor(
    private readonly simulation: Simulation,
    readonly browser: Browser,
    readonly index: number,
    random: Random,
  ) {
    // Open for a while already: a page loaded some time ago, its data then.
    this.page = random() < browser.model.invoicesShare ? invoicesPage : subscriptionPage
    const query = (shown: boolean): Query => ({
      dataUpdatedAt: shown ? -uniform(random, 0, 10 * 60_000) : null,
      invalidated: false,
      failed: false,
      waiting: null,
    })
    this.queries = { subscription: query(true), invoices: query(this.page.includes('invoices')) }
  }

  /** The runtime's visibility for this tab. */
  readonly visibility: Visibility = {
    visible: () => this.visible,
    subscribe: (onChange) => {
      this.visibilityListeners.add(onChange)
      return () => this.visibilityListeners.delete(onChange)
    },
  }

  shows(capability: Capability): boolean {
    return (this.page as readonly Capability[]).includes(capability)
  }

  /** Fetches a query, or joins the fetch in flight. */
  fetch(capability: SimCapability, purpose: Purpose, done?: (ok: boolean) => void): void {
    const query = this.queries[capability]
    if (query.waiting) {
      if (done) query.waiting.push(done)
      return
    }
    query.waiting = done ? [done] : []
    this.client.read(capability, purpose, (ok) => {
      const waiting = query.waiting ?? []
      query.waiting = null
      query.failed = !ok
      if (ok) {
        query.dataUpdatedAt = this.simulation.now
        query.invalidated = false
      }
      for (const callback of waiting) callback(ok)
      this.browser.changed()
    })
  }

  /** queryClient.invalidateQueries for one capability (or all: null), refetching its active queries or none. */
  invalidate(capability: Capability | null, refetchActive: boolean, purpose: Purpose): void {
    for (const simCapability of simCapabilities) {
      if (capability !== null && capability !== simCapability) continue
      this.queries[simCapability].invalidated = true
      if (refetchActive && this.shows(simCapability)) this.fetch(simCapability, purpose)
    }
  }

  /**
   * Fetches the page's queries: every one (`all`: a reload), those a mounting page fetches (`mount`:
   * stale or in error), or those a tab shown again refetches (`focus`: stale). `done(allOk)` once all have answered.
   */
  load(purpose: Purpose, which: 'all' | 'mount' | 'focus', done: (ok: boolean) => void): void {
    const due = this.page.filter(
      (capability) => which === 'all' || this.isStale(capability) || (which === 'mount' && this.queries[capability].failed),
    )
    let pending = due.length
    let allOk = true
    if (pending === 0) return done(this.pageOk())
    for (const capability of due) {
      this.fetch(capability, purpose, (ok) => {
        allOk &&= ok
        if (--pending === 0) done(allOk)
      })
    }
  }

  /** The admin opens a page. */
  open(page: Page): void {
    this.page = page
  }

  /** Some query on the page failed, and nothing tells the admin the app is on it: worth a reload. */
  showsError(): boolean {
    return this.page.some((capability) => this.queries[capability].failed && !this.client.explainsPause(capability))
  }

  /** Every query on the page has data and no error. */
  pageOk(): boolean {
    return this.page.every((capability) => !this.queries[capability].failed && this.queries[capability].dataUpdatedAt !== null)
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return
    this.visible = visible
    this.visibilityListeners.forEach((listener) => listener())
  }

  private isStale(capability: SimCapability): boolean {
    const query = this.queries[capability]
    return (
      query.invalidated ||
      query.dataUpdatedAt === null ||
      this.simulation.now - query.dataUpdatedAt >= this.browser.staleTimeMs
    )
  }
}

export type BrowserDeps = {
  model: SessionModel
  /** The query stale time of the policy (the app's providerStaleMs for provider data, TanStack's default 0). */
  staleTimeMs: number
  /** This browser's own seeded generators: visibility, and the admin's choices. */
  visibilityRandom: Random
  adminRandom: Random
  recorder: RecoveryRecorder
  createClient: (tab: Tab, browser: Browser) => TabClient
}

export class Browser {
  readonly tabs: Tab[]
  readonly storage: BrowserStorage
  readonly locks
  /** The CDN edge node this browser's polls go to. */
  readonly edgeNode: number
  readonly model: SessionModel
  readonly staleTimeMs: number
  visible = false
  /** The tab the admin works in while the browser is shown. */
  private active: Tab
  /** Bumped whenever the admin stops (hidden, new view): their pending steps are dropped. */
  private adminToken = 0
  private editsTrackedFrom: number | null = null
  private shownTrackedFrom: number | null = null
  private dataTrackedFrom: number | null = null

  constructor(
    private readonly simulation: Simulation,
    private readonly deps: BrowserDeps,
  ) {
    this.model = deps.model
    this.staleTimeMs = deps.staleTimeMs
    this.storage = new BrowserStorage(simulation)
    this.locks = browserLocks(simulation)
    const random = deps.visibilityRandom
    this.edgeNode = Math.floor(random() * cdn.edgeNodes)
    const tabCount = pick(random, deps.model.tabShares) + 1
    this.tabs = Array.from({ length: tabCount }, (_, index) => new Tab(simulation, this, index, deps.adminRandom))
    for (const tab of this.tabs) tab.client = deps.createClient(tab, this)
    this.active = this.tabs[0]!
  }

  start(): void {
    const random = this.deps.visibilityRandom
    // Each tab was opened at its own moment: its timers tick at their own phase.
    for (const tab of this.tabs) this.simulation.after(uniform(random, 0, cdn.pollIntervalMs + 1_000), () => tab.client.start())
    if (random() < this.model.visibleShare) this.show(true)
    else this.scheduleSwitch()
  }

  /** Something in a tab changed (a query answered, the availability state): see what it ends. */
  changed(): void {
    if (!this.visible) return
    const now = this.simulation.now
    if (this.editsTrackedFrom !== null && !this.active.client.editsPaused()) {
      this.deps.recorder.editsEnabled.push((now - this.editsTrackedFrom) / 1000)
      this.editsTrackedFrom = null
    }
    if (this.shownTrackedFrom !== null && !this.active.client.editsPaused()) {
      this.deps.recorder.shownEditsEnabled.push((now - this.shownTrackedFrom) / 1000)
      this.shownTrackedFrom = null
    }
    if (this.dataTrackedFrom !== null && this.active.pageOk()) {
      this.deps.recorder.dataFresh.push((now - this.dataTrackedFrom) / 1000)
      this.dataTrackedFrom = null
    }
  }

  /** The provider is back: start the clocks of a shown browser that pauses edits or shows an error. */
  providerBack(): void {
    if (!this.visible) return
    const now = this.simulation.now
    if (this.active.client.editsPaused()) this.editsTrackedFrom = now
    if (!this.active.pageOk()) this.dataTrackedFrom = now
  }

  private scheduleSwitch(): void {
    const { visibleShare, visibleDwellMeanMs } = this.model
    if (visibleShare <= 0 || visibleShare >= 1) return
    const mean = this.visible ? visibleDwellMeanMs : (visibleDwellMeanMs * (1 - visibleShare)) / visibleShare
    this.simulation.after(exponential(this.deps.visibilityRandom, mean), () => (this.visible ? this.hide() : this.show()))
  }

  /** The browser is shown (`already`: it was when the run began; the admin is mid-session, nothing to refetch). */
  private show(already = false): void {
    const random = this.deps.visibilityRandom
    this.visible = true
    this.active = this.tabs[Math.floor(random() * this.tabs.length)]!
    const shown = this.model.visibleTabs === 'all' ? this.tabs : [this.active]
    for (const tab of shown) tab.setVisible(true)
    this.scheduleSwitch()
    if (already) return this.think()
    if (this.simulation.now >= this.deps.recorder.providerBackAt && this.active.client.editsPaused()) this.shownTrackedFrom = this.simulation.now
    // refetchOnWindowFocus in every tab shown; the admin looks at the active one.
    for (const tab of shown) if (tab !== this.active) tab.load('focus', 'focus', () => undefined)
    this.afterLoad(this.active, 'focus', 'focus', this.model.maxReloads)
  }

  private hide(): void {
    this.visible = false
    this.adminToken++
    for (const tab of this.tabs) tab.setVisible(false)
    if (this.editsTrackedFrom !== null) this.deps.recorder.editsHiddenFirst++
    if (this.dataTrackedFrom !== null) this.deps.recorder.dataHiddenFirst++
    this.editsTrackedFrom = this.shownTrackedFrom = this.dataTrackedFrom = null
    this.scheduleSwitch()
  }

  // --- The admin, in the active tab while the browser is shown ---

  private think(): void {
    const token = this.adminToken
    this.simulation.after(exponential(this.deps.adminRandom, this.model.thinkMeanMs), () => {
      if (token === this.adminToken) this.newView()
    })
  }

  private newView(): void {
    this.adminToken++
    this.active.open(this.deps.adminRandom() < this.model.invoicesShare ? invoicesPage : subscriptionPage)
    this.afterLoad(this.active, 'view', 'mount', this.model.maxReloads)
  }

  /** Loads the page, then thinks, or reloads it while it shows an error. */
  private afterLoad(tab: Tab, purpose: Purpose, which: 'all' | 'mount' | 'focus', reloadsLeft: number): void {
    const token = this.adminToken
    tab.load(purpose, which, () => {
      if (token !== this.adminToken) return
      if (!tab.showsError() || reloadsLeft === 0) return this.think()
      this.simulation.after(uniform(this.deps.adminRandom, this.model.reloadMinMs, this.model.reloadMaxMs), () => {
        if (token !== this.adminToken) return
        if (tab.showsError()) this.afterLoad(tab, 'reload', 'all', reloadsLeft - 1)
        else this.think()
      })
    })
  }
}

/** An index drawn with the given shares. */
function pick(random: Random, shares: readonly number[]): number {
  let draw = random() * shares.reduce((sum, share) => sum + share, 0)
  for (let index = 0; index < shares.length; index++) {
    draw -= shares[index]!
    if (draw < 0) return index
  }
  return shares.length - 1
}
