/**
 * One tab of a simulated session (session-model.ts): the page it shows and its queries, kept in a
 * file of its own so that the browser and the admin (session-browser.ts) read apart from them.
 *
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
import type { Purpose } from './provider'
import { uniform, type Random } from './random'
import type { Browser } from './session-browser'
import {
  invoicesPage,
  simCapabilities,
  subscriptionPage,
  type Page,
  type SimCapability,
  type TabClient,
} from './session-model'
import type { Simulation } from './simulation'

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
      (capability) =>
        which === 'all' || this.isStale(capability) || (which === 'mount' && this.queries[capability].failed),
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
    return this.page.every(
      (capability) => !this.queries[capability].failed && this.queries[capability].dataUpdatedAt !== null,
    )
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
