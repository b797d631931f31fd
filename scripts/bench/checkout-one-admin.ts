/**
 * One checkout of `--only checkout` (see checkout.ts for the steps and the caps' meaning): one
 * admin in a new browser profile drives the real UI from `/` to the order's outcome. Kept apart
 * from checkout.ts, which runs the lanes and turns their checkouts into figures.
 */
import type { Browser, Locator, Page } from 'playwright-core'
import type { GatewaySimProcess } from '../gateway-sim/child-process'
import { newBenchContext } from './browser'

const PREPARE_CAP_MS = 60_000
export const CHECKOUT_CAP_MS = 40_000
const POLL_MS = 200

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const progressError = (message: string) => process.stderr.write(`[bench checkout] ${message}\n`)

export type Outcome =
  | { kind: 'confirmed'; ms: number }
  | { kind: 'refused'; reason: string }
  | { kind: 'unconfirmed'; reason: string }
  | { kind: 'not-clicked'; reason: string }

/** The app's texts (src/features/cart/cart-messages.ts, English) → the failure they stand for. */
const failureTexts: [string, string][] = [
  ['did not go through and nothing was charged', 'not_placed'],
  ['not sent because billing is unavailable', 'not_sent'],
  ['Billing is busy', 'rate_limited'],
  ['quote expired', 'quote_expired'],
  ['subscription changed in the meantime', 'conflict'],
  ['could not accept this order', 'validation'],
  ['could not complete this order', 'order_failed'],
  ['refused the order', 'forbidden'],
]

async function usable(button: Locator): Promise<boolean> {
  const first = button.first()
  if (!(await first.isVisible())) return false
  return (await first.isEnabled()) && (await first.getAttribute('aria-disabled')) !== 'true'
}

/** Polls `ready` until it holds or `deadline`; meanwhile clicks the section's "Try again" when offered. */
async function waitUsable(
  page: Page,
  ready: () => Promise<boolean>,
  section: string,
  deadline: number,
): Promise<boolean> {
  const tryAgain = page.locator(`[data-section="${section}"]`).getByRole('button', { name: 'Try again', exact: true })
  while (Date.now() < deadline) {
    if (await ready()) return true
    if (await usable(tryAgain)) {
      await tryAgain
        .first()
        .click({ timeout: 2_000 })
        .catch(() => undefined)
      await sleep(1_000)
    } else {
      await sleep(POLL_MS)
    }
  }
  return false
}

export async function oneCheckout(
  browser: Browser,
  server: GatewaySimProcess,
  client: string,
  seats: number,
): Promise<Outcome> {
  const context = await newBenchContext(browser, server.url, client)
  context.setDefaultTimeout(10_000)
  let stage = 'opening /'
  try {
    const page = await context.newPage()
    const prepareBy = Date.now() + PREPARE_CAP_MS
    await page.goto('/', { waitUntil: 'commit' })

    const changeSeats = page.locator('.change-seats').getByRole('button', { name: 'Change seats', exact: true })
    if (!(await waitUsable(page, () => usable(changeSeats), 'subscription.overview', prepareBy))) {
      return { kind: 'not-clicked', reason: 'Change seats never usable' }
    }
    stage = 'changing seats'
    await changeSeats.click()
    const form = page.locator('.change-seats-form')
    await form.getByLabel('New total seats').fill(String(seats))
    await form.getByRole('button', { name: 'Add to cart', exact: true }).click()
    const cart = page.getByRole('heading', { level: 1, name: 'Cart' })
    try {
      await cart.waitFor({ timeout: Math.max(1, prepareBy - Date.now()) })
    } catch {
      const error = (
        await page
          .locator('.change-seats-form')
          .innerText()
          .catch(() => '')
      )
        .replace(/\s+/g, ' ')
        .slice(0, 80)
      return { kind: 'not-clicked', reason: `seats not put in the cart${error ? `: ${error}` : ''}` }
    }

    stage = 'waiting for the quote'
    const placeOrder = page.getByRole('button', { name: 'Place order', exact: true })
    const charge = page.getByText('You will be charged', { exact: false })
    const quoted = async () => (await usable(placeOrder)) && (await charge.isVisible())
    if (!(await waitUsable(page, quoted, 'cart.quote', prepareBy)))
      return { kind: 'not-clicked', reason: 'no usable quote' }

    stage = 'clicking Place order'
    // Playwright clicks only an enabled button, once; the app ignores a click on an aria-disabled one.
    const clickedAt = Date.now()
    await placeOrder.click({ timeout: 5_000 })
    stage = 'waiting for the outcome'

    const confirmed = page.getByRole('heading', { name: 'Order placed' })
    const refused = page.locator('.notice').filter({ hasText: 'The order was not placed' })
    const beingConfirmed = page.getByText('Your order is being confirmed')
    while (Date.now() < clickedAt + CHECKOUT_CAP_MS) {
      if (await confirmed.isVisible()) return { kind: 'confirmed', ms: Date.now() - clickedAt }
      if (await refused.first().isVisible()) {
        const text = await refused.first().innerText()
        return { kind: 'refused', reason: failureTexts.find(([phrase]) => text.includes(phrase))?.[1] ?? 'other' }
      }
      await sleep(POLL_MS)
    }
    return {
      kind: 'unconfirmed',
      reason: (await beingConfirmed.isVisible()) ? 'still being confirmed' : 'no outcome shown',
    }
  } catch (error) {
    // A control that changed under the admin's hand (edits paused between two steps, say).
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    progressError(`${client}: ${stage}: ${message}`)
    return stage === 'waiting for the outcome'
      ? { kind: 'unconfirmed', reason: `error ${stage}` }
      : { kind: 'not-clicked', reason: `error ${stage}` }
  } finally {
    await context.close()
  }
}
