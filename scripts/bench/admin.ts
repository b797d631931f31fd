/**
 * A simulated admin for the detection and false-alarm measurements: a browser context whose pages
 * record every change of the availability state the app shows, and a loop that moves between
 * Subscription (`/`) and Plans (`/plans`) by clicking the navigation links, as an admin would
 * (never a reload).
 *
 * The state is read from the page: `.banner-slot` carries `data-availability-status`
 * (operational | degraded | maintenance | recovering) and `data-availability-source` (operators |
 * breaker | health-report | status-unreachable, or absent). Times are the page's `Date.now()`: the
 * machine's clock, the same as the bench's, so they compare to a switch time taken in Node.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { newBenchContext } from './browser'

/** The availability state, as the banner slot's data attributes say it; source null when absent. */
export type ShownState = { status: string; source: string | null }
export type StateChange = ShownState & { at: number }
export type NavClick = { at: number; path: string | null }
export type AdminRecord = { changes: StateChange[]; clicks: NavClick[] }

/**
 * Runs in every page before the app. A MutationObserver (children and the two attributes, whole
 * document) records each change of the slot's state with Date.now() in the callback that sees it
 * (the DOM already shows it; it is painted in the next frame). Every click on a link of a `nav`
 * is recorded too (capture phase, so before the router handles it): the admin's actions.
 * A string, not a function: tsx's helpers (`__name`) do not exist in the page.
 */
const recorder = `(() => {
  const changes = []
  const clicks = []
  Object.defineProperty(window, '__benchAdmin', { value: { changes, clicks } })
  let last = null
  const read = () => {
    const slot = document.querySelector('.banner-slot')
    if (!slot) return
    const status = slot.getAttribute('data-availability-status')
    const source = slot.getAttribute('data-availability-source')
    const key = status + ' ' + source
    if (key === last) return
    last = key
    changes.push({ at: Date.now(), status, source })
  }
  new MutationObserver(read).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-availability-status', 'data-availability-source'],
  })
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('nav a') : null
    if (link) clicks.push({ at: Date.now(), path: link.getAttribute('href') })
  }, true)
})()`

export async function newAdminContext(
  browser: Browser,
  baseURL: string,
  client: string,
  options: { signIn?: boolean } = {},
): Promise<BrowserContext> {
  const context = await newBenchContext(browser, baseURL, client, options)
  await context.addInitScript(recorder)
  return context
}

/** What the page recorded so far (since it was loaded: client-side navigations keep it). */
export const adminRecord = (page: Page): Promise<AdminRecord> => page.evaluate<AdminRecord>('window.__benchAdmin')

export const describeState = ({ status, source }: ShownState): string => (source ? `${status} (${source})` : status)

/** The state in force at `at`: the last change at or before it. */
export function stateAt(changes: readonly StateChange[], at: number): StateChange | undefined {
  let found: StateChange | undefined
  for (const change of changes) if (change.at <= at) found = change
  return found
}

export type Browsing = {
  /** Stops after the click under way, if any. */
  stop: () => Promise<void>
  /** Clicks that did not happen within 3 s (the link was not clickable). */
  failedClicks: () => number
}

const pages = [
  { name: 'Plans and add-ons', path: '/plans' },
  { name: 'Subscription', path: '/' },
] as const

/**
 * From `startAt` on, every `everyMs` (on a fixed schedule, so a slow click does not shift the next
 * ones), clicks the other page's link in the Billing navigation: Plans first (the admin starts on
 * `/`), then Subscription, and so on.
 */
export function browse(page: Page, { startAt, everyMs }: { startAt: number; everyMs: number }): Browsing {
  const nav = page.getByRole('navigation', { name: 'Billing' })
  let stopped = false
  let failed = 0
  let wake: (() => void) | undefined
  const done = (async () => {
    for (let step = 1; !stopped; step += 1) {
      const wait = startAt + step * everyMs - Date.now()
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      }
      if (stopped) break
      const target = pages[(step - 1) % pages.length]!
      try {
        await nav.getByRole('link', { name: target.name, exact: true }).click({ timeout: 3_000 })
      } catch {
        failed += 1
      }
    }
  })()
  return {
    stop: async () => {
      stopped = true
      wake?.()
      await done
    },
    failedClicks: () => failed,
  }
}
