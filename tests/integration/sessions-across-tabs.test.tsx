/**
 * Accounts and sessions as several tabs live them: the server's session is shared by the tabs (a
 * cookie), so another tab signing out or switching account changes it under this one. No write
 * may land on an account the page did not show, no saved page may show before the server confirms
 * who is signed in, and nothing of a user stays once they are signed out. On the billing gateway:
 * another tab acting on the same session is a request made with this page's cookie (another-tab.ts).
 */
import { act, screen, waitFor, within } from '@testing-library/react'
import { delay, http } from 'msw'
import { expect, test, vi } from 'vitest'
import { sessionQueries } from '@/lib/session/session-queries'
import type { BillingDetails } from '@/lib/api/schemas'
import { PAGE_GATEWAY_STORAGE_KEY } from '../../mocks/in-page/page-state'
import { server } from '../../mocks/node'
import { anotherTabChangedTheSession, anotherTabSignedOut, anotherTabSwitchedAccount } from '../support/another-tab'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { cacheScopeKey, ownerScope, saveCache, savedCacheText } from '../support/saved-cache'

/** An account's billing details, as the gateway holds them (read by the owner in a session of their own). */
const billingDetailsOf = async (accountId: string) =>
  (await gatewayAs('owner', accountId)).call<BillingDetails>('GET', '/billing-details')

/** The owner's /me and Acme's account, as the gateway answered them on an earlier visit. */
async function ownerPagesOfAnEarlierVisit() {
  const owner = await gatewayAs('owner')
  return [
    { queryKey: sessionQueries.me().queryKey, data: await owner.call('GET', '/me') },
    { queryKey: ['account'], data: await owner.call('GET', '/account') },
  ]
}

const details = async () =>
  within((await screen.findByRole('heading', { name: 'Billing contact and address' })).closest('section')!)

