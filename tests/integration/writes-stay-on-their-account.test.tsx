/**
 * A write is for the account it was prepared on (a form opened, a cart filled, a request shown),
 * whatever the tab shows by the time it goes out. Another tab switching account can change the
 * session between the admin's click and the request (an awaited lock, a slow re-render): the
 * request then says the old account and the server refuses it, instead of saving Acme's data on
 * Globex.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { placeOrder } from '@/features/cart/api/place-order'
import { installRequestContext } from '@/lib/api/request'
import type { BillingDetails, Quote, Subscription } from '@/lib/api/schemas'
import { anotherTabChangedTheSession, anotherTabSwitchedAccount } from '../support/another-tab'
import { gatewayAs } from '../support/gateway-as'
import { renderApp, signInPage } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { testGateway } from '../support/test-gateway'

const zuoraOrders = () => Object.keys(testGateway().simulator.control.exportState().state.orders)

test('an order for an Acme cart that goes out after the tab moved to Globex says Acme, and Globex is not charged', async () => {
  await signInPage('owner', 'acc_globex')
  installRequestContext({ accountId: 'acc_globex' }) // the tab already shows Globex
  const items = [{ type: 'seats' as const, seats: 26 }]
  const onAcme = await gatewayAs('owner', 'acc_acme')
  const onGlobex = await gatewayAs('owner', 'acc_globex')
  const quote = await onAcme.call<Quote>('POST', '/quotes', { items, promoCode: null })
  const globexSeats = (await onGlobex.call<Subscription>('GET', '/subscription')).seats.purchased
  const ordersBefore = zuoraOrders()
  const log = logRequests()
  try {
    await expect(placeOrder({ items, promoCode: null, quoteId: quote.id }, 'key-1', 'acc_acme')).rejects.toMatchObject({
      status: 409,
      code: 'account_changed',
    })
    expect(log.find((request) => request.path === '/api/orders')?.headers.get('X-Billing-Account')).toBe('acc_acme')
    expect((await onGlobex.send('GET', '/orders/by-key/key-1')).status).toBe(404)
    expect((await onAcme.send('GET', '/orders/by-key/key-1')).status).toBe(404)
    expect(zuoraOrders()).toEqual(ordersBefore)
    expect((await onGlobex.call<Subscription>('GET', '/subscription')).seats.purchased).toBe(globexSeats)
  } finally {
    installRequestContext({ accountId: null })
  }
})

test('hearing of the switch while the Acme form is open closes it: Globex’s details show, nothing is saved, and Acme’s draft waits for Acme', async () => {
  const onGlobex = await gatewayAs('owner', 'acc_globex')
  const globexBefore = await onGlobex.call<BillingDetails>('GET', '/billing-details')
  const log = logRequests()
  const { user } = await renderApp('/billing-details')
  const section = () => within(screen.getByRole('region', { name: 'Billing contact and address' }))
  await screen.findByText('billing@acme.test')
  await user.click(section().getByRole('button', { name: 'Edit billing details' }))
  const city = await section().findByRole('textbox', { name: 'City' })
  await user.clear(city)
  await user.type(city, 'Oakland')

  await anotherTabSwitchedAccount('acc_globex')
  anotherTabChangedTheSession()
  // The tab asks who is signed in again, and on which account: the answer comes a moment later.
  await waitFor(() => expect(screen.getByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Globex Help Desk'))
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Save billing details' })).not.toBeInTheDocument())
  expect(await screen.findByText(globexBefore.contact.email)).toBeInTheDocument()
  expect(screen.queryByText(/Oakland/)).not.toBeInTheDocument()
  expect(log.filter((request) => request.method === 'PUT')).toEqual([])
  expect(await onGlobex.call<BillingDetails>('GET', '/billing-details')).toEqual(globexBefore)

  // Back on Acme, what was typed there is there again.
  await user.selectOptions(screen.getByRole('combobox', { name: 'Account' }), 'Acme Support')
  expect(await screen.findByText(/Your unsaved changes from earlier are back/)).toBeInTheDocument()
  expect(await screen.findByRole('textbox', { name: 'City' })).toHaveValue('Oakland')
})
