/**
 * What an admin does, identical under both policies so that any difference in load comes from
 * the request policy alone. One session is one browser with one tab of the app open.
 *
 * - Between page views the admin thinks for an exponentially distributed time (mean 90 s).
 * - Every view of a provider-backed page reads the subscription; half of the pages also read
 *   the invoices (the two reads run in parallel, as the page's two queries do).
 * - When the page still shows an error, the admin reloads it after 10–30 s, up to 3 times, then
 *   gives up until the next view. A page the app has repaired on its own in the meantime is not
 *   reloaded.
 * - Refetches on window focus, reconnect and the like are left out for both policies.
 */
import { exponential, uniform } from './random'
import type { Purpose } from './provider'
import type { Simulation } from './simulation'

export type SimCapability = 'subscription' | 'invoices'
export type Page = readonly SimCapability[]

export const userModel = {
  thinkMeanMs: 90_000,
  invoicesShare: 0.5,
  reloadMinMs: 10_000,
  reloadMaxMs: 30_000,
  maxReloads: 3,
}

const subscriptionPage: Page = ['subscription']
const invoicesPage: Page = ['subscription', 'invoices']

/** Requests per second a healthy fleet makes: one or two reads per view, a view per think time. */
export const expectedHealthyRps = (sessions: number) =>
  (sessions * (1 + userModel.invoicesShare) * 1000) / userModel.thinkMeanMs

/** The request policy under test, one per session. */
export type Client = {
  /** One of a page's reads, as the page's query makes it; `done(true)` when it succeeded. */
  read(capability: SimCapability, purpose: Purpose, done: (ok: boolean) => void): void
}

/** Runs a page's reads in parallel; done once all have answered. */
export function loadReads(page: Page, read: (capability: SimCapability, done: (ok: boolean) => void) => void, done: (ok: boolean) => void): void {
  let pending = page.length
  let allOk = true
  for (const capability of page) {
    read(capability, (ok) => {
      allOk &&= ok
      if (--pending === 0) done(allOk)
    })
  }
}

export class Session {
  private page: Page = subscriptionPage
  /** Bumped on every new view, so that answers for an older page are ignored. */
  private view = 0
  /** The page's reads that show an error now. */
  private readonly failed = new Set<SimCapability>()
  private readonly client: Client

  /** The client is made for the session: the app refetches the session's queries when billing returns. */
  constructor(
    private readonly simulation: Simulation,
    createClient: (session: Session) => Client,
  ) {
    this.client = createClient(this)
  }

  start(): void {
    this.simulation.after(exponential(Math.random, userModel.thinkMeanMs), () => this.newView())
  }

  /**
   * The app refetched the page's queries of one capability on its own (its breaker closed): the
   * active queries of that capability, whatever their state; a success repairs what they show.
   */
  refetch(capability: SimCapability): void {
    if (!this.page.includes(capability)) return
    const view = this.view
    this.client.read(capability, 'refetch', (ok) => {
      if (view === this.view && ok) this.failed.delete(capability)
    })
  }

  /** What the app did before refetching per capability: every query on screen, whatever failed. */
  refetchPage(): void {
    for (const capability of this.page) this.refetch(capability)
  }

  private newView(): void {
    this.view++
    this.failed.clear()
    this.page = Math.random() < userModel.invoicesShare ? invoicesPage : subscriptionPage
    this.load('view', userModel.maxReloads)
  }

  private load(purpose: Purpose, reloadsLeft: number): void {
    const view = this.view
    const read = (capability: SimCapability, done: (ok: boolean) => void) =>
      this.client.read(capability, purpose, (ok) => {
        if (view === this.view) {
          if (ok) this.failed.delete(capability)
          else this.failed.add(capability)
        }
        done(ok)
      })
    loadReads(this.page, read, () => {
      if (view !== this.view) return
      if (this.failed.size === 0 || reloadsLeft === 0) return this.think()
      this.simulation.after(uniform(Math.random, userModel.reloadMinMs, userModel.reloadMaxMs), () => {
        if (view !== this.view) return
        if (this.failed.size === 0) this.think()
        else this.load('reload', reloadsLeft - 1)
      })
    })
  }

  private think(): void {
    this.simulation.after(exponential(Math.random, userModel.thinkMeanMs), () => this.newView())
  }
}
