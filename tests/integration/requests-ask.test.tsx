/**
 * Ask: the viewer (an admin without billing rights) builds a change request with the same controls
 * a billing admin uses for the cart, sends it in any provider state, and keeps the draft through a reload.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, expect, test } from 'vitest'
import { useCartStore } from '@/billing/cart-store'
import { REQUEST_DRAFT_STORAGE_KEY, useRequestDraftStore } from '@/billing/request-draft-store'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { useScenario } from '../support/scenario'
import { testGateway } from '../support/test-gateway'

// The stores live as long as the test file: start each test from what storage holds (nothing).
beforeEach(async () => {
  await useCartStore.persist.rehydrate()
  await useRequestDraftStore.persist.rehydrate()
})

const writes = (log: ReturnType<typeof logRequests>) =>
  log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)

async function askForSeats(user: Awaited<ReturnType<typeof renderApp>>['user'], total: string) {
  await user.click(await screen.findByRole('button', { name: 'Change seats' }))
  const seats = await screen.findByRole('spinbutton', { name: 'New total seats' })
  await user.clear(seats)
  await user.type(seats, total)
  await user.click(screen.getByRole('button', { name: 'Add to request' }))
}

test('during an outage the viewer asks for five more seats with a note and an estimate, and sees it waiting', async () => {
  const { user } = await renderApp('/', { as: 'viewer' })
  await within(await screen.findByRole('region', { name: 'Overview' }, { timeout: 10_000 })).findByText('21 of 25')
  await useScenario('provider-down')
  const log = logRequests()

  await askForSeats(user, '30')

  expect(await screen.findByRole('heading', { level: 1, name: 'Change requests' })).toBeInTheDocument()
  const draft = await screen.findByRole('region', { name: 'Your request' })
  expect(within(draft).getByText('Seats: 25 → 30')).toBeInTheDocument()
  // 5 × $49 at list prices, and said to be an estimate only.
  expect(await within(draft).findByText('About +$245.00 a month at list prices.')).toBeInTheDocument()
  expect(
    within(draft).getByText(/only an estimate .* comes from a quote when a billing admin approves/),
  ).toBeInTheDocument()
  await user.type(
    within(draft).getByRole('textbox', { name: 'Note for the billing admin (optional)' }),
    'Five agents start Monday.',
  )
  await user.click(within(draft).getByRole('button', { name: 'Send request' }))

  expect(
    await screen.findByText('Your request was sent. A billing admin will approve or decline it.'),
  ).toBeInTheDocument()
  const mine = await screen.findByRole('region', { name: 'Your requests' })
  expect(await within(mine).findByRole('heading', { name: 'Seats: 25 → 30' })).toBeInTheDocument()
  expect(within(mine).getByText('Waiting for a billing admin')).toBeInTheDocument()
  expect(within(mine).getByText('Note: Five agents start Monday.')).toBeInTheDocument()
  expect(within(draft).getByText(/Nothing to ask for yet/)).toBeInTheDocument()

  expect(writes(log)).toEqual(['POST /api/change-requests'])
  expect((await testGateway().gateway().deps.own.read()).changeRequests?.[0]?.request).toMatchObject({
    items: [{ type: 'seats', seats: 30 }],
    estimate: { amountMinor: 24_500, currency: 'USD' },
    basis: { planId: 'plan_professional', seats: 25 },
  })
  expect(useCartStore.getState().carts).toEqual({})
})

test('the plan and add-on controls build the request too, never the cart', async () => {
  const { user } = await renderApp('/plans', { as: 'viewer' })
  const log = logRequests()

  // A bigger plan, a change for now (the smaller Team would be one at renewal: requests-at-renewal.test.tsx).
  const enterprise = await screen.findByRole('article', { name: 'Enterprise' })
  await user.click(within(enterprise).getByRole('button', { name: 'Switch to Enterprise' }))
  expect(await screen.findByText('Switch to the Enterprise plan added to your change request.')).toBeInTheDocument()
  const sandbox = screen.getByRole('article', { name: 'Sandbox' })
  await user.clear(within(sandbox).getByRole('spinbutton', { name: 'New quantity of Sandbox' }))
  await user.type(within(sandbox).getByRole('spinbutton', { name: 'New quantity of Sandbox' }), '1')
  await user.click(within(sandbox).getByRole('button', { name: 'Add to request (Sandbox)' }))
  expect(await screen.findByText('Sandbox × 1 added to your change request.')).toBeInTheDocument()
  expect(within(sandbox).getByText('In your request')).toBeInTheDocument()

  await user.click(screen.getByRole('link', { name: 'Review request' }))
  const draft = await screen.findByRole('region', { name: 'Your request' })
  expect(await within(draft).findByText('Plan: Professional → Enterprise')).toBeInTheDocument()
  expect(within(draft).getByText('Sandbox × 1')).toBeInTheDocument()
  expect(useCartStore.getState().carts).toEqual({})
  expect(writes(log)).toEqual([])
})

test('the draft and its note survive a reload', async () => {
  const first = await renderApp('/', { as: 'viewer' })
  await askForSeats(first.user, '28')
  const note = await screen.findByRole('textbox', { name: 'Note for the billing admin (optional)' })
  await first.user.type(note, 'For the new shift')
  first.unmount()

  // A reload: this tab's memory is gone, storage is what is left.
  const stored = localStorage.getItem(REQUEST_DRAFT_STORAGE_KEY)
  useRequestDraftStore.setState({ drafts: {} })
  localStorage.setItem(REQUEST_DRAFT_STORAGE_KEY, stored ?? '')
  await useRequestDraftStore.persist.rehydrate()

  await renderApp('/requests', { as: 'viewer' })
  const draft = await screen.findByRole('region', { name: 'Your request' })
  expect(await within(draft).findByText('Seats: 25 → 28')).toBeInTheDocument()
  expect(within(draft).getByRole('textbox', { name: 'Note for the billing admin (optional)' })).toHaveValue(
    'For the new shift',
  )
})

test('signing out forgets the draft', async () => {
  const { user } = await renderApp('/', { as: 'viewer' })
  await askForSeats(user, '28')
  await screen.findByRole('region', { name: 'Your request' })

  await user.click(screen.getByRole('button', { name: 'Sign out' }))

  await screen.findByRole('button', { name: 'Sign in' })
  await waitFor(() => expect(localStorage.getItem(REQUEST_DRAFT_STORAGE_KEY) ?? '').not.toContain('"seats":28'))
  expect(useRequestDraftStore.getState().drafts).toEqual({})
})
