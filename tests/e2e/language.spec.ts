import { expect, test, type Page } from '@playwright/test'
import { signIn } from './support'

/** The bodies of the JavaScript files the page fetches from now on. */
function javaScriptFetched(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = []
  page.on('response', (response) => {
    if (response.url().endsWith('.js') && response.request().resourceType() === 'script')
      bodies.push(response.text().catch(() => ''))
  })
  return bodies
}

test('the first page fetches no Portuguese; choosing Portuguese fetches it and shows the page in it', async ({
  page,
}) => {
  const fetched = javaScriptFetched(page)
  await signIn(page, 'owner')
  await expect(page.getByRole('heading', { level: 1, name: 'Subscription' })).toBeVisible()
  await expect(page.getByText('Seats purchased')).toBeVisible()
  const firstPage = await Promise.all(fetched)
  expect(firstPage.length).toBeGreaterThan(0)
  expect(firstPage.filter((code) => code.includes('Central de faturamento'))).toEqual([])

  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR')
  await expect(page.getByRole('heading', { level: 1, name: 'Assinatura' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Faturamento' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Idioma' })).toHaveValue('pt-BR')
  expect((await Promise.all(fetched)).some((code) => code.includes('Central de faturamento'))).toBe(true)
})

test('a reload in Portuguese renders Portuguese from its first text on, never English', async ({ page }) => {
  await signIn(page, 'owner')
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR')
  await expect(page.getByRole('heading', { level: 1, name: 'Assinatura' })).toBeVisible()

  // From the first byte of the next load, note every English text of the frame that ever shows.
  await page.addInitScript(() => {
    const english = [
      'Billing admin center',
      'Loading the billing admin center',
      'Checking who is signed in',
      'Subscription',
      'Language',
    ]
    const seen: string[] = []
    Object.assign(window, { englishSeen: seen })
    new MutationObserver(() => {
      const text = document.getElementById('root')?.textContent ?? ''
      for (const phrase of english) if (text.includes(phrase) && !seen.includes(phrase)) seen.push(phrase)
    }).observe(document, { childList: true, subtree: true, characterData: true })
  })
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Assinatura' })).toBeVisible()
  await expect(page.getByText('Licenças compradas')).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { englishSeen: string[] }).englishSeen)).toEqual([])
})
