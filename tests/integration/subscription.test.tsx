import { screen, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, expect, test } from 'vitest'
import { server } from '../../mocks/node'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { loadSavedCarts } from '../support/saved-cart'

// The cart store lives as long as the test file: start each test from what storage holds (nothing).
beforeEach(loadSavedCarts)

const section = (name: string) => screen.findByRole('region', { name })

test('the owner sees the plan, seats, add-ons, next invoice and account', async () => {
  await renderApp('/')

  expect(await screen.findByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  const overview = await section('Overview')
  expect(await within(overview).findByText('Professional')).toBeInTheDocument()
  expect(within(overview).getByText('Active')).toBeInTheDocument()
  expect(within(overview).getByText('Monthly')).toBeInTheDocument()
  expect(within(overview).getByText('Seats purchased').nextElementSibling).toHaveTextContent('25')
  expect(within(overview).getByText('21 of 25')).toBeInTheDocument()
  expect(within(overview).getByText('$49.00 per seat per month')).toBeInTheDocument()
  // 25 × $49 + 10 × $50 + 2 × $25, no tax in the US.
  expect(within(overview).getByText(/^\$1,775\.00 on /)).toBeInTheDocument()

  const addons = within(await section('Add-ons')).getByRole('table', { name: 'Add-ons on your subscription' })
  const aiRow = within(addons).getByRole('row', { name: /Advanced AI/ })
  expect(within(aiRow).getByText('10')).toBeInTheDocument()
  expect(within(aiRow).getByText('$500.00')).toBeInTheDocument()
  expect(within(addons).getByRole('rowheader', { name: 'Extra storage pack' })).toBeInTheDocument()

  const account = await section('Account')
  expect(await within(account).findByText('Acme Support')).toBeInTheDocument()
  expect(within(account).getByText('Agents in use').nextElementSibling).toHaveTextContent('21')

  expect(screen.getByRole('button', { name: 'Change seats' })).toBeEnabled()
  expect(screen.getByRole('button', { name: 'Change plan' })).toBeEnabled()
  expect(screen.getByRole('button', { name: 'Manage add-ons' })).toBeEnabled()
})

// The viewer's controls build a change request instead (tests/integration/requests-ask.test.tsx).
test('an operator sees the subscription with every change control disabled and the reason', async () => {
  const { user } = await renderApp('/', { as: 'operator' })
  const log = logRequests()

  await section('Overview')
  const changeSeats = await screen.findByRole('button', { name: 'Change seats' })
  for (const button of [
    changeSeats,
    screen.getByRole('button', { name: 'Change plan' }),
    screen.getByRole('button', { name: 'Manage add-ons' }),
  ]) {
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveAccessibleDescription('Only billing admins can change this')
  }

  await user.click(changeSeats)
  expect(screen.queryByRole('spinbutton', { name: 'New total seats' })).not.toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  expect(log.filter((request) => request.method !== 'GET')).toEqual([])
})

test('a seat error already on screen is re-worded when the admin switches language', async () => {
  const { user } = await renderApp('/')
  await user.click(await screen.findByRole('button', { name: 'Change seats' }))
  const input = await screen.findByRole('spinbutton', { name: 'New total seats' })
  await user.clear(input)
  await user.type(input, '20')
  // Fewer seats than bought would be scheduled for the renewal (Continue): the seats in use are checked first.
  await user.click(screen.getByRole('button', { name: 'Continue' }))
  expect(input).toHaveAccessibleDescription(
    expect.stringContaining('Keep at least 21 seats: 21 agents are using seats.'),
  )

  await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'pt-BR')
  expect(input).toHaveAccessibleDescription(
    expect.stringContaining('Mantenha pelo menos 21 licenças: 21 agentes estão usando licenças.'),
  )
})

test('changing seats checks the seats in use, puts the new total in the cart and opens it', async () => {
  const { user } = await renderApp('/')

  await user.click(await screen.findByRole('button', { name: 'Change seats' }))
  const input = await screen.findByRole('spinbutton', { name: 'New total seats' })
  expect(input).toHaveFocus()
  expect(input).toHaveAccessibleDescription('At least 21: that many agents are using seats. You have 25 now.')

  await user.clear(input)
  await user.type(input, '20')
  // Fewer seats than bought would be scheduled for the renewal (Continue): the seats in use are checked first.
  await user.click(screen.getByRole('button', { name: 'Continue' }))
  expect(input).toHaveAccessibleDescription(
    expect.stringContaining('Keep at least 21 seats: 21 agents are using seats.'),
  )
  expect(input).toHaveAttribute('aria-invalid', 'true')

  await user.clear(input)
  await user.type(input, '30')
  await user.click(screen.getByRole('button', { name: 'Add to cart' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Cart' })).toBeInTheDocument()
  expect(await screen.findByRole('rowheader', { name: 'Seats: 25 → 30' })).toBeInTheDocument()
})

test('a failed subscription shows its section error with a retry while the account keeps working', async () => {
  server.use(
    http.get(
      '*/api/subscription',
      () => HttpResponse.json({ error: { code: 'internal', message: 'Zuora failed' } }, { status: 500 }),
      {
        once: true,
      },
    ),
  )
  const { user } = await renderApp('/')

  const overview = await section('Overview')
  expect(await within(overview).findByText('Overview is unavailable right now.')).toBeInTheDocument()
  expect(await within(await section('Account')).findByText('Acme Support')).toBeInTheDocument()

  await user.click(within(overview).getByRole('button', { name: 'Try again' }))
  expect(await within(overview).findByText('Professional')).toBeInTheDocument()
})

test('a change waiting in the cart is offered from the subscription page', async () => {
  const { user } = await renderApp('/')
  await user.click(await screen.findByRole('button', { name: 'Manage add-ons' }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Plans and add-ons' })).toBeInTheDocument()
  const sandbox = await screen.findByRole('article', { name: 'Sandbox' })
  await user.click(within(sandbox).getByRole('button', { name: 'Add to cart (Sandbox)' }))
  await user.click(screen.getByRole('link', { name: 'Subscription' }))

  expect(await screen.findByText('Your cart has 1 change waiting.')).toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Review cart' })).toHaveAttribute('href', '/cart')
})
