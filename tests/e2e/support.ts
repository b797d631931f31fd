import { expect, type Clock, type Locator, type Page } from '@playwright/test'

export const demoUsers = { owner: 'owner@acme.test', viewer: 'viewer@acme.test', operator: 'ops@vendor.test' } as const

/** Signs in through the sign-in page, as an admin would, and waits for the billing home. */
export async function signIn(page: Page, as: keyof typeof demoUsers = 'owner', next = '/') {
  await page.goto(`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`)
  await page.getByLabel('Work email').fill(demoUsers[as])
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Billing' })).toBeVisible()
}

/** On Plans and add-ons, puts one of an add-on the account does not have yet into the cart. */
export async function addAddonToCart(page: Page, name = 'Sandbox') {
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name }) })
  await expect(card).toBeVisible()
  await card.getByLabel(`New quantity of ${name}`).fill('1')
  await card.getByRole('button', { name: 'Add to cart' }).click()
  await expect(page.getByText(`${name} × 1 added to your cart.`)).toBeVisible()
}

/**
 * Lets `ms` pass on the pages' clock (Playwright's, installed before the pages load), firing their
 * timers on the way, in small steps so that the simulated backend's answers (real tasks in the page)
 * arrive between them, at about the page time they would have without the fast-forward, and no
 * request time-out fires before its answer.
 */
export async function letTimePass(clock: Clock, ms: number, step = 250) {
  for (let passed = 0; passed < ms; passed += step) await clock.runFor(Math.min(step, ms - passed))
}

/**
 * Lets time pass as `letTimePass` does until `shown` is visible, at most `maxMs` of page time. A
 * state that lasts a few seconds of page time ("Billing is back", 8 s) is caught while it lasts,
 * however much of the wait the page's clock had already spent in real time on a slow machine
 * (a fixed fast-forward can carry the page past it).
 */
export async function letTimePassUntilVisible(clock: Clock, shown: Locator, maxMs: number, step = 250) {
  for (let passed = 0; passed < maxMs && !(await shown.isVisible()); passed += step) await clock.runFor(step)
  await expect(shown).toBeVisible({ timeout: 1 })
}
