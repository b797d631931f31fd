import { expect, type Page } from '@playwright/test'

export const demoUsers = { owner: 'owner@acme.test', viewer: 'viewer@acme.test', operator: 'ops@vendor.test' } as const

/** Signs in through the sign-in page, as an admin would, and waits for the billing home. */
export async function signIn(page: Page, as: keyof typeof demoUsers = 'owner', next = '/') {
  await page.goto(`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`)
  await page.getByLabel('Work email').fill(demoUsers[as])
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Billing' })).toBeVisible()
}
