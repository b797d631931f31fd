/**
 * The saved cache in IndexedDB, as an admin lives it: what one visit saved, the next one shows
 * during an outage; what an earlier version left in localStorage, or a tampered copy, is never
 * shown; and a browser without IndexedDB simply has no saved cache.
 */
import { screen, within } from '@testing-library/react'
import { http } from 'msw'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { useCartStore } from '@/billing/cart-store'
import { subscriptionQueries } from '@/billing/api/get-subscription'
import { forgetLocalData } from '@/lib/session/local-data'
import type { Subscription } from '@/lib/api/schemas'
import { server } from '../../mocks/node'
import { anotherTabSignedOut } from '../support/another-tab'
import { banners, errorAnswer, sleep } from '../support/faults'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import {
  cacheScopeKey,
  legacyCacheKey,
  ownerScope,
  saveCacheText,
  savedCacheText,
  savedQueryKeys,
} from '../support/saved-cache'

beforeEach(async () => {
  await useCartStore.persist.rehydrate()
})
afterEach(() => vi.unstubAllGlobals())

const section = async (name: string) => within(await screen.findByRole('region', { name }))
const providerDown = () => server.use(http.get('*/api/subscription', () => errorAnswer(503)))

test('what a visit saved in IndexedDB, a reload during an outage shows, with its "as of" time', async () => {
  const firstVisit = await renderApp('/')
  expect(await (await section('Overview')).findByText('Professional')).toBeInTheDocument()
  // Written at once: the subscription root's first answer (docs/decisions/028).
  await expect.poll(savedQueryKeys, { timeout: 3_000 }).toContainEqual(subscriptionQueries.detail().queryKey)
  firstVisit.unmount()

  providerDown()
  await renderApp('/')
  const overview = await section('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(
    await overview.findByText(
      /^Saved data as of .+\. Billing is unavailable right now\. We check again automatically\.$/,
    ),
  ).toBeInTheDocument()
})

test.each([0, 300])(
  'the subscription’s first answer is saved at once, not after the write interval: a reload %i ms later into an outage shows it',
  async (reloadAfterMs) => {
    const firstVisit = await renderApp('/')
    const overview = await section('Overview')
    expect(await overview.findByText('Professional')).toBeInTheDocument()
    expect(overview.getByRole('button', { name: 'Change seats' })).toBeInTheDocument()
    if (reloadAfterMs > 0) await sleep(reloadAfterMs)
    firstVisit.unmount()

    providerDown()
    await renderApp('/')
    const reloaded = await section('Overview')
    expect(await reloaded.findByText('Professional')).toBeInTheDocument()
    expect(await reloaded.findByText(/^Saved data as of .+\. Billing is unavailable right now\./)).toBeInTheDocument()
  },
)

test('the copy an earlier version saved in localStorage (perhaps another account’s) is removed on start and never shown', async () => {
  const subscription = await (await gatewayAs('owner')).call<Subscription>('GET', '/subscription')
  const legacy = {
    buster: 'whatever',
    timestamp: Date.now(),
    scope: ownerScope,
    clientState: {
      mutations: [],
      queries: [
        {
          queryKey: ['subscription'],
          queryHash: '["subscription"]',
          state: { data: { ...subscription, plan: { ...subscription.plan, name: 'Legacy plan' } } },
        },
      ],
    },
  }
  localStorage.setItem(legacyCacheKey, JSON.stringify(legacy))
  localStorage.setItem(cacheScopeKey, ownerScope) // as that version left it: no change of user to clear it
  providerDown()
  await renderApp('/')

  expect(await (await section('Overview')).findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(screen.queryByText('Legacy plan')).not.toBeInTheDocument()
  expect(localStorage.getItem(legacyCacheKey)).toBeNull()
})

test('another tab signing out while this one, not told yet, loads another page: nothing of the old account is written back', async () => {
  const { user } = await renderApp('/')
  expect(await (await section('Overview')).findByText('Professional')).toBeInTheDocument()
  await expect.poll(savedCacheText, { timeout: 3_000 }).toBeDefined()

  // The other tab forgets this browser's copy (its storage event has not reached this tab yet).
  await anotherTabSignedOut()
  forgetLocalData()
  await user.click(within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Invoices' }))
  await sleep(1_500) // past the write's throttle
  expect(await savedCacheText()).toBeUndefined()
})

test('a tampered saved cache (not even JSON) is dropped: the page loads as on a first visit, and saves afresh', async () => {
  await saveCacheText('{"clientState": {"queries": [')
  await renderApp('/')

  expect(await (await section('Overview')).findByText('Professional')).toBeInTheDocument()
  await expect.poll(savedQueryKeys, { timeout: 3_000 }).toContainEqual(subscriptionQueries.detail().queryKey)
})

test('with IndexedDB unavailable (a private mode), the page works, saves nothing anywhere, and says nothing about it', async () => {
  vi.stubGlobal('indexedDB', undefined)
  await renderApp('/')

  const overview = await section('Overview')
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  await sleep(1_300) // past the write's throttle
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  expect(overview.queryByText(/saved/i)).not.toBeInTheDocument()
  expect(localStorage.getItem(legacyCacheKey)).toBeNull()
  vi.unstubAllGlobals()
  expect(await savedCacheText()).toBeUndefined()
})

test('a write refused by a full browser never reaches the screen: the page keeps working', async () => {
  const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
  })
  const { user } = await renderApp('/')
  expect(await (await section('Overview')).findByText('Professional')).toBeInTheDocument()
  await user.click(within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Invoices' }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument()
  await sleep(1_300)
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  expect(put).toHaveBeenCalled()
  put.mockRestore()
  expect(await savedCacheText()).toBeUndefined()
})
