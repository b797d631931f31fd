/**
 * See: the requester follows their requests and where each stands; a billing admin sees the
 * account's open requests, counted in the navigation. The requests are made and decided through the
 * billing gateway, as the people would have (tests/support/change-requests.ts).
 */
import { screen, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { orderDirectly, seedRequest } from '../support/change-requests'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { useScenario } from '../support/scenario'

/** What the owner (a billing admin) decides on a request, through the gateway. */
async function ownerDecides(requestId: string, decision: 'decline' | 'approve' | 'order', body: object) {
  const owner = await gatewayAs('owner')
  await owner.call('POST', `/change-requests/${requestId}/${decision}`, body)
}

test('the requester sees each of their requests with its state, during an outage too', async () => {
  const waiting = await seedRequest({ note: 'For the night shift' })
  const declined = await seedRequest({
    items: [{ type: 'addon', addonId: 'addon_sandbox', quantity: 1 }],
    note: null,
  })
  await ownerDecides(declined.id, 'decline', { reason: 'No sandbox this quarter.' })
  const withdrawn = await seedRequest({ items: [{ type: 'seats', seats: 27 }] })
  await (await gatewayAs('viewer')).call('POST', `/change-requests/${withdrawn.id}/withdraw`)
  const ordered = await seedRequest({ items: [{ type: 'addon', addonId: 'addon_storage', quantity: 3 }] })
  await ownerDecides(ordered.id, 'approve', { approvalKey: 'approval-key-1' })
  const order = await orderDirectly(ordered.items, 'order-key-1')
  await ownerDecides(ordered.id, 'order', { orderId: order.id })
  await useScenario('provider-down')

  await renderApp('/requests', { as: 'viewer' })

  const mine = await screen.findByRole('region', { name: 'Your requests' })
  const card = async (name: string) => within(mine).findByRole('article', { name })
  // The subscription cannot be read now, so each change still to decide says its new total rather
  // than from → to.
  expect(within(await card('Seats: 30 in total')).getByText('Waiting for a billing admin')).toBeInTheDocument()
  expect(within(await card('Seats: 30 in total')).getByText('Note: For the night shift')).toBeInTheDocument()
  expect(
    within(await card('Sandbox × 1')).getByText('Declined by Ana Souza: No sandbox this quarter.'),
  ).toBeInTheDocument()
  // A decided one is measured from what its requester saw when asking, which the outage does not hide.
  expect(within(await card('Seats: 25 → 27')).getByText('Withdrawn')).toBeInTheDocument()
  expect(
    within(await card('Extra storage pack × 3')).getByText(`Approved by Ana Souza and ordered (order ${order.id})`),
  ).toBeInTheDocument()
  expect(
    within(await card('Seats: 30 in total')).getByText('Estimate: +$245.00 a month at list prices'),
  ).toBeInTheDocument()
  // Only a waiting request can be withdrawn.
  expect(within(mine).getAllByRole('button', { name: 'Withdraw' })).toHaveLength(1)
  expect(waiting.status).toBe('waiting')
  expect(screen.getByRole('link', { name: 'Requests' })).toBeInTheDocument()
})

test('the requester withdraws a waiting request', async () => {
  await seedRequest()
  const { user } = await renderApp('/requests', { as: 'viewer' })

  const mine = await screen.findByRole('region', { name: 'Your requests' })
  await user.click(await within(mine).findByRole('button', { name: 'Withdraw' }))
  expect(await within(mine).findByText('Withdrawn')).toBeInTheDocument()
  expect(within(mine).queryByRole('button', { name: 'Withdraw' })).not.toBeInTheDocument()
})

test("a billing admin sees the account's open requests, counted in the navigation, and the decided ones apart", async () => {
  await seedRequest()
  await seedRequest({ items: [{ type: 'plan', planId: 'plan_enterprise' }], note: 'We need SSO.' })
  const declined = await seedRequest({ items: [{ type: 'seats', seats: 40 }] })
  await ownerDecides(declined.id, 'decline', { reason: 'Too many.' })

  const { user } = await renderApp('/')
  const nav = await screen.findByRole('navigation', { name: 'Billing' })
  const link = await within(nav).findByRole('link', { name: 'Requests (2)' })
  expect(link).toHaveAttribute('href', '/requests')

  await user.click(link)
  const open = await screen.findByRole('region', { name: 'Open requests' })
  expect(await within(open).findByRole('article', { name: 'Seats: 25 → 30' })).toBeInTheDocument()
  const plan = within(open).getByRole('article', { name: 'Plan: Professional → Enterprise' })
  expect(within(plan).getByText(/^Asked by Bruno Lima on /)).toBeInTheDocument()
  expect(within(plan).getByText('Note: We need SSO.')).toBeInTheDocument()
  expect(within(open).getAllByRole('button', { name: 'Approve and order' })).toHaveLength(2)
  const earlier = screen.getByRole('region', { name: 'Earlier requests' })
  expect(within(earlier).getByText('Declined by Ana Souza: Too many.')).toBeInTheDocument()
})

test('the navigation shows no count when nothing waits', async () => {
  await renderApp('/')
  const nav = await screen.findByRole('navigation', { name: 'Billing' })
  expect(await within(nav).findByRole('link', { name: 'Requests' })).toBeInTheDocument()
})

test('operators, who neither ask nor decide, have no requests in the navigation', async () => {
  await renderApp('/status', { as: 'operator' })
  const nav = await screen.findByRole('navigation', { name: 'Billing' })
  expect(within(nav).getByRole('link', { name: 'Billing status' })).toBeInTheDocument()
  expect(within(nav).queryByRole('link', { name: /^Requests/ })).not.toBeInTheDocument()
})
