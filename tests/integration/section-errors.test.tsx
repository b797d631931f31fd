import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, expect, test, vi } from 'vitest'
import { CART_STORAGE_KEY, useCartStore } from '@/billing/cart-store'
import type * as CheckoutPanelModule from '@/features/cart/components/checkout-panel'
import type * as AccountSummaryModule from '@/features/subscription/components/account-summary'
import { server } from '../../mocks/node'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { testGateway } from '../support/test-gateway'

// A bug in one section's rendering, switched on per test: the account section throws while it renders.
const fault = vi.hoisted(() => ({ accountSummaryThrows: false, checkoutPanelThrows: false }))
vi.mock('@/features/subscription/components/account-summary', async (importOriginal) => {
  const original = await importOriginal<typeof AccountSummaryModule>()
  return {
    AccountSummary: (props: Parameters<typeof original.AccountSummary>[0]) => {
      if (fault.accountSummaryThrows) throw new Error('a bug in the account section')
      return <original.AccountSummary {...props} />
    },
  }
})

beforeEach(async () => {
  fault.accountSummaryThrows = false
  fault.checkoutPanelThrows = false
  await useCartStore.persist.rehydrate()
})

// The same in a section that is not fed by a query: the cart's checkout card.
vi.mock('@/features/cart/components/checkout-panel', async (importOriginal) => {
  const original = await importOriginal<typeof CheckoutPanelModule>()
  return {
    CheckoutPanel: (props: Parameters<typeof original.CheckoutPanel>[0]) => {
      if (fault.checkoutPanelThrows) throw new Error('a bug in the checkout card')
      return <original.CheckoutPanel {...props} />
    },
  }
})

const section = async (name: string) => within(await screen.findByRole('region', { name }))

/** React reports an error its boundary caught with console.error, which fails a test: expected here, and counted. */
function expectCaughtRenderErrors(): unknown[][] {
  const reported: unknown[][] = []
  vi.mocked(console.error).mockImplementation((...args: unknown[]) => void reported.push(args))
  return reported
}

test('a section whose render throws says so with its own retry; the other sections and the navigation keep working', async () => {
  fault.accountSummaryThrows = true
  const reported = expectCaughtRenderErrors()
  const { user } = await renderApp('/')

  const account = await section('Account')
  expect(await account.findByText('Account could not be shown.')).toBeInTheDocument()
  expect(
    account.getByText('Something in this part of the page went wrong. The rest of the page still works.'),
  ).toBeInTheDocument()
  expect(screen.queryByText('This page failed to load')).not.toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  expect(await (await section('Overview')).findByText('Professional')).toBeInTheDocument()
  expect((await section('Add-ons')).getByRole('rowheader', { name: 'Advanced AI' })).toBeInTheDocument()
  expect(reported.flat().some((arg) => String(arg).includes('a bug in the account section'))).toBe(true)

  // The retry renders the section again and asks for its data again.
  fault.accountSummaryThrows = false
  const log = logRequests()
  await user.click(account.getByRole('button', { name: 'Try again' }))
  expect(await account.findByText('Acme Support')).toBeInTheDocument()
  expect(account.queryByText('Account could not be shown.')).not.toBeInTheDocument()
  expect(log.some((request) => request.method === 'GET' && request.path === '/api/account')).toBe(true)

  // The navigation still works.
  await user.click(within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Invoices' }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument()
})

test('the operators are told, once, where a section failed and with what error', async () => {
  fault.accountSummaryThrows = true
  expectCaughtRenderErrors()
  const { user } = await renderApp('/')
  const account = await section('Account')
  await account.findByText('Account could not be shown.')
  /** What the gateway's alert intake holds (its own state). */
  const renderErrors = async () =>
    (await testGateway().gateway().deps.own.read()).alerts.filter((alert) => alert.kind === 'render_error')

  await waitFor(async () => expect(await renderErrors()).toHaveLength(1))
  expect((await renderErrors())[0]).toMatchObject({
    capability: null,
    detail: '/ · Account — Error: a bug in the account section',
  })
  // A retry that fails again within the minute is not reported again.
  await user.click(account.getByRole('button', { name: 'Try again' }))
  await account.findByText('Account could not be shown.')
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(await renderErrors()).toHaveLength(1)
  expect((await renderErrors())[0]?.count).toBe(1)
})

test('the message is in the admin’s language', async () => {
  fault.accountSummaryThrows = true
  expectCaughtRenderErrors()
  const { user } = await renderApp('/')
  await section('Account')
  await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'pt-BR')
  const account = await section('Conta')
  expect(await account.findByText('Não foi possível mostrar Conta.')).toBeInTheDocument()
  expect(account.getByRole('button', { name: 'Tentar de novo' })).toBeInTheDocument()
})

test('an amount in a currency that is no ISO 4217 code is an unexpected answer in its section, not a page crash', async () => {
  const subscription = await (await gatewayAs('owner')).call<object>('GET', '/subscription')
  server.use(
    http.get('*/api/subscription', () =>
      HttpResponse.json({ ...subscription, seatPrice: { amountMinor: 4_900, currency: 'ut ' } }),
    ),
  )
  await renderApp('/')

  const overview = await section('Overview')
  expect(await overview.findByText('Billing sent an answer we could not read.')).toBeInTheDocument()
  expect(overview.getByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(screen.queryByText('This page failed to load')).not.toBeInTheDocument()
  expect(await (await section('Account')).findByText('Acme Support')).toBeInTheDocument()
})

test('a card that is not fed by a query keeps its error too: the cart and its quote stay usable', async () => {
  fault.checkoutPanelThrows = true
  expectCaughtRenderErrors()
  const cart = {
    items: [{ type: 'seats', seats: 30 }],
    promoCode: null,
    pendingOrder: null,
    lastOrder: null,
    updatedAt: new Date().toISOString(),
  }
  localStorage.setItem(CART_STORAGE_KEY, JSON.stringify({ state: { carts: { 'usr_ana:acc_acme': cart } }, version: 1 }))
  await useCartStore.persist.rehydrate()
  const { user } = await renderApp('/cart')

  const checkout = await section('Place your order')
  expect(await checkout.findByText('Place your order could not be shown.')).toBeInTheDocument()
  expect(checkout.queryByRole('button', { name: 'Place order' })).not.toBeInTheDocument()
  expect((await section('Changes in your cart')).getByRole('rowheader', { name: /seats/i })).toBeInTheDocument()
  expect(await (await section('Price quote')).findByText('Total due now')).toBeInTheDocument()

  fault.checkoutPanelThrows = false
  await user.click(checkout.getByRole('button', { name: 'Try again' }))
  expect(await screen.findByRole('button', { name: 'Place order' })).toBeInTheDocument()
})
