import { expect, test } from '@playwright/test'
import { addAddonToCart, signIn } from './support'

test('a billing admin buys an add-on through the cart and sees it on the subscription', async ({ page }) => {
  await signIn(page, 'owner')
  const nav = page.getByRole('navigation', { name: 'Billing' })
  await nav.getByRole('link', { name: 'Plans and add-ons' }).click()

  await addAddonToCart(page, 'Sandbox')

  await nav.getByRole('link', { name: /^Cart/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cart' })).toBeVisible()
  await expect(page.getByText('Total due now')).toBeVisible()

  const orders: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/orders') {
      orders.push(request.headers()['idempotency-key'] ?? '')
    }
  })
  await page.getByRole('button', { name: 'Place order' }).click()
  await expect(page.getByRole('heading', { name: 'Order placed' })).toBeVisible()
  expect(orders).toHaveLength(1)
  expect(orders[0]).not.toBe('')

  await nav.getByRole('link', { name: 'Subscription' }).click()
  const addons = page.getByRole('table', { name: 'Add-ons on your subscription' })
  await expect(addons.getByRole('rowheader', { name: 'Sandbox' })).toBeVisible()
})

test('the cart survives a reload', async ({ page }) => {
  await signIn(page, 'owner')
  await page.goto('/plans')
  await addAddonToCart(page, 'Sandbox')
  await page.goto('/cart')
  await expect(page.getByText(/Sandbox/).first()).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Cart' })).toBeVisible()
  await expect(page.getByText(/Sandbox/).first()).toBeVisible()
})
