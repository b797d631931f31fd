import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { signIn } from './support'

const pages = [
  { path: '/', heading: 'Subscription' },
  { path: '/plans', heading: 'Plans and add-ons' },
  { path: '/cart', heading: 'Cart' },
  { path: '/invoices', heading: 'Invoices' },
  { path: '/payment-method', heading: 'Payment method' },
  { path: '/billing-details', heading: 'Billing details' },
  { path: '/status', heading: 'Billing status' },
]

test('the sign-in page has no axe violations', async ({ page }) => {
  await page.goto('/sign-in')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations).toEqual([])
})

for (const { path, heading } of pages) {
  test(`${path} has no axe violations once loaded`, async ({ page }) => {
    await signIn(page, 'owner')
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    // Wait for the sections to settle (no skeletons left) before scanning.
    await expect(page.locator('.skeleton')).toHaveCount(0)
    const results = await new AxeBuilder({ page }).analyze()
    expect(
      results.violations.map(({ id, nodes }) => ({ id, targets: nodes.map((node) => node.target.join(' ')) })),
    ).toEqual([])
  })
}
