import { expect, test, type Page } from '@playwright/test'
import { addAddonToCart, signIn } from './support'

/**
 * Keys of this browser that belong to nobody: the simulated backend (the in-page gateway's
 * server-side data and the simulated Zuora tenant), the QA choices, the public health report.
 */
const notUserData = (key: string) =>
  key.startsWith('billing-gateway-page') || key.startsWith('billing-scenario') || key.startsWith('billing-status')

/** Everything the browser keeps that may belong to a user: both storages, and the saved cache in IndexedDB. */
async function userDataIn(page: Page): Promise<string> {
  return page.evaluate(async (skip) => {
    const keep = new Function('key', `return (${skip})(key)`) as (key: string) => boolean
    const entries: string[] = []
    for (const storage of [localStorage, sessionStorage]) {
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index)!
        if (!keep(key)) entries.push(`${key}=${storage.getItem(key) ?? ''}`)
      }
    }
    // The saved query cache (src/lib/persistence/saved-cache-store.ts): every record of every store.
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      for (const store of [...database.objectStoreNames]) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = database.transaction(store).objectStore(store).getAll()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        for (const value of values)
          entries.push(`${name}/${store}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      }
      database.close()
    }
    return entries.join('\n')
  }, notUserData.toString())
}

test('sign out and sign in as another user with a second tab open: no trace of the first user in storage', async ({
  context,
}) => {
  const tabA = await context.newPage()
  await signIn(tabA, 'owner')
  await tabA.goto('/plans')
  await addAddonToCart(tabA, 'Sandbox')
  const tabB = await context.newPage()
  await tabB.goto('/')
  // Opened while tab A's page starts, tab B can find the demo's service worker just registered again
  // (src/dev/wait-for-worker-control.ts) and, not under it yet, be reloaded by MSW: a second start.
  await expect(tabB.getByText('Seats purchased')).toBeVisible({ timeout: 20_000 })
  await tabB.waitForTimeout(1_500) // tab B has saved its pages too
  expect(await userDataIn(tabB)).toContain('usr_ana') // the check below would see them

  await tabA.getByRole('button', { name: 'Sign out' }).click()
  await expect(tabB.getByRole('heading', { level: 1, name: 'Sign in to billing' })).toBeVisible({ timeout: 2_000 })
  await signIn(tabA, 'viewer')
  await tabA.waitForTimeout(6_000)

  for (const tab of [tabA, tabB]) {
    const data = await userDataIn(tab)
    expect(data).not.toContain('usr_ana')
    expect(data).not.toContain('Ana Souza')
  }
})

test('a tab still showing Acme after another tab switched to Globex cannot save onto Globex', async ({ context }) => {
  const tabA = await context.newPage()
  await signIn(tabA, 'owner')
  await tabA.goto('/billing-details')
  const tabB = await context.newPage()
  await tabB.goto('/')
  // Opened while tab A's page starts, tab B can find the demo's service worker just registered again
  // (src/dev/wait-for-worker-control.ts) and, not under it yet, be reloaded by MSW: a second start.
  await expect(tabB.getByText('Seats purchased')).toBeVisible({ timeout: 20_000 })

  await tabA.getByRole('button', { name: 'Edit billing details' }).click()
  await tabA.getByRole('textbox', { name: 'City' }).fill('Oakland')
  // Tab B switches account; tab A saves in the same instant, before it could hear of it.
  await tabB.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'Globex Help Desk' })
  // Whichever comes first: the save goes out for Acme (and the server, on Globex now, refuses it),
  // or tab A hears of the switch and throws its Acme form away, leaving nothing to click.
  await tabA
    .getByRole('button', { name: 'Save billing details' })
    .click({ timeout: 2_000 })
    .catch(() => 'the form was gone: tab A followed the switch first')

  await expect(tabA.getByRole('combobox', { name: 'Account' })).toHaveValue('acc_globex', { timeout: 2_000 })
  await tabA.goto('/billing-details')
  await expect(tabA.getByText('finance@globex.test')).toBeVisible()
  await expect(tabA.getByText('Oakland')).toHaveCount(0)
  await expect(tabA.getByText('billing@acme.test')).toHaveCount(0)
})
