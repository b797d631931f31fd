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
import { db } from '../../mocks/db'
import { anotherTabChangedTheSession } from '../support/another-tab'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'

test('an order for an Acme cart that goes out after the tab moved to Globex says Acme, and Globex is not charged', async () => {
  db.signInAs('owner@acme.test')
  db.switchAccount('acc_globex')
  installRequestContext({ accountId: 'acc_globex' }) // the tab already shows Globex
  const items = [{ type: 'seats' as const, seats: 26 }]
  const quote = db.createQuote('acc_acme', { items, promoCode: null })
  const globexSeats = db.getSubscription('acc_globex').seats.purchased
  const log = logRequests()
  try {
    await expect(placeOrder({ items, promoCode: null, quoteId: quote.id }, 'key-1', 'acc_acme')).rejects.toMatchObject({
      status: 409,
      code: 'account_changed',
    })
    expect(log.find((request) => request.path === '/api/orders')?.headers.get('X-Billing-Account')).toBe('acc_acme')
    expect(db.getOrderByKey('acc_globex', 'key-1')).toBeUndefined()
    expect(db.getOrderByKey('acc_acme', 'key-1')).toBeUndefined()
    expect(db.getSubscription('acc_globex').seats.purchased).toBe(globexSeats)
  } finally {
    installRequestContext({ accountId: null })
  }
})

test('hearing of the switch while the Acme form is open closes it: Globex’s details show, nothing is saved, and Acme’s draft waits for Acme', async () => {
  const globexBefore = structuredClone(db.getBillingDetails('acc_globex'))
  const log = logRequests()
  const { user } = await renderApp('/billing-details')
  const section = () => within(screen.getByRole('region', { name: 'Billing contact and address' }))
  await screen.findByText('billing@acme.test')
  await user.click(section().getByRole('button', { name: 'Edit billing details' }))
  const city = await section().findByRole('textbox', { name: 'City' })
  await user.clear(city)
  await user.type(city, 'Oakland')

  db.switchAccount('acc_globex')
  anotherTabChangedTheSession()
  expect(await screen.findByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Globex Help Desk')
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Save billing details' })).not.toBeInTheDocument())
  expect(await screen.findByText(globexBefore.contact.email)).toBeInTheDocument()
  expect(screen.queryByText(/Oakland/)).not.toBeInTheDocument()
  expect(log.filter((request) => request.method === 'PUT')).toEqual([])
  expect(db.getBillingDetails('acc_globex')).toEqual(globexBefore)

  // Back on Acme, what was typed there is there again.
  await user.selectOptions(screen.getByRole('combobox', { name: 'Account' }), 'Acme Support')
  expect(await screen.findByText(/Your unsaved changes from earlier are back/)).toBeInTheDocument()
  expect(await screen.findByRole('textbox', { name: 'City' })).toHaveValue('Oakland')
})
