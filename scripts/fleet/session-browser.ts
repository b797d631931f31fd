/**
 * One simulated browser (session-model.ts): its tabs and shared storage, when it is shown, and the
 * admin working in its shown tab; what the recovery figures measure is recorded here. Its tabs
 * and their queries are in session-tab.ts.
 */
import { BrowserStorage, browserLocks } from './memory-storage'
import type { Purpose } from './provider'
import { exponential, uniform, type Random } from './random'
import {
  invoicesPage,
  subscriptionPage,
  type RecoveryRecorder,
  type SessionModel,
  type TabClient,
} from './session-model'
import { Tab } from './session-tab'
import type { Simulation } from './simulation'
import { cdn } from './status-endpoint'

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
    for (const tab of this.tabs)
      this.simulation.after(uniform(random, 0, cdn.pollIntervalMs + 1_000), () => tab.client.start())
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
    this.simulation.after(exponential(this.deps.visibilityRandom, mean), () =>
      this.visible ? this.hide() : this.show(),
    )
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
    if (this.simulation.now >= this.deps.recorder.providerBackAt && this.active.client.editsPaused())
      this.shownTrackedFrom = this.simulation.now
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
