/**
 * Debian's Chromium, launched with the same flags as the browser tests (playwright.config.ts),
 * and the page-side probes the measurements read. Times measured in the page are taken in the
 * animation frame after the DOM reached the state (the frame that paints it).
 */
import { chromium, errors, type Browser, type BrowserContext, type Page } from 'playwright-core'
import playwrightConfig from '../../playwright.config'

export const CAP_MS = 60_000

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: playwrightConfig.use?.launchOptions?.args ?? [],
  })
}

/**
 * Runs in every page before the app: records (performance.now(), ms since navigation start) the
 * first frame in which
 *  - `content`: the subscription overview shows its figures (the seats);
 *  - `outage`: the page shows its own parts (the h1 and the account section's data) and the
 *    overview's "unavailable" message.
 */
const pageProbes = `(() => {
  const marks = {}
  Object.defineProperty(window, '__benchMarks', { value: marks })
  const q = (selector) => document.querySelector(selector)
  const once = (name, reached) => {
    if (marks[name] !== undefined || !reached()) return
    marks[name] = 0
    requestAnimationFrame(() => { marks[name] = performance.now() })
  }
  const check = () => {
    once('content', () => q('[data-section="subscription.overview"] .stat-value') !== null)
    once('outage', () =>
      q('h1') !== null &&
      q('[data-section="subscription.account"] dl') !== null &&
      q('[data-section="subscription.overview"] .section-error') !== null)
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true })
})()`

/** The demo user every bench signs in as (the simulated gateway's directory: no password). */
const benchUser = 'owner@acme.test'

/**
 * A new browser profile signed in as the owner on Acme (a session cookie from the gateway, as the
 * sign-in page gets one), every request marked with its `X-Bench-Client` for the request log.
 * `signIn: false` on the dev server: there the gateway runs inside the page's MSW worker, which a
 * request from outside any page never reaches; the bench signs in through the page instead.
 */
export async function newBenchContext(
  browser: Browser,
  baseURL: string,
  client = 'bench',
  { signIn: signingIn = true }: { signIn?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'en-US', extraHTTPHeaders: { 'X-Bench-Client': client } })
  await context.addInitScript(pageProbes)
  if (!signingIn) return context
  const signIn = await context.request.post('/api/session', { data: { email: benchUser } })
  if (!signIn.ok()) throw new Error(`Signing in ${client} answered ${signIn.status()}: ${await signIn.text()}`)
  return context
}

export type Mark = 'content' | 'outage'

/**
 * Opens `path` and returns the ms from navigation start to the mark, or CAP_MS when it is not
 * reached within CAP_MS.
 */
export async function visitUntil(page: Page, mark: Mark, path = '/'): Promise<number> {
  await page.goto(path, { waitUntil: 'commit' })
  try {
    const handle = await page.waitForFunction(
      (name) => {
        const value = (window as unknown as { __benchMarks?: Record<string, number> }).__benchMarks?.[name]
        return value !== undefined && value > 0 ? value : false
      },
      mark,
      { timeout: CAP_MS, polling: 50 },
    )
    return Math.min(CAP_MS, Math.round((await handle.jsonValue()) as number))
  } catch (error) {
    if (error instanceof errors.TimeoutError) return CAP_MS
    throw error
  }
}

export type EditsState = 'disabled' | 'enabled'

/**
 * Waits for the subscription page's Change seats button to be (aria-)disabled or enabled, checking
 * every animation frame (or every `polling` ms: tabs in the background). Returns when it saw it, in
 * ms since the epoch by the page's clock (the machine's, as the server's), or null after `timeoutMs`.
 */
export async function waitForEdits(
  page: Page,
  state: EditsState,
  { timeoutMs = CAP_MS, polling = 'raf' }: { timeoutMs?: number; polling?: 'raf' | number } = {},
): Promise<number | null> {
  try {
    const handle = await page.waitForFunction(
      (wanted) => {
        const button = [...document.querySelectorAll('.change-seats button')].find(
          (element) => element.textContent?.trim() === 'Change seats',
        )
        if (!button) return false
        const disabled = button.getAttribute('aria-disabled') === 'true'
        return (wanted === 'disabled') === disabled ? Date.now() : false
      },
      state,
      { timeout: timeoutMs, polling },
    )
    return (await handle.jsonValue()) as number
  } catch (error) {
    if (error instanceof errors.TimeoutError) return null
    throw error
  }
}
