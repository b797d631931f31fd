/**
 * The saved cache when the page is hidden or left (docs/decisions/028): what the admin saw last is
 * written then, not after the write interval (the page may never run again), and only ever as the
 * account it was shown on. The interval is set to a minute here, so that a change written within a
 * test can only have been written by the rule under test.
 */
import { act, screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { expect, onTestFinished, test, vi } from 'vitest'
import { subscriptionQueries } from '@/billing/api/get-subscription'
import { scopeOf } from '@/lib/persistence/cache-scope'
import { claimSavedCacheScope } from '@/lib/persistence/saved-cache-store'
import type { InvoicePage } from '@/lib/api/schemas'
import { server } from '../../mocks/node'
import { anotherTabChangedTheSession, anotherTabSwitchedAccount } from '../support/another-tab'
import { banners, errorAnswer, sleep } from '../support/faults'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { cacheScopeKey, savedCacheText, savedQueryKeys } from '../support/saved-cache'

vi.mock('@/lib/persistence/saved-cache-limits', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/persistence/saved-cache-limits')>()),
  savedCacheWriteIntervalMs: 60_000,
}))

const globexScope = scopeOf('usr_ana', 'acc_globex')
const region = async (name: string) => within(await screen.findByRole('region', { name }))
const invoiceNumber = 'ACME-000036'
/** The opened invoice's id (Zuora's), as the gateway lists it: set as each test opens it. */
let acmeInvoiceId = ''
const acmeInvoiceKey = () => ['invoices', 'detail', acmeInvoiceId]

/** The page being hidden: another tab, another app, the phone's home screen. */
function hidePage(): void {
  const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
  onTestFinished(() => visibility.mockRestore())
  act(() => void document.dispatchEvent(new Event('visibilitychange')))
}
/** The page being left: a reload, a link elsewhere, the tab closed. */
const leavePage = () => act(() => void window.dispatchEvent(new Event('pagehide')))

/**
 * The invoice list, its first answer saved at once (a new root), then one invoice opened: a later
 * change of a root already saved, which waits for the write interval.
 */
async function openAnInvoiceAfterTheList() {
  const owner = await gatewayAs('owner')
  const found = await owner.call<InvoicePage>('GET', `/invoices?q=${invoiceNumber}`)
  acmeInvoiceId = found.invoices.find((invoice) => invoice.number === invoiceNumber)?.id ?? ''
  expect(acmeInvoiceId).not.toBe('')
  const app = await renderApp('/invoices')
  const { user } = app
  await expect
    .poll(async () => (await savedQueryKeys()).some((key) => key[0] === 'invoices'), { timeout: 3_000 })
    .toBe(true)
  await user.click(await screen.findByRole('link', { name: invoiceNumber }))
  expect(await screen.findByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}` })).toBeInTheDocument()
  await sleep(50)
  expect(await savedQueryKeys()).not.toContainEqual(acmeInvoiceKey())
  return app
}

test.each([
  { event: 'pagehide', leave: leavePage },
  { event: 'visibilitychange to hidden', leave: hidePage },
])('a change waiting for the write interval is written at once on $event', async ({ leave }) => {
  await openAnInvoiceAfterTheList()

  leave()
  await expect.poll(savedQueryKeys, { timeout: 200, interval: 20 }).toContainEqual(acmeInvoiceKey())
})

test('a visible page that is not left writes nothing before the interval', async () => {
  await openAnInvoiceAfterTheList()
  act(() => void document.dispatchEvent(new Event('visibilitychange'))) // still visible: coming back to it
  await sleep(200)
  expect(await savedQueryKeys()).not.toContainEqual(acmeInvoiceKey())
})

test('nothing of Acme is ever written once another tab moved the browser to Globex; Globex’s first answer is saved at once', async () => {
  const { user, unmount } = await openAnInvoiceAfterTheList() // Acme's invoice waits to be written

  // Another tab switches the session to Globex: it claims the saved cache (Acme's is deleted). This
  // tab has not heard of it yet, and is left: what waits is Acme's, so nothing is written.
  await anotherTabSwitchedAccount('acc_globex')
  localStorage.setItem(cacheScopeKey, globexScope)
  await claimSavedCacheScope(globexScope)
  leavePage()
  await sleep(100)
  expect(await savedCacheText()).toBeUndefined()

  // The tab was only hidden after all: it hears of the switch and shows Globex.
  anotherTabChangedTheSession()
  await waitFor(() => expect(screen.getByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Globex Help Desk'))
  await user.click(
    within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Subscription' }),
  )
  expect(await (await region('Overview')).findByText('Enterprise')).toBeInTheDocument()
  unmount()

  const saved = JSON.parse((await savedCacheText())!) as {
    scope: string
    clientState: { queries: { queryKey: unknown[]; state: { data: unknown } }[] }
  }
  expect(saved.scope).toBe(globexScope)
  expect(saved.clientState.queries.map((query) => query.queryKey)).toContainEqual(subscriptionQueries.detail().queryKey)
  for (const query of saved.clientState.queries) {
    const data = JSON.stringify(query.state.data)
    expect(data).not.toContain('"accountId":"acc_acme"')
    expect(data).not.toContain('ACME-')
  }

  // A reload into an outage, within a tick of Globex's answer: Globex's saved subscription.
  server.use(http.get('*/api/subscription', () => errorAnswer(503)))
  await renderApp('/', { account: 'acc_globex' })
  const overview = await region('Overview')
  expect(await overview.findByText('Enterprise')).toBeInTheDocument()
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(await overview.findByText(/^Saved data as of .+\. Billing is unavailable right now\./)).toBeInTheDocument()
})
