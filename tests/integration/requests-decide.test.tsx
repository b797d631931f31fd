/**
 * Decide: a billing admin approves (the change goes into their cart, gets a fresh quote and is
 * ordered through the normal checkout with its idempotency key; the request links to the order) or
 * declines with a reason. While the provider is down approving is paused, declining is not. On the
 * billing gateway: what it holds of a request is read from its own store, the order from it too.
 */
import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, expect, test } from 'vitest'
import { useCartStore } from '@/billing/cart-store'
import { useApprovalStore } from '@/features/requests/approval-store'
import type { Order, Subscription } from '@/lib/api/schemas'
import { orderItemsIn } from '@/billing/change-items'
import { seedRequest } from '../support/change-requests'
import { gatewayAs } from '../support/gateway-as'
import { OWNER_CART, storeCart } from '../support/saved-cart'
import { renderApp } from '../support/render-app'
import { logRequests, type LoggedRequest } from '../support/request-log'
import { useScenario } from '../support/scenario'
import { testGateway } from '../support/test-gateway'

/** The account's first request as the gateway holds it. */
const storedRequest = async () => (await testGateway().gateway().deps.own.read()).changeRequests?.[0]?.request

/** The order the app placed (its one POST /orders), as the gateway answers it by its idempotency key. */
async function placedOrder(log: LoggedRequest[]): Promise<Order> {
  const [sent] = posts(log, /^\/api\/orders$/)
  const key = sent?.headers.get('Idempotency-Key')
  if (!key) throw new Error('The app placed no order')
  return (await gatewayAs('owner')).call<Order>('GET', `/orders/by-key/${key}`)
}

beforeEach(async () => {
  await useCartStore.persist.rehydrate()
  await useApprovalStore.persist.rehydrate()
})

const posts = (log: ReturnType<typeof logRequests>, path: RegExp) =>
  log.filter((r) => r.method === 'POST' && path.test(r.path))

