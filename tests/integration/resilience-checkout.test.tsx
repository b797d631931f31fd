/**
 * No double charge and no stale price across an outage, on the billing gateway and its simulated
 * Zuora. (cart.test.tsx covers idempotency keys, double clicks and orders whose outcome is unknown
 * on a healthy layer; this adds the breaker.)
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { beforeEach, expect, onTestFinished, test } from 'vitest'
import type { Order, Quote, Subscription } from '@/lib/api/schemas'
import { defaultTimeouts } from '../../gateway/context'
import { server } from '../../mocks/node'
import {
  advanceWallClock,
  banners,
  errorAnswer,
  reasons,
  requestsTo,
  returnToTab,
  sleep,
  stopWallClock,
} from '../support/faults'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { loadSavedCarts, OWNER_CART, storeCart } from '../support/saved-cart'
import { useScenario } from '../support/scenario'
import { testGateway } from '../support/test-gateway'

beforeEach(loadSavedCarts)

const storeSeatChange = (seats: number) => storeCart(OWNER_CART, [{ type: 'seats', seats }])

/** The ids of the quotes the gateway gave the page, from its answers, in order. */
function quotesGiven(): string[] {
  const ids: string[] = []
  server.events.on('response:mocked', ({ request, response }) => {
    if (request.method === 'POST' && new URL(request.url).pathname === '/api/quotes' && response.ok)
      void response
        .clone()
        .json()
        .then((quote: Quote) => ids.push(quote.id))
  })
  return ids
}

/** What the gateway keeps of an Acme quote: which order (Idempotency-Key) used it, if one did. */
async function storedQuote(id: string): Promise<{ usedByKey: string | null }> {
  const raw = await testGateway().gateway().deps.store.get(`quote:acc_acme:${id}`)
  if (raw === null) throw new Error(`The gateway keeps no quote ${id}`)
  return JSON.parse(raw) as { usedByKey: string | null }
}

/** The orders simulated Zuora has committed (by order number). */
const zuoraOrders = () => Object.keys(testGateway().simulator.control.exportState().state.orders)

/** The order placed with this Idempotency-Key, as the gateway answers it. */
async function orderByKey(key: string | null | undefined): Promise<Order> {
  const owner = await gatewayAs('owner')
  return owner.call<Order>('GET', `/orders/by-key/${key ?? ''}`)
}

test('during an outage "Place order" is paused and sends nothing; after recovery the cart is priced afresh before it can be ordered', async () => {
  await storeSeatChange(30)
  const ordersBefore = zuoraOrders()
  const quotes = quotesGiven()
  const log = logRequests()
  const { user } = await renderApp('/cart')

  // Priced before the outage (the file's first page: its code loads first, on a shared machine).
  expect(await screen.findByText(/^You will be charged \$[\d,.]+ now\.$/, {}, { timeout: 10_000 })).toBeInTheDocument()
  await waitFor(() => expect(quotes).toHaveLength(1))
  const priceBefore = quotes[0]

  // The provider goes down; the admin comes back to the tab a while later.
  server.use(
    http.get('*/api/subscription', () => errorAnswer(503)),
    http.post('*/api/quotes', () => errorAnswer(503)),
    http.post('*/api/orders', () => errorAnswer(503)),
  )
  stopWallClock()
  advanceWallClock(31_000)
  returnToTab()
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()

  const placeOrder = screen.getByRole('button', { name: 'Place order' })
  expect(placeOrder).toHaveAttribute('aria-disabled', 'true')
  expect(placeOrder).toHaveAccessibleDescription(reasons.breaker)
  // The price seen before is not offered as the one to pay.
  expect(screen.queryByText(/^You will be charged/)).not.toBeInTheDocument()
  const quoteSection = within(screen.getByRole('region', { name: 'Price quote' }))
  expect(
    quoteSection.getByText(
      'Unavailable: subscriptions and orders cannot be reached right now. We retry automatically.',
    ),
  ).toBeInTheDocument()
  await user.click(placeOrder)
  await sleep(200)
  expect(requestsTo(log, '/api/orders', 'POST')).toEqual([])
  // The cart is kept.
  expect(
    within(screen.getByRole('region', { name: 'Changes in your cart' })).getByRole('rowheader', {
      name: 'Seats: 25 → 30',
    }),
  ).toBeInTheDocument()

  // Billing comes back: the next probe closes the breaker and the cart is priced again.
  server.resetHandlers()
  const back = log.length
  advanceWallClock(9_000)
  expect(await screen.findByText(banners.recovered, {}, { timeout: 6_000 })).toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Resume your purchase (1 in cart)' })).toHaveAttribute('href', '/cart')
  expect(await screen.findByText(/^You will be charged \$[\d,.]+ now\.$/)).toBeInTheDocument()
  await waitFor(() => expect(placeOrder).toBeEnabled())
  expect(placeOrder).not.toHaveAttribute('aria-disabled')

  await user.click(placeOrder)
  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()

  const after = log.slice(back)
  const freshQuote = requestsTo(after, '/api/quotes', 'POST')
  const orders = requestsTo(after, '/api/orders', 'POST')
  expect(freshQuote).toHaveLength(1)
  expect(orders).toHaveLength(1)
  expect(freshQuote[0]!.at).toBeLessThan(orders[0]!.at)
  expect(requestsTo(log, '/api/orders', 'POST')).toHaveLength(1)
  // The order bought the fresh price, not the one from before the outage.
  const used = []
  for (const id of quotes) if ((await storedQuote(id)).usedByKey !== null) used.push(id)
  expect(used).toHaveLength(1)
  expect(used[0]).not.toBe(priceBefore)
  expect((await storedQuote(used[0]!)).usedByKey).toBe(orders[0]?.headers.get('Idempotency-Key'))
  expect(zuoraOrders()).toHaveLength(ordersBefore.length + 1)
})

