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
 *
 * Split by concern: this file holds the model's figures and the types the policies implement;
 * a tab and its queries are in session-tab.ts, a browser, its visibility and the admin in
 * session-browser.ts.
 */
import type { Purpose } from './provider'

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

export const subscriptionPage: Page = ['subscription']
export const invoicesPage: Page = ['subscription', 'invoices']

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