test('a save from a tab still showing Acme after another tab switched to Globex changes nothing, and says why', async () => {
  const globexBefore = await billingDetailsOf('acc_globex')
  const acmeBefore = await billingDetailsOf('acc_acme')
  const log = logRequests()
  const { user } = await renderApp('/billing-details')
  const section = await details()
  await section.findByText('billing@acme.test')
  await user.click(section.getByRole('button', { name: 'Edit billing details' }))
  const city = await section.findByRole('textbox', { name: 'City' })
  await user.clear(city)
  await user.type(city, 'Oakland')

  await anotherTabSwitchedAccount('acc_globex') // the storage event has not arrived yet
  await user.click(section.getByRole('button', { name: 'Save billing details' }))

  // The server refused it; the tab follows the session to Globex by itself and says why.
  expect(
    await screen.findByText(
      'You are now on Globex Help Desk: the account was switched in another tab. Nothing you had not saved on Acme Support was sent; it is kept for when you switch back.',
    ),
  ).toBeInTheDocument()
  expect(screen.getByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Globex Help Desk')
  const put = log.find((request) => request.method === 'PUT' && request.path === '/api/billing-details')
  expect(put?.headers.get('X-Billing-Account')).toBe('acc_acme')
  expect(await billingDetailsOf('acc_globex')).toEqual(globexBefore)
  expect(await billingDetailsOf('acc_acme')).toEqual(acmeBefore)
  expect(screen.queryByRole('textbox', { name: 'City' })).not.toBeInTheDocument()
})

test('another tab switching account moves this tab to the new account within a second, dropping the old one’s pages', async () => {
  const { user } = await renderApp('/')
  expect(await screen.findByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Acme Support')
  await anotherTabSwitchedAccount('acc_globex')
  anotherTabChangedTheSession()
  await waitFor(
    () => expect(screen.getByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Globex Help Desk'),
    { timeout: 1_000 },
  )
  const notice = await screen.findByText(/^You are now on Globex Help Desk: the account was switched in another tab/)
  await user.click(within(notice.closest('.notice')!).getByRole('button', { name: 'Dismiss' }))
  expect(screen.queryByText(/the account was switched in another tab/)).not.toBeInTheDocument()
})

test('a switch made in this tab is not announced as one from another tab', async () => {
  const { user } = await renderApp('/')
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Account' }), 'Globex Help Desk')
  // The notice would come in the same commit as the new account (see use-account-moved.ts).
  await waitFor(() => expect(screen.getByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Globex Help Desk'))
  expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument()
  expect(screen.queryByText(/the account was switched in another tab/)).not.toBeInTheDocument()
})

test('another tab signing out sends this tab to sign-in within a second, and its saved pages are forgotten', async () => {
  await renderApp('/')
  expect(await screen.findByText('Acme Support')).toBeInTheDocument()
  await anotherTabSignedOut()
  anotherTabChangedTheSession()
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Sign in to billing' }, { timeout: 1_000 }),
  ).toBeInTheDocument()
  expect(screen.queryByText('Acme Support')).not.toBeInTheDocument()
})

test('a session that expired (401) with saved pages: sign-in, and the saved data is gone', async () => {
  await saveCache(await ownerPagesOfAnEarlierVisit())
  await renderApp('/', { as: null }) // the server no longer knows the session
  expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to billing' })).toBeInTheDocument()
  // The saved pages were never shown: who is signed in is asked first.
  expect(screen.queryByText('Acme Support')).not.toBeInTheDocument()
  await expect.poll(savedCacheText).toBeUndefined()
  expect(localStorage.getItem(cacheScopeKey)).toBeNull()
})

test('saved pages of one user are never shown to another: the server is asked who is signed in first', async () => {
  // The browser holds the owner's pages; the server's session is now the viewer's (signed in elsewhere).
  await saveCache(await ownerPagesOfAnEarlierVisit())
  await renderApp('/', { as: 'viewer' })
  expect(await screen.findByText(/^Signed in as Bruno/)).toBeInTheDocument()
  expect(screen.queryByText(/Ana Souza/)).not.toBeInTheDocument()
  expect(localStorage.getItem(cacheScopeKey)).not.toBe(ownerScope)
})

test('sign-out forgets this browser’s copy at once, before the server answers, even offline', async () => {
  const { user } = await renderApp('/')
  expect(await screen.findByText('Acme Support')).toBeInTheDocument()
  // The saved cache is written as the page's first answers arrive (docs/decisions/028).
  await expect.poll(savedCacheText, { timeout: 3_000 }).toBeDefined()
  const { onlineManager } = await import('@tanstack/react-query')
  act(() => onlineManager.setOnline(false))
  try {
    await user.click(screen.getByRole('button', { name: 'Sign out' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to billing' })).toBeInTheDocument()
    await expect.poll(savedCacheText).toBeUndefined()
    expect(
      Object.keys(localStorage).filter((key) => key.startsWith('billing-breaker:') || key.startsWith('billing-cart')),
    ).toEqual([])
  } finally {
    act(() => onlineManager.setOnline(true))
  }
})

test('a poisoned breaker state in storage (opened in the future) never keeps billing down', async () => {
  const poisoned = {
    version: 2,
    cockatiel: {
      ownState: { value: 1, openedAt: Date.now() + 365 * 24 * 3_600_000, attemptNo: 1 },
      breakerState: null,
    },
    incidentId: 'x',
    since: 0,
    writtenAt: 0,
  }
  localStorage.setItem('billing-breaker:subscription', JSON.stringify(poisoned))
  await renderApp('/')
  const overview = within(await screen.findByRole('region', { name: 'Overview' }))
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  expect(overview.getByRole('button', { name: 'Change seats' })).not.toHaveAttribute('aria-disabled')
})

test('with storage full (or blocked), the app works from memory and putting something in the cart never throws', async () => {
  const { useCartStore } = await import('@/billing/cart-store')
  await useCartStore.persist.rehydrate()
  // The app's own keys only: the in-page gateway keeps its state in this browser's storage too.
  const setItem = Storage.prototype.setItem
  vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
    if (key === PAGE_GATEWAY_STORAGE_KEY) return setItem.call(this, key, value)
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
  })
  const { user } = await renderApp('/plans')
  const ai = await screen.findByRole('article', { name: 'Advanced AI' })
  const quantity = within(ai).getByRole('spinbutton', { name: 'New quantity of Advanced AI' })
  await user.clear(quantity)
  await user.type(quantity, '15')
  await user.click(within(ai).getByRole('button', { name: 'Add to cart (Advanced AI)' }))
  expect(await screen.findByText('Advanced AI × 15 added to your cart.')).toBeInTheDocument()
  expect(screen.getByRole('link', { name: /^Cart \(1\)/ })).toBeInTheDocument()
})

test('a page whose data was on its way when the account changed elsewhere loads the new account’s, never stays loading', async () => {
  let first = true
  server.use(
    http.get('*/api/invoices', async () => {
      if (!first) return undefined
      first = false
      await delay(800)
      return undefined
    }),
  )
  await renderApp('/invoices')
  await waitFor(() => expect(screen.getAllByText('Loading…').length).toBeGreaterThan(0))
  await anotherTabSwitchedAccount('acc_globex')
  anotherTabChangedTheSession()
  await waitFor(
    () => expect(screen.getByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Globex Help Desk'),
    { timeout: 2_000 },
  )
  // Globex's first page waits for the gateway to read its 10,000 invoices from Zuora.
  expect((await screen.findAllByRole('rowheader', { name: /^GLBX-/ }, { timeout: 15_000 })).length).toBeGreaterThan(0)
}, 40_000)
