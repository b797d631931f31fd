import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, expect, test } from 'vitest'
import { useCartStore } from '@/billing/cart-store'
import { server } from '../../mocks/node'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { loadSavedCarts } from '../support/saved-cart'

// The cart store lives as long as the test file: start each test from what storage holds (nothing).
beforeEach(loadSavedCarts)

const card = (name: string) => screen.findByRole('article', { name })

test('the owner sees plans and add-ons with prices, the current plan and what is owned', async () => {
  await renderApp('/plans')

  expect(await screen.findByRole('heading', { level: 1, name: 'Plans and add-ons' })).toBeInTheDocument()
  const professional = await card('Professional')
  expect(await within(professional).findByText('Current plan')).toBeInTheDocument()
  expect(within(professional).getByText('This is your plan.')).toBeInTheDocument()
  expect(within(professional).queryByRole('button')).not.toBeInTheDocument()

  const team = await card('Team')
  expect(within(team).getByText('$19.00')).toBeInTheDocument()
  expect(within(team).getByText(/per seat per month/)).toBeInTheDocument()
  // A plan with a lower seat price is taken at the renewal (the gateway schedules it).
  expect(within(team).getByRole('button', { name: 'Switch to Team at renewal' })).toBeEnabled()
  expect(within(await card('Enterprise')).getByText('$99.00')).toBeInTheDocument()

  const ai = await card('Advanced AI')
  expect(within(ai).getByText('On your subscription: 10.')).toBeInTheDocument()
  expect(within(ai).getByRole('spinbutton', { name: 'New quantity of Advanced AI' })).toHaveValue(10)
  expect(within(await card('Sandbox')).getByText('Not on your subscription.')).toBeInTheDocument()
  expect(within(await card('Sandbox')).getByText(/Up to 1\./)).toBeInTheDocument()
})

test('switching plan puts it in the cart, which prices the change', async () => {
  const { user } = await renderApp('/plans')

  await user.click(within(await card('Enterprise')).getByRole('button', { name: 'Switch to Enterprise' }))
  expect(await screen.findByText('Switch to the Enterprise plan added to your cart.')).toBeInTheDocument()
  expect(within(await card('Enterprise')).getByText('In your cart')).toBeInTheDocument()

  await user.click(screen.getByRole('link', { name: 'Review cart' }))
  expect(await screen.findByRole('rowheader', { name: 'Plan: Professional → Enterprise' })).toBeInTheDocument()
  const quote = await screen.findByRole('region', { name: 'Price quote' })
  expect(await within(quote).findByRole('rowheader', { name: 'Total due now' })).toBeInTheDocument()
})

test('an add-on quantity is checked, then its new total goes in the cart', async () => {
  const { user } = await renderApp('/plans')

  const ai = await card('Advanced AI')
  const quantity = within(ai).getByRole('spinbutton', { name: 'New quantity of Advanced AI' })
  await user.click(within(ai).getByRole('button', { name: 'Add to cart (Advanced AI)' }))
  expect(quantity).toHaveAccessibleDescription(expect.stringContaining('You have 10 already. Enter a different total.'))

  await user.clear(quantity)
  await user.type(quantity, '15')
  await user.click(within(ai).getByRole('button', { name: 'Add to cart (Advanced AI)' }))
  expect(await screen.findByText('Advanced AI × 15 added to your cart.')).toBeInTheDocument()
  expect(within(ai).getByText('On your subscription: 10. In your cart: 15.')).toBeInTheDocument()

  const sandbox = await card('Sandbox')
  const sandboxQuantity = within(sandbox).getByRole('spinbutton', { name: 'New quantity of Sandbox' })
  await user.clear(sandboxQuantity)
  await user.type(sandboxQuantity, '2')
  await user.click(within(sandbox).getByRole('button', { name: 'Add to cart (Sandbox)' }))
  expect(sandboxQuantity).toHaveAccessibleDescription(expect.stringContaining('Enter a number from 1 to 1.'))

  await user.click(screen.getByRole('link', { name: /^Cart/ }))
  // The cart's changes, not its price quote (which names them too, once it has answered).
  const changes = await screen.findByRole('table', { name: 'Changes in your cart' })
  expect(within(changes).getByRole('rowheader', { name: 'Advanced AI: 10 → 15' })).toBeInTheDocument()
  expect(screen.queryByRole('rowheader', { name: /Sandbox/ })).not.toBeInTheDocument()
})

// The viewer's controls build a change request instead (tests/integration/requests-ask.test.tsx).
test('an operator browses the catalog with buying disabled and the reason given', async () => {
  const { user } = await renderApp('/plans', { as: 'operator' })
  const log = logRequests()

  const team = await card('Team')
  const switchButton = within(team).getByRole('button', { name: 'Switch to Team at renewal' })
  expect(switchButton).toHaveAttribute('aria-disabled', 'true')
  expect(switchButton).toHaveAccessibleDescription('Only billing admins can change this')
  const addButton = within(await card('Advanced AI')).getByRole('button', { name: 'Add to cart (Advanced AI)' })
  expect(addButton).toHaveAttribute('aria-disabled', 'true')
  expect(screen.getAllByText('Only billing admins can change this', { selector: '.action-reason' })).toHaveLength(2)

  await user.click(switchButton)
  await user.click(addButton)
  expect(screen.queryByText(/added to your cart/)).not.toBeInTheDocument()
  expect(useCartStore.getState().carts).toEqual({})
  expect(log.filter((request) => request.method !== 'GET')).toEqual([])
})

test('the catalog stays up when the provider is down, without marking what is owned', async () => {
  server.use(
    http.get('*/api/subscription', () =>
      HttpResponse.json({ error: { code: 'internal', message: 'down' } }, { status: 500 }),
    ),
  )
  await renderApp('/plans')

  const professional = await card('Professional')
  expect(within(professional).getByRole('button', { name: 'Switch to Professional' })).toBeInTheDocument()
  expect(within(await card('Advanced AI')).queryByText(/On your subscription/)).not.toBeInTheDocument()
  expect(screen.queryByText('Current plan')).not.toBeInTheDocument()
})

test('"Manage add-ons" lands on the add-ons, ready for the keyboard', async () => {
  await renderApp('/plans#addons')

  await card('Advanced AI')
  const addons = screen.getByRole('region', { name: 'Add-ons' })
  expect(addons.parentElement).toHaveAttribute('id', 'addons')
  expect(addons.parentElement).toHaveFocus()
})
