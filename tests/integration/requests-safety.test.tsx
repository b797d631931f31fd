/**
 * Safety: a request is ordered once however it is approved (a double click, another tab), and one
 * whose change no longer fits the subscription says so instead of ordering. (Only billing admins
 * may approve or decline: the gateway's 403 is in tests/gateway/gateway-change-requests.test.ts.)
 * On the billing gateway; what another tab or admin does goes to it directly (gatewayAs).
 */
import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, expect, test } from 'vitest'
import { useCartStore } from '@/billing/cart-store'
import { useApprovalStore } from '@/features/requests/approval-store'
import type { Subscription } from '@/lib/api/schemas'
import { orderDirectly, seedRequest } from '../support/change-requests'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { testGateway } from '../support/test-gateway'

/** The state of the account's first request, as the gateway holds it. */
const firstRequestStatus = async () =>
  (await testGateway().gateway().deps.own.read()).changeRequests?.[0]?.request.status

beforeEach(async () => {
  await useCartStore.persist.rehydrate()
  await useApprovalStore.persist.rehydrate()
})

const posts = (log: ReturnType<typeof logRequests>, path: RegExp) =>
  log.filter((r) => r.method === 'POST' && path.test(r.path))
const openCard = async (name: string) =>
  within(await screen.findByRole('region', { name: 'Open requests' })).findByRole('article', { name })

test('a double click on Approve approves once and orders once', async () => {
  await seedRequest()
  const { user } = await renderApp('/requests')
  const log = logRequests()

  await user.dblClick(within(await openCard('Seats: 25 → 30')).getByRole('button', { name: 'Approve and order' }))
  const placeOrder = await screen.findByRole('button', { name: 'Place order' })
  await waitFor(() => expect(placeOrder).toBeEnabled())
  await user.dblClick(placeOrder)

  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  await expect.poll(firstRequestStatus).toBe('ordered')
  expect(posts(log, /\/approve$/)).toHaveLength(1)
  expect(posts(log, /^\/api\/orders$/)).toHaveLength(1)
  const owner = await gatewayAs('owner')
  expect((await owner.call<Subscription>('GET', '/subscription')).seats.purchased).toBe(30)
})

test('a request another tab approved meanwhile is not approved again, and nothing goes into this cart', async () => {
  const request = await seedRequest()
  const { user } = await renderApp('/requests')
  const card = await openCard('Seats: 25 → 30')
  const otherTab = await gatewayAs('owner')
  await otherTab.call('POST', `/change-requests/${request.id}/approve`, { approvalKey: 'the-other-tab' })
  const log = logRequests()

  await user.click(within(card).getByRole('button', { name: 'Approve and order' }))

  expect(
    await screen.findByText(
      'This request was approved or declined meanwhile (another tab or another billing admin). The list is up to date now.',
    ),
  ).toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 1, name: 'Change requests' })).toBeInTheDocument()
  expect(await within(card).findByText('Approved by Ana Souza: being ordered')).toBeInTheDocument()
  expect(useCartStore.getState().carts).toEqual({})
  expect(posts(log, /^\/api\/(orders|quotes)$/)).toEqual([])
})

test('a request asked on a plan that has changed since says so and offers only declining', async () => {
  await seedRequest()
  await orderDirectly([{ type: 'plan', planId: 'plan_enterprise' }], 'plan-change')
  await renderApp('/requests')

  const card = await openCard('Seats: 25 → 30')
  expect(
    await within(card).findByText(
      'This request no longer makes sense: the plan was changed after it was asked. Decline it, and the admin can ask again.',
    ),
  ).toBeInTheDocument()
  expect(within(card).queryByRole('button', { name: 'Approve and order' })).not.toBeInTheDocument()
  expect(within(card).getByRole('button', { name: 'Decline' })).toBeEnabled()
})

test('a request for fewer seats than are in use says so', async () => {
  await seedRequest({ items: [{ type: 'seats', seats: 20 }] })
  await renderApp('/requests')

  const card = await openCard('Seats: 25 → 20')
  expect(
    await within(card).findByText('This request no longer makes sense: it asks for fewer seats than the 21 in use.'),
  ).toBeInTheDocument()
  expect(within(card).queryByRole('button', { name: 'Approve and order' })).not.toBeInTheDocument()
})

test('a change that went stale after the page loaded is caught when approving, before anything is taken', async () => {
  await seedRequest()
  const { user } = await renderApp('/requests')
  const card = await openCard('Seats: 25 → 30')
  const approve = within(card).getByRole('button', { name: 'Approve and order' })
  await waitFor(() => expect(approve).toBeEnabled())
  await orderDirectly([{ type: 'plan', planId: 'plan_team' }], 'plan-change-elsewhere')
  const log = logRequests()

  await user.click(approve)

  expect(await within(card).findByText(/^This request no longer makes sense: the plan was changed/)).toBeInTheDocument()
  expect(posts(log, /\/approve$/)).toEqual([])
  expect(await firstRequestStatus()).toBe('waiting')
  expect(useCartStore.getState().carts).toEqual({})
})
