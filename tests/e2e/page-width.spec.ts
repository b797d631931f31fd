/**
 * Page widths, measured in the browser: no main page is wider than a phone's screen, its heading is
 * on the first screen, and the invoice table fits a desktop's. Geometry of settled pages, not layout
 * shift: unlike layout.spec.ts (run alone, a second browser beside it can delay a banner and move the
 * page), these run beside the other specs.
 */
import { expect, test } from '@playwright/test'
import { signIn } from './support'

const mainPages = ['/', '/plans', '/cart', '/invoices', '/payment-method', '/billing-details', '/status']

for (const language of ['English', 'Português (Brasil)']) {
  test(`no main page is wider than a 390 px phone, and each page's heading is on its first screen (${language})`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await signIn(page)
    // On a phone the language, the account and sign-out fold behind one button.
    await expect(page.getByLabel('Language')).toBeHidden()
    await page.getByRole('button', { name: 'Account and language' }).click()
    await page.getByLabel('Language').selectOption({ label: language })
    const overflowing: Record<string, number> = {}
    const low: Record<string, number> = {}
    for (const path of mainPages) {
      await page.goto(path)
      const heading = page.getByRole('heading', { level: 1 })
      await expect(heading).toBeVisible()
      await expect(page.locator('.skeleton')).toHaveCount(0)
      const extra = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      if (extra > 0) overflowing[path] = extra
      // Header and navigation take at most a quarter of the phone's height (844 px).
      const top = (await heading.boundingBox())?.y ?? Infinity
      if (top > 211) low[path] = Math.round(top)
    }
    expect(overflowing).toEqual({})
    expect(low).toEqual({})
  })

  test(`at 1280 px the invoice table shows every column, Download PDF included, without scrolling sideways (${language})`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await signIn(page, 'owner', '/invoices')
    await page.getByLabel('Language').selectOption({ label: language })
    const table = page.getByRole('region', {
      name: language === 'English' ? 'Invoice list, scrollable' : 'Lista de faturas, rolável',
    })
    await expect(table.getByRole('row').nth(1)).toBeVisible()
    const box = await table.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
    }))
    expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth)
    const pdfButton = table
      .getByRole('button', { name: language === 'English' ? /Download PDF/ : /Baixar PDF/ })
      .first()
    await expect(pdfButton).toBeInViewport({ ratio: 1 })
  })
}
