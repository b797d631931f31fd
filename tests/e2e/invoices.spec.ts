/**
 * The 10,000-invoice account in a real browser: the list loads page by page as it scrolls, and
 * after a reload during an outage its search runs over the pages this browser saved.
 */
import { expect, test, type Page } from '@playwright/test'
import { signIn } from './support'
import { useScenario } from './support-scenario'

async function openGlobexInvoices(page: Page) {
  await signIn(page, 'owner')
  await page.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Globex Help Desk' })
  await expect(page.locator('[data-section="subscription.account"] dd', { hasText: 'Globex Help Desk' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Billing' }).getByRole('link', { name: 'Invoices' }).click()
  await expect(page.getByText('Showing 100 of 10,000 invoices', { exact: true })).toBeVisible()
}

const scrollListToBottom = (page: Page) =>
  page
    .getByRole('region', { name: 'Invoice list, scrollable' })
    .evaluate((box) => box.scrollTo({ top: box.scrollHeight }))

test('the 10,000-invoice list asks for its next page as the admin scrolls, keeping the rows already there', async ({
  page,
}) => {
  const pages: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname === '/api/invoices') pages.push(url.searchParams.get('cursor') ?? 'first')
  })
  await openGlobexInvoices(page)

  await scrollListToBottom(page)

  await expect(page.getByText('Showing 200 of 10,000 invoices', { exact: true })).toBeVisible()
  expect(pages).toHaveLength(2)
  expect(pages[0]).toBe('first')
  // Where the admin was: the last row of the first page is still there, the second page below it.
  await expect(page.getByRole('link', { name: 'GLBX-009901' })).toBeVisible()
  await scrollListToBottom(page)
  await expect(page.getByRole('link', { name: 'GLBX-009801' })).toBeVisible()
})

test('after a reload during an outage, the search runs over the saved invoice pages', async ({ page }) => {
  await openGlobexInvoices(page)
  await scrollListToBottom(page)
  await expect(page.getByText('Showing 200 of 10,000 invoices', { exact: true })).toBeVisible()
  await page.waitForTimeout(1_500) // the saved cache is written at most once a second

  await useScenario(page, 'provider-down', { path: '/invoices' })

  // The reload boots the app and its in-page gateway, the restored list is shown, and its refetch makes
  // its five attempts with back-off (up to 3.75 s) before the breaker opens: 8 s on a quiet machine.
  await expect(page.getByText('Searching the 200 saved invoices.', { exact: true })).toBeVisible({ timeout: 25_000 })
  await expect(page.getByText(/^Saved data as of .+\(.+\)\./)).toBeVisible()
  await page.getByRole('searchbox', { name: 'Search' }).fill('glbx-0099')
  await expect(page.getByText('Showing 100 of 200 saved invoices', { exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: 'GLBX-009999' })).toBeVisible()
})
