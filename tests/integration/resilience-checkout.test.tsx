/**
 * No double charge and no stale price across an outage. (cart.test.tsx covers idempotency keys,
 * double clicks and orders whose outcome is unknown on a healthy layer; this adds the breaker.)
 */
import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { beforeEach, expect, onTestFinished, test } from 'vitest'
import { db } from '../../mocks/db'
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
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { loadSavedCarts, OWNER_CART, storeCart } from '../support/saved-cart'
import { useScenario } from '../support/scenario'

beforeEach(loadSavedCarts)

const storeSeatChange = (seats: number) => storeCart(OWNER_CART, [{ type: 'seats', seats }])

const quotesInDb = () => db.snapshot().quotes

test('during an outage "Place order" is paused and sends nothing; after recovery the cart is priced afresh before it can be ordered', async () => {
  await storeSeatChange(30)
  const log = logRequests()
  const { user } = await renderApp('/cart')

  // Priced before the outage.
  expect(await screen.findByText(/^You will be charged \$[\d,.]+ now\.$/)).toBeInTheDocument()
  expect(quotesInDb()).toHaveLength(1)
  const priceBefore = quotesInDb()[0]?.quote.id

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
  const used = quotesInDb().filter((stored) => stored.usedByKey !== null)
  expect(used).toHaveLength(1)
  expect(used[0]?.quote.id).not.toBe(priceBefore)
  expect(used[0]?.usedByKey).toBe(orders[0]?.headers.get('Idempotency-Key'))
  expect(db.snapshot().orders).toHaveLength(1)
})

test("an order that commits after the client's time-out is shown being confirmed, never 'not placed', and then placed, with one order", async () => {
  // The provider takes 20 s over the order; the app stops waiting after its 15 s write time-out.
  await useScenario('healthy', { orderCommitMs: 20_000 })
  await storeSeatChange(30)
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

  // Real time: the write time-out is the app's own 15 s.
  expect(await screen.findByText('Your order is being confirmed', {}, { timeout: 18_000 })).toBeInTheDocument()
  expect(Date.now() - sentAt).toBeGreaterThanOrEqual(15_000)
  // The provider has it and is still processing it: nothing is charged yet, nothing is settled.
  expect(db.snapshot().orders.map((stored) => stored.order.status)).toEqual(['pending'])
  // A hang is one decisive failure: edits pause until the breaker's trial.
  expect(await screen.findByText(banners.autoMaintenance)).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Place order' })).toHaveAttribute('aria-disabled', 'true')

  // Past the breaker's wait (the wall clock, which the simulated provider reads too, moves on):
  // the provider has committed the order, and the check after the trial finds it.
  stopWallClock()
  advanceWallClock(9_000)
  expect(await screen.findByRole('heading', { name: 'Order placed' }, { timeout: 6_000 })).toBeInTheDocument()
  expect(sawNotPlaced).toBe(false)
  expect(requestsTo(log, '/api/orders', 'POST')).toHaveLength(1)
  const key = requestsTo(log, '/api/orders', 'POST')[0]?.headers.get('Idempotency-Key')
  expect(
    log
      .filter((request) => request.path.startsWith('/api/orders/by-key/'))
      .every((request) => request.path.endsWith(`/${key}`)),
  ).toBe(true)
  expect(db.snapshot().orders.map((stored) => stored.order.status)).toEqual(['completed'])
  await sleep(300) // the held answer, long given up on, changes nothing
  expect(db.snapshot().orders).toHaveLength(1)
  expect(db.snapshot().subscriptions.acc_acme?.seats.purchased).toBe(30)
}, 30_000)
