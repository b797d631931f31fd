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
  /** Reads a page; `done(true)` when every read succeeded. */
  loadPage(page: Page, purpose: Purpose, done: (ok: boolean) => void): void
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
  private pageOk = true
  private readonly client: Client

  /** The client is made for the session: the app's refetches the session's page when billing returns. */
  constructor(
    private readonly simulation: Simulation,
    createClient: (session: Session) => Client,
  ) {
    this.client = createClient(this)
  }

  start(): void {
    this.simulation.after(exponential(Math.random, userModel.thinkMeanMs), () => this.newView())
  }

  /** The page on screen now (what the app refetches when billing comes back). */
  get activePage(): Page {
    return this.page
  }

  /** The app refetched the page on its own (recovery): a success repairs what the admin sees. */
  refetch(): void {
    const view = this.view
    this.client.loadPage(this.page, 'refetch', (ok) => {
      if (view === this.view && ok) this.pageOk = true
    })
  }

  private newView(): void {
    this.view++
    this.page = Math.random() < userModel.invoicesShare ? invoicesPage : subscriptionPage
    this.load('view', userModel.maxReloads)
  }

  private load(purpose: Purpose, reloadsLeft: number): void {
    const view = this.view
    this.client.loadPage(this.page, purpose, (ok) => {
      if (view !== this.view) return
      this.pageOk = ok
      if (ok || reloadsLeft === 0) return this.think()
      this.simulation.after(uniform(Math.random, userModel.reloadMinMs, userModel.reloadMaxMs), () => {
        if (view !== this.view) return
        if (this.pageOk) this.think()
        else this.load('reload', reloadsLeft - 1)
      })
    })
  }

  private think(): void {
    this.simulation.after(exponential(Math.random, userModel.thinkMeanMs), () => this.newView())
  }
}