test("an order that commits after the gateway's time-out is shown being confirmed, never 'not placed', and then placed, with one order", async () => {
  // The provider takes 20 s over the order; the gateway stops waiting after its order time-out
  // (12 s, before the app's own 15 s) and says the outcome is not known yet.
  await useScenario('healthy', { orderCommitMs: 20_000 })
  await storeSeatChange(30)
  const ordersBefore = zuoraOrders()
  let sawNotPlaced = false
  const observer = new MutationObserver(() => {
    if (document.body.textContent?.includes('The order was not placed')) sawNotPlaced = true
  })
  observer.observe(document.body, { childList: true, subtree: true, characterData: true })
  onTestFinished(() => observer.disconnect())
  const log = logRequests()
  const { user } = await renderApp('/cart')

  const placeOrder = await screen.findByRole('button', { name: 'Place order' })
  await waitFor(() => expect(placeOrder).toBeEnabled())
  const sentAt = Date.now()
  await user.click(placeOrder)
  expect(await screen.findByText('Placing your order…')).toBeInTheDocument()

  // Real time: said once the gateway has given up waiting, not before.
  expect(await screen.findByText('Your order is being confirmed', {}, { timeout: 18_000 })).toBeInTheDocument()
  expect(Date.now() - sentAt).toBeGreaterThanOrEqual(defaultTimeouts.orderMs)
  // The provider has it and is still processing it: nothing is charged yet, nothing is settled.
  const key = requestsTo(log, '/api/orders', 'POST')[0]?.headers.get('Idempotency-Key')
  expect(zuoraOrders()).toEqual(ordersBefore)
  expect((await orderByKey(key)).status).toBe('pending')
  // The gateway's answer (503: the provider is not responding) is a failure the app retries, not a
  // hang of its own (that one opens the app's breaker: resilience-faults.test.tsx): the banner says
  // billing is slow, and the order being confirmed keeps "Place order" shut until it is settled.
  expect(await screen.findByText(banners.slow)).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Place order' })).toBeDisabled()

  // The provider commits the order (20 s after it took it), and the app's next check finds it (its
  // checks back off: 2, 4, 8 s after the first, get-order-by-key.ts).
  expect(await screen.findByRole('heading', { name: 'Order placed' }, { timeout: 20_000 })).toBeInTheDocument()
  expect(sawNotPlaced).toBe(false)
  expect(requestsTo(log, '/api/orders', 'POST')).toHaveLength(1)
  expect(
    log
      .filter((request) => request.path.startsWith('/api/orders/by-key/'))
      .every((request) => request.path.endsWith(`/${key}`)),
  ).toBe(true)
  expect((await orderByKey(key)).status).toBe('completed')
  expect(zuoraOrders()).toHaveLength(ordersBefore.length + 1)
  await sleep(300) // the held answer, long given up on, changes nothing
  expect(zuoraOrders()).toHaveLength(ordersBefore.length + 1)
  const owner = await gatewayAs('owner')
  expect((await owner.call<Subscription>('GET', '/subscription')).seats.purchased).toBe(30)
}, 45_000)