test('approving puts the change in the cart, which quotes and orders it once with its key, and the request links to the order', async () => {
  const request = await seedRequest()
  const { user } = await renderApp('/requests')
  const log = logRequests()

  const open = await screen.findByRole('region', { name: 'Open requests' })
  const card = await within(open).findByRole('article', { name: 'Seats: 25 → 30' })
  await user.click(within(card).getByRole('button', { name: 'Approve and order' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Cart' })).toBeInTheDocument()
  const items = await screen.findByRole('region', { name: 'Changes in your cart' })
  expect(within(items).getByRole('rowheader', { name: 'Seats: 25 → 30' })).toBeInTheDocument()
  const quote = await screen.findByRole('region', { name: 'Price quote' })
  expect(await within(quote).findByRole('rowheader', { name: 'Total due now' })).toBeInTheDocument()
  const placeOrder = screen.getByRole('button', { name: 'Place order' })
  await waitFor(() => expect(placeOrder).toBeEnabled())
  await user.click(placeOrder)

  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  const orders = posts(log, /^\/api\/orders$/)
  expect(orders).toHaveLength(1)
  expect(orders[0]?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/)
  const order = await placedOrder(log)
  await expect.poll(storedRequest).toMatchObject({ id: request.id, status: 'ordered', orderId: order.id })
  expect(posts(log, /\/approve$/)).toHaveLength(1)

  await user.click(screen.getByRole('link', { name: 'Requests' }))
  const earlier = await screen.findByRole('region', { name: 'Earlier requests' })
  expect(await within(earlier).findByText(`Approved by Ana Souza and ordered (order ${order.id})`)).toBeInTheDocument()
  // Measured from what the requester saw, not from the subscription the order already changed.
  expect(within(earlier).getByRole('article', { name: 'Seats: 25 → 30' })).toBeInTheDocument()
  expect(
    within(await screen.findByRole('region', { name: 'Open requests' })).getByText(
      'No request is waiting for a decision.',
    ),
  ).toBeInTheDocument()
  const owner = await gatewayAs('owner')
  expect((await owner.call<Subscription>('GET', '/subscription')).seats.purchased).toBe(30)
})

test('declining asks for a reason and records it with the request', async () => {
  await seedRequest()
  const { user } = await renderApp('/requests')

  const card = await within(await screen.findByRole('region', { name: 'Open requests' })).findByRole('article', {
    name: 'Seats: 25 → 30',
  })
  await user.click(within(card).getByRole('button', { name: 'Decline' }))
  await user.click(within(card).getByRole('button', { name: 'Decline request' }))
  expect(within(card).getByRole('textbox', { name: 'Why is it declined?' })).toHaveAccessibleDescription(
    expect.stringContaining('Say why, so the admin who asked knows.'),
  )
  await user.type(within(card).getByRole('textbox', { name: 'Why is it declined?' }), 'We hire in March.')
  await user.click(within(card).getByRole('button', { name: 'Decline request' }))

  const earlier = screen.getByRole('region', { name: 'Earlier requests' })
  expect(await within(earlier).findByText('Declined by Ana Souza: We hire in March.')).toBeInTheDocument()
  expect(await storedRequest()).toMatchObject({
    status: 'declined',
    declineReason: 'We hire in March.',
  })
})

test(
  'while the provider is down approving is paused with the reason, and declining still works',
  { timeout: 40_000 },
  async () => {
    await seedRequest()
    await useScenario('provider-down')
    const { user } = await renderApp('/requests')
    const log = logRequests()

    const card = await within(await screen.findByRole('region', { name: 'Open requests' })).findByRole('article', {
      name: 'Seats: 30 in total',
    })
    const approve = within(card).getByRole('button', { name: 'Approve and order' })
    // The gateway's report says the subscription is down after a few seconds of failing calls.
    await waitFor(() => expect(approve).toHaveAttribute('aria-disabled', 'true'), { timeout: 15_000 })
    expect(approve).toHaveAccessibleDescription(expect.stringMatching(/.+/))
    await user.click(approve)

    await user.click(within(card).getByRole('button', { name: 'Decline' }))
    await user.type(within(card).getByRole('textbox', { name: 'Why is it declined?' }), 'Ask again next month.')
    await user.click(within(card).getByRole('button', { name: 'Decline request' }))
    expect(await screen.findByText('Declined by Ana Souza: Ask again next month.')).toBeInTheDocument()

    expect(posts(log, /^\/api\/change-requests\//).map((r) => r.path)).toEqual([expect.stringMatching(/\/decline$/)])
    expect(useCartStore.getState().carts).toEqual({})
  },
)

test('an order that left the approved change out of the cart is not recorded as carrying it out', async () => {
  const request = await seedRequest()
  const { user } = await renderApp('/requests')
  const log = logRequests()
  const card = await within(await screen.findByRole('region', { name: 'Open requests' })).findByRole('article', {
    name: 'Seats: 25 → 30',
  })
  await user.click(within(card).getByRole('button', { name: 'Approve and order' }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Cart' })).toBeInTheDocument()

  // The admin takes the seats out and buys an add-on instead.
  await user.click(await screen.findByRole('button', { name: 'Remove (Seats: 25 → 30)' }))
  await user.click(screen.getByRole('link', { name: 'Plans and add-ons' }))
  const ai = await screen.findByRole('article', { name: 'Advanced AI' })
  const quantity = within(ai).getByRole('spinbutton', { name: 'New quantity of Advanced AI' })
  await user.clear(quantity)
  await user.type(quantity, '15')
  await user.click(within(ai).getByRole('button', { name: 'Add to cart (Advanced AI)' }))
  await user.click(screen.getByRole('link', { name: /^Cart/ }))
  const placeOrder = await screen.findByRole('button', { name: 'Place order' })
  await waitFor(() => expect(placeOrder).toBeEnabled())
  await user.click(placeOrder)
  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()

  const order = await placedOrder(log)
  await waitFor(() =>
    expect(useApprovalStore.getState().approvals[OWNER_CART]).toEqual([
      expect.objectContaining({ requestId: request.id, previousOrderId: order.id }),
    ]),
  )
  expect(await storedRequest()).toMatchObject({ id: request.id, status: 'approving' })
  expect((await storedRequest())?.orderId ?? null).toBeNull()
})

test('an approval the admin will not order can be put back to waiting: its change leaves their cart, and it can be approved again', async () => {
  const request = await seedRequest()
  const { user } = await renderApp('/requests')
  const card = async () =>
    within(await screen.findByRole('region', { name: 'Open requests' })).findByRole('article', {
      name: 'Seats: 25 → 30',
    })
  await user.click(within(await card()).getByRole('button', { name: 'Approve and order' }))
  expect(await screen.findByRole('rowheader', { name: 'Seats: 25 → 30' })).toBeInTheDocument()

  await user.click(screen.getByRole('link', { name: /^Requests/ }))
  expect(
    await within(await card()).findByText(
      'You approved it: the change is in your cart. Place the order there to finish.',
    ),
  ).toBeInTheDocument()
  await user.click(within(await card()).getByRole('button', { name: 'Put back to waiting' }))

  expect(
    await within(await card()).findByText('The request is waiting again. Its change was taken out of your cart.'),
  ).toBeInTheDocument()
  expect(within(await card()).getByText('Waiting for a billing admin')).toBeInTheDocument()
  expect(within(await card()).getByRole('button', { name: 'Approve and order' })).toBeInTheDocument()
  expect(useCartStore.getState().carts[OWNER_CART]?.items).toEqual([])
  expect(useApprovalStore.getState().approvals[OWNER_CART]).toEqual([])
  expect(await storedRequest()).toMatchObject({ id: request.id, status: 'waiting' })
})

test('an approval whose order is still being confirmed cannot be put back: that order may be the one carrying it', async () => {
  const request = await seedRequest()
  const owner = await gatewayAs('owner')
  await owner.call('POST', `/change-requests/${request.id}/approve`, { approvalKey: 'approval-key-1' })
  const items = orderItemsIn(request.items)
  useApprovalStore.getState().add(OWNER_CART, { requestId: request.id, previousOrderId: null, items })
  const sentAt = new Date().toISOString()
  await storeCart(OWNER_CART, items, {
    pendingOrder: {
      idempotencyKey: 'order-key-1',
      items,
      promoCode: null,
      quoteId: 'quote-1',
      status: 'unknown',
      submittedAt: sentAt,
    },
  })
  await renderApp('/requests')
  const card = await within(await screen.findByRole('region', { name: 'Open requests' })).findByRole('article', {
    name: 'Seats: 25 → 30',
  })
  expect(
    await within(card).findByText('You approved it: the change is in your cart. Place the order there to finish.'),
  ).toBeInTheDocument()
  expect(within(card).queryByRole('button', { name: 'Put back to waiting' })).not.toBeInTheDocument()
})
