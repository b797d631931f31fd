import { act, render, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, expect, onTestFinished, test } from 'vitest'
import { App } from '@/app/app'
import { CART_STORAGE_KEY, useCartStore, type Cart } from '@/billing/cart-store'
import type { Order, OrderItem, Quote } from '@/lib/api/schemas'
import { COMMIT_WINDOW_MS } from '@/features/cart/use-checkout'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { mockOrigin } from '../../mocks/api-base'
import { pageCookieHeaders } from '../../mocks/in-page/in-page-gateway'
import { server } from '../../mocks/node'
import { advanceWallClock, gate, stopWallClock } from '../support/faults'
import { gatewayAs } from '../support/gateway-as'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'
import { cartsSavedInAnotherTab, cartWith, loadSavedCarts, storeCart, storeCarts } from '../support/saved-cart'
import { useScenario } from '../support/scenario'
import { testGateway } from '../support/test-gateway'

// The cart store lives as long as the test file: start each test from what storage holds (nothing).
beforeEach(loadSavedCarts)

const OWNER = 'usr_ana:acc_acme'
const VIEWER = 'usr_bruno:acc_acme'

const placeOrderButton = async () => {
  const button = await screen.findByRole('button', { name: 'Place order' })
  await waitFor(() => expect(button).toBeEnabled())
  return button
}

/** The cart's own list (the quote has rows of the same names). */
const cartItem = async (name: string) =>
  within(await screen.findByRole('region', { name: 'Changes in your cart' })).findByRole('rowheader', { name })

/** An answer cut off on the way (a proxy dropped the connection): unreadable, never retried, its outcome unknown. */
const lostAnswer = () =>
  new HttpResponse('{"id": "ord_', { status: 200, headers: { 'Content-Type': 'application/json' } })

const orderPosts = (log: ReturnType<typeof logRequests>) =>
  log.filter((r) => r.method === 'POST' && r.path === '/api/orders')
const lookups = (log: ReturnType<typeof logRequests>) => log.filter((r) => r.path.startsWith('/api/orders/by-key/'))

const notPlacedTitle = 'The order was not placed'

/** The orders simulated Zuora has committed (by order number). */
const zuoraOrders = () => Object.keys(testGateway().simulator.control.exportState().state.orders)

/** The order placed under this Idempotency-Key, as the gateway answers it to the owner. */
async function orderByKey(key: string | null | undefined): Promise<Order> {
  const owner = await gatewayAs('owner')
  return owner.call<Order>('GET', `/orders/by-key/${key ?? ''}`)
}

/**
 * The app's request handed on to this test's gateway as it left the page (its session cookie), for
 * an override that lets the order through and then loses or replaces the answer.
 */
async function handOn(request: Request): Promise<Response> {
  const url = new URL(request.url)
  const headers = new Headers(request.headers)
  headers.delete('cookie')
  headers.set('Origin', mockOrigin)
  headers.set(pageCookieHeaders.request, document.cookie)
  return testGateway()
    .gateway()
    .fetch(
      new Request(`${mockOrigin}${url.pathname}${url.search}`, {
        method: request.method,
        headers,
        body: await request.text(),
      }),
    )
}

/** Hands the order on and waits until the gateway has it under its key (Zuora may still be at work on it). */
async function orderReachesGateway(request: Request): Promise<void> {
  const key = request.headers.get('Idempotency-Key') ?? ''
  const answer = handOn(request)
  const owner = await gatewayAs('owner')
  for (;;) {
    const found = await Promise.race([owner.send('GET', `/orders/by-key/${key}`), answer])
    if (found.ok) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Whether a text ever showed, even briefly, from now on (a "not placed" that flashes counts). */
function watchFor(text: string): { seen: boolean } {
  const watch = { seen: false }
  const look = () => {
    if (document.body.textContent?.includes(text)) watch.seen = true
  }
  const observer = new MutationObserver(look)
  observer.observe(document.body, { childList: true, subtree: true, characterData: true })
  onTestFinished(() => observer.disconnect())
  look()
  return watch
}

/**
 * Web Locks as browsers have them (happy-dom has none): one holder per name at a time, the others
 * queued in order; `ifAvailable` gets null when it is held. Returns the names asked for.
 */
function installWebLocks(): string[] {
  const asked: string[] = []
  const tails = new Map<string, Promise<unknown>>()
  const held = new Set<string>()
  type Callback = (lock: { name: string } | null) => unknown
  const request = (name: string, optionsOrCallback: { ifAvailable?: boolean } | Callback, maybeCallback?: Callback) => {
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback
    const ifAvailable = typeof optionsOrCallback === 'object' && optionsOrCallback.ifAvailable === true
    if (!callback) throw new TypeError('a callback is needed')
    asked.push(name)
    if (ifAvailable && held.has(name)) return Promise.resolve(callback(null))
    const run = (tails.get(name) ?? Promise.resolve()).then(async () => {
      held.add(name)
      try {
        return await callback({ name })
      } finally {
        held.delete(name)
      }
    })
    tails.set(
      name,
      run.catch(() => undefined),
    )
    return run
  }
  Object.defineProperty(navigator, 'locks', { value: { request }, configurable: true })
  onTestFinished(() => {
    delete (navigator as { locks?: unknown }).locks
  })
  return asked
}

test('an empty cart says so and points to the subscription and the plans', async () => {
  await renderApp('/cart')

  const items = await screen.findByRole('region', { name: 'Changes in your cart' })
  expect(within(items).getByText('Your cart is empty.')).toBeInTheDocument()
  expect(within(items).getByRole('link', { name: 'Change seats on your subscription' })).toHaveAttribute('href', '/')
  expect(within(items).getByRole('link', { name: 'Browse plans and add-ons' })).toHaveAttribute('href', '/plans')
  expect(screen.queryByRole('region', { name: 'Price quote' })).not.toBeInTheDocument()
  expect(screen.queryByRole('button', { name: 'Place order' })).not.toBeInTheDocument()
})

test('a seat change goes from the subscription through the cart to an updated subscription', async () => {
  const { user } = await renderApp('/')
  const log = logRequests()

  await user.click(await screen.findByRole('button', { name: 'Change seats' }))
  const seats = await screen.findByRole('spinbutton', { name: 'New total seats' })
  await user.clear(seats)
  await user.type(seats, '30')
  await user.click(screen.getByRole('button', { name: 'Add to cart' }))

  expect(await cartItem('Seats: 25 → 30')).toBeInTheDocument()
  const quote = await screen.findByRole('region', { name: 'Price quote' })
  expect(await within(quote).findByRole('rowheader', { name: 'Total due now' })).toBeInTheDocument()
  expect(within(quote).getByRole('rowheader', { name: 'Tax (0%)' })).toBeInTheDocument()
  expect(within(quote).getByText(/^Prorated from .+ to the end of the current period on /)).toBeInTheDocument()
  expect(screen.getByText(/^You will be charged \$[\d,.]+ now\.$/)).toBeInTheDocument()

  await user.click(await placeOrderButton())

  const confirmation = await screen.findByRole('heading', { name: 'Order placed' })
  await waitFor(() => expect(confirmation).toHaveFocus())
  expect(screen.getByText(/^Order O-[0-9A-F]+ for \$[\d,.]+ is confirmed\./)).toBeInTheDocument()
  expect(screen.getByText('Your cart is empty.')).toBeInTheDocument()

  const [order] = orderPosts(log)
  expect(orderPosts(log)).toHaveLength(1)
  expect(order?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/)
  const { invoiceId } = await orderByKey(order?.headers.get('Idempotency-Key'))
  expect(invoiceId).not.toBeNull()
  expect(screen.getByRole('link', { name: 'View the invoice' })).toHaveAttribute('href', `/invoices/${invoiceId}`)

  await user.click(screen.getByRole('link', { name: 'Back to your subscription' }))
  const overview = await screen.findByRole('region', { name: 'Overview' })
  await waitFor(() => expect(within(overview).getByText('Seats purchased').nextElementSibling).toHaveTextContent('30'))
  expect(within(overview).getByText('21 of 30')).toBeInTheDocument()
})

test('a double click on "Place order" sends one order', async () => {
  const ordersBefore = zuoraOrders()
  await storeCart(OWNER, [{ type: 'seats', seats: 28 }])
  await renderApp('/cart')
  const log = logRequests()

  const button = await placeOrderButton()
  // Both clicks land before React re-renders (and disables the button): the store is the guard.
  act(() => {
    button.click()
    button.click()
  })

  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  expect(orderPosts(log)).toHaveLength(1)
  expect(zuoraOrders()).toHaveLength(ordersBefore.length + 1)
})

test('an unknown promo code is a field error in either language, and a valid one is applied', async () => {
  await storeCart(OWNER, [{ type: 'seats', seats: 30 }])
  const { user } = await renderApp('/cart')

  const promo = await screen.findByRole('textbox', { name: 'Promo code' })
  await user.type(promo, 'nope')
  await user.click(screen.getByRole('button', { name: 'Apply' }))
  await waitFor(() =>
    expect(promo).toHaveAccessibleDescription(
      'This promo code is not valid. Check the spelling, or continue without it.',
    ),
  )
  expect(promo).toHaveAttribute('aria-invalid', 'true')
  expect(promo).toHaveFocus()
  // The quote on screen is still the valid one, and the order can still be placed without the code.
  expect(await placeOrderButton()).toBeEnabled()

  act(() => useLocaleStore.getState().setLocale('pt-BR'))
  const promoPt = await screen.findByRole('textbox', { name: 'Código promocional' })
  await user.click(screen.getByRole('button', { name: 'Aplicar' }))
  await waitFor(() =>
    expect(promoPt).toHaveAccessibleDescription(
      'Este código promocional não é válido. Confira a grafia ou continue sem ele.',
    ),
  )

  act(() => useLocaleStore.getState().setLocale('en'))
  const promoEn = await screen.findByRole('textbox', { name: 'Promo code' })
  await user.clear(promoEn)
  await user.type(promoEn, 'save10')
  await user.click(screen.getByRole('button', { name: 'Apply' }))
  expect(await screen.findByText('Promo code SAVE10 applied.')).toBeInTheDocument()
  const quote = screen.getByRole('region', { name: 'Price quote' })
  expect(await within(quote).findByRole('rowheader', { name: 'Discount (SAVE10)' })).toBeInTheDocument()
})

test('the cart survives a reload', async () => {
  const { user, unmount } = await renderApp('/plans')
  // (A cheaper plan would be scheduled for the renewal, not put in the cart.)
  await user.click(await screen.findByRole('button', { name: 'Switch to Enterprise' }))
  await user.click(screen.getByRole('link', { name: 'Review cart' }))
  expect(await cartItem('Plan: Professional → Enterprise')).toBeInTheDocument()

  unmount()
  // As a fresh page load would: the carts are replaced by what storage holds.
  expect(localStorage.getItem(CART_STORAGE_KEY)).toContain('plan_enterprise')
  await loadSavedCarts()
  render(<App initialPath="/cart" />)

  expect(await cartItem('Plan: Professional → Enterprise')).toBeInTheDocument()
})

test('a cart read back from storage is checked: a bad one is dropped, not crashed on', async () => {
  await storeCarts({ [OWNER]: { items: [{ type: 'seats', seats: -4 }] } as unknown as Cart })
  await renderApp('/cart')

  expect(await screen.findByText('Your cart is empty.')).toBeInTheDocument()
})

test('a change made in another tab shows up in this one', async () => {
  await renderApp('/cart')
  expect(await screen.findByText('Your cart is empty.')).toBeInTheDocument()

  cartsSavedInAnotherTab({ [OWNER]: cartWith([{ type: 'seats', seats: 40 }]) })

  expect(await cartItem('Seats: 25 → 40')).toBeInTheDocument()
})

test('an order whose answer is lost is "being confirmed", then settled by its key without a second order', async () => {
  const ordersBefore = zuoraOrders()
  await storeCart(OWNER, [{ type: 'seats', seats: 27 }])
  // The provider places the order, then its answer is lost on the way (cut off: unreadable, so not
  // retried: its outcome is unknown).
  server.use(
    http.post(
      '*/api/orders',
      async ({ request }) => {
        await handOn(request)
        return lostAnswer()
      },
      { once: true },
    ),
    http.get(
      '*/api/orders/by-key/:key',
      () => HttpResponse.json({ error: { code: 'internal', message: 'busy' } }, { status: 500 }),
      {
        once: true,
      },
    ),
  )
  const { user } = await renderApp('/cart')
  const log = logRequests()

  await user.click(await placeOrderButton())

  expect(await screen.findByText('Your order is being confirmed')).toBeInTheDocument()
  expect(await screen.findByText(/^We could not check yet:/)).toBeInTheDocument()
  // Nothing can be changed or sent again while the outcome is unknown.
  expect(screen.getByRole('button', { name: 'Place order' })).toBeDisabled()
  expect(screen.getByRole('button', { name: 'Remove (Seats: 25 → 27)' })).toBeDisabled()
  expect(screen.getByRole('spinbutton', { name: 'New total seats' })).toBeDisabled()

  await user.click(screen.getByRole('button', { name: 'Check again' }))

  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  expect(orderPosts(log)).toHaveLength(1)
  const checks = log.filter((r) => r.path.startsWith('/api/orders/by-key/'))
  expect(checks).toHaveLength(2)
  expect(checks[0]?.path).toBe(`/api/orders/by-key/${orderPosts(log)[0]?.headers.get('Idempotency-Key')}`)
  expect(zuoraOrders()).toHaveLength(ordersBefore.length + 1)
})

test('a gateway error on the order is retried under the same key: placed on the first click, once', async () => {
  const ordersBefore = zuoraOrders()
  await storeCart(OWNER, [{ type: 'seats', seats: 27 }])
  // The provider places the order, but the gateway loses the answer; the retry gets the same order back.
  server.use(
    http.post(
      '*/api/orders',
      async ({ request }) => {
        await handOn(request)
        return HttpResponse.json({ error: { code: 'bad_gateway', message: 'Bad gateway' } }, { status: 502 })
      },
      { once: true },
    ),
  )
  const { user } = await renderApp('/cart')
  const log = logRequests()

  await user.click(await placeOrderButton())

  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  const posts = orderPosts(log)
  expect(posts).toHaveLength(2)
  expect(new Set(posts.map((post) => post.headers.get('Idempotency-Key'))).size).toBe(1)
  expect(zuoraOrders()).toHaveLength(ordersBefore.length + 1)
  expect(screen.queryByText('Your order is being confirmed')).not.toBeInTheDocument()
})

test('an unconfirmed order is checked on the next visit; if it never went through it is placed again under the same key', async () => {
  const ordersBefore = zuoraOrders()
  server.use(
    http.post('*/api/orders', () => lostAnswer(), {
      once: true,
    }),
    http.get(
      '*/api/orders/by-key/:key',
      () => HttpResponse.json({ error: { code: 'internal', message: 'busy' } }, { status: 500 }),
      {
        once: true,
      },
    ),
  )
  await storeCart(OWNER, [{ type: 'seats', seats: 26 }])
  const log = logRequests()
  const { user, unmount } = await renderApp('/cart')
  await user.click(await placeOrderButton())
  expect(await screen.findByText(/^We could not check yet:/)).toBeInTheDocument()

  // A reload, once the provider can no longer be processing it: the check runs by itself, and its
  // "none under this key" is now definitive.
  unmount()
  stopWallClock()
  advanceWallClock(COMMIT_WINDOW_MS)
  render(<App initialPath="/cart" />)
  expect(
    await screen.findByText('The order did not go through and nothing was charged. You can place it again.'),
  ).toBeInTheDocument()

  await user.click(await placeOrderButton())
  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  const keys = orderPosts(log).map((request) => request.headers.get('Idempotency-Key'))
  expect(keys).toHaveLength(2)
  expect(keys[1]).toBe(keys[0])
  expect(zuoraOrders()).toHaveLength(ordersBefore.length + 1)
})

test('an order cut off by a reload while it was being sent is checked, and found', async () => {
  const key = crypto.randomUUID()
  const items: OrderItem[] = [{ type: 'seats', seats: 29 }]
  // The request reached the provider, then the tab was reloaded before the answer came.
  const owner = await gatewayAs('owner')
  const quote = await owner.call<Quote>('POST', '/quotes', { items, promoCode: null })
  await owner.call('POST', '/orders', { items, promoCode: null, quoteId: quote.id }, { 'Idempotency-Key': key })
  const longAgo = new Date(Date.now() - 60_000).toISOString()
  await storeCart(OWNER, items, {
    pendingOrder: {
      idempotencyKey: key,
      items,
      promoCode: null,
      quoteId: quote.id,
      status: 'submitting',
      submittedAt: longAgo,
    },
  })
  const log = logRequests()
  await renderApp('/cart')

  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  expect(log.filter((r) => r.path === `/api/orders/by-key/${key}`)).toHaveLength(1)
  expect(orderPosts(log)).toEqual([])
})

test('an expired quote is refreshed and said so; the next try is a new purchase intent with a new key', async () => {
  server.use(
    http.post(
      '*/api/orders',
      () =>
        HttpResponse.json({ error: { code: 'quote_expired', message: 'This quote has expired.' } }, { status: 409 }),
      { once: true },
    ),
  )
  await storeCart(OWNER, [{ type: 'addon', addonId: 'addon_storage', quantity: 3 }])
  const { user } = await renderApp('/cart')
  const log = logRequests()

  await user.click(await placeOrderButton())
  expect(
    await screen.findByText(
      'The price changed or the quote expired, so nothing was charged. We got a new quote: review it and place the order again.',
    ),
  ).toBeInTheDocument()
  await waitFor(() => expect(log.filter((r) => r.path === '/api/quotes').length).toBeGreaterThanOrEqual(2))
  expect(await cartItem('Extra storage pack: 2 → 3')).toBeInTheDocument()

  await user.click(await placeOrderButton())
  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  const keys = orderPosts(log).map((request) => request.headers.get('Idempotency-Key'))
  expect(keys).toHaveLength(2)
  expect(keys[1]).not.toBe(keys[0])
})

test('a failed quote shows the section error while the items stay', async () => {
  server.use(
    http.post('*/api/quotes', () =>
      HttpResponse.json({ error: { code: 'internal', message: 'down' } }, { status: 500 }),
    ),
  )
  await storeCart(OWNER, [
    { type: 'seats', seats: 30 },
    { type: 'plan', planId: 'plan_enterprise' },
  ])
  await renderApp('/cart')

  const quote = await screen.findByRole('region', { name: 'Price quote' })
  expect(await within(quote).findByText('Price quote is unavailable right now.')).toBeInTheDocument()
  expect(await cartItem('Seats: 25 → 30')).toBeInTheDocument()
  expect(await cartItem('Plan: Professional → Enterprise')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Place order' })).toBeDisabled()
  expect(screen.getByText('You can place the order once the price above is up to date.')).toBeInTheDocument()
})

test('editing a quantity in the cart prices the new total; removing an item takes it out', async () => {
  await storeCart(OWNER, [
    { type: 'seats', seats: 30 },
    { type: 'addon', addonId: 'addon_advanced_ai', quantity: 12 },
  ])
  const { user } = await renderApp('/cart')

  const seats = await screen.findByRole('spinbutton', { name: 'New total seats' })
  await user.clear(seats)
  await user.type(seats, '10')
  await user.tab()
  expect(seats).toHaveAccessibleDescription('Keep at least 21 seats: 21 agents are using seats.')

  await user.clear(seats)
  await user.type(seats, '35')
  await user.tab()
  expect(await cartItem('Seats: 25 → 35')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Remove (Advanced AI: 10 → 12)' }))
  await waitFor(() => expect(screen.queryByRole('rowheader', { name: /Advanced AI/ })).not.toBeInTheDocument())
  expect(useCartStore.getState().carts[OWNER]?.items).toEqual([{ type: 'seats', seats: 35 }])
})

test('the viewer sees the cart with every action disabled and the reason', async () => {
  await storeCart(VIEWER, [{ type: 'seats', seats: 30 }])
  await renderApp('/cart', { as: 'viewer' })
  const log = logRequests()

  expect(await cartItem('Seats: 25 → 30')).toBeInTheDocument()
  const reason = 'Only billing admins can change this'
  const placeOrder = screen.getByRole('button', { name: 'Place order' })
  expect(placeOrder).toHaveAttribute('aria-disabled', 'true')
  expect(placeOrder).toHaveAccessibleDescription(reason)
  expect(screen.getByRole('button', { name: 'Remove (Seats: 25 → 30)' })).toHaveAttribute('aria-disabled', 'true')
  expect(screen.getByRole('spinbutton', { name: 'New total seats' })).toBeDisabled()
  expect(within(screen.getByRole('region', { name: 'Price quote' })).getByText(reason)).toBeInTheDocument()
  expect(log.filter((request) => request.method === 'POST')).toEqual([])
})

test('two tabs placing the same cart send one key', async () => {
  const ordersBefore = zuoraOrders()
  const locks = installWebLocks()
  await storeCart(OWNER, [{ type: 'seats', seats: 28 }])
  const held = gate()
  server.use(
    http.post('*/api/orders', async () => {
      await held.opened
      return undefined // then the backend answers as usual
    }),
  )
  const log = logRequests()
  // Two tabs of one browser: two apps on one localStorage.
  const { user, container: first } = await renderApp('/cart')
  const { container: second } = render(<App initialPath="/cart" />)
  const placeOrderIn = async (tab: HTMLElement) => {
    const button = await within(tab).findByRole('button', { name: 'Place order' })
    await waitFor(() => expect(button).toBeEnabled())
    return button
  }
  await placeOrderIn(second)
  const before = useCartStore.getState().carts

  await user.click(await placeOrderIn(first))
  await waitFor(() => expect(orderPosts(log)).toHaveLength(1))
  // The second tab has not heard of it yet (its storage event is still on its way): in this one
  // document the tabs share a store, so put the cart it holds back to what it was, and the one
  // storage holds back to the first tab's order.
  const stored = localStorage.getItem(CART_STORAGE_KEY) ?? ''
  expect(stored).toContain('"status":"submitting"')
  act(() => useCartStore.setState({ carts: before }))
  localStorage.setItem(CART_STORAGE_KEY, stored)

  await user.click(await placeOrderIn(second))
  // Under the cart's lock the second tab read the first tab's order, and sent nothing of its own.
  expect(await within(second).findByText('Placing your order…')).toBeInTheDocument()
  expect(locks.filter((name) => name.startsWith('billing-checkout:'))).toEqual([
    `billing-checkout:${OWNER}`,
    `billing-checkout:${OWNER}`,
  ])

  held.open()
  expect(await within(first).findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  expect(await within(second).findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  expect(orderPosts(log)).toHaveLength(1)
  expect(zuoraOrders()).toHaveLength(ordersBefore.length + 1)
})

test('a pending lookup keeps "being confirmed"', async () => {
  const ordersBefore = zuoraOrders()
  await useScenario('healthy', { orderCommitMs: 10_000 })
  await storeCart(OWNER, [{ type: 'seats', seats: 27 }])
  // The provider accepts the order and takes 10 s over it; its answer is lost on the way.
  server.use(
    http.post(
      '*/api/orders',
      async ({ request }) => {
        await orderReachesGateway(request)
        return lostAnswer()
      },
      { once: true },
    ),
  )
  const notPlaced = watchFor(notPlacedTitle)
  const { user } = await renderApp('/cart')
  const log = logRequests()
  await user.click(await placeOrderButton())

  expect(await screen.findByText('Your order is being confirmed')).toBeInTheDocument()
  expect(
    await screen.findByText(
      'Billing has your order and is still processing it. We check again automatically. It will not be placed twice.',
    ),
  ).toBeInTheDocument()
  // Checked again by itself (after 2 s), and on demand: still pending, still being confirmed.
  await waitFor(() => expect(lookups(log).length).toBeGreaterThanOrEqual(2), { timeout: 5_000 })
  await user.click(await screen.findByRole('button', { name: 'Check again' }))
  await waitFor(() => expect(lookups(log).length).toBeGreaterThanOrEqual(3))
  await waitFor(() => expect(screen.getByRole('button', { name: 'Check again' })).toBeEnabled())
  expect(screen.getByText('Your order is being confirmed')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Place order' })).toBeDisabled()

  // The provider commits it (10 s after it took it, real time); the next check finds it placed:
  // the admin's, or the app's own when it comes first (it checks by itself every few seconds).
  await expect.poll(zuoraOrders, { timeout: 15_000, interval: 200 }).toHaveLength(ordersBefore.length + 1)
  const checkAgain = screen.queryByRole('button', { name: 'Check again' })
  if (checkAgain) await user.click(checkAgain)
  expect(await screen.findByRole('heading', { name: 'Order placed' })).toBeInTheDocument()
  expect(notPlaced.seen).toBe(false)
  expect(orderPosts(log)).toHaveLength(1)
  expect((await orderByKey(orderPosts(log)[0]?.headers.get('Idempotency-Key'))).status).toBe('completed')
  expect(zuoraOrders()).toHaveLength(ordersBefore.length + 1)
}, 30_000)

test('a lookup that finds no order before the provider could have recorded it keeps "being confirmed"; after that the order is not placed', async () => {
  const ordersBefore = zuoraOrders()
  await storeCart(OWNER, [{ type: 'seats', seats: 26 }])
  // The order never reaches the provider, but the app cannot know that from an answer it cannot read.
  server.use(
    http.post('*/api/orders', () => lostAnswer(), {
      once: true,
    }),
  )
  const notPlaced = watchFor(notPlacedTitle)
  const { user } = await renderApp('/cart')
  const log = logRequests()
  await user.click(await placeOrderButton())

  expect(await screen.findByText('Your order is being confirmed')).toBeInTheDocument()
  await waitFor(() => expect(lookups(log).length).toBeGreaterThanOrEqual(1))
  await user.click(await screen.findByRole('button', { name: 'Check again' }))
  await waitFor(() => expect(lookups(log).length).toBeGreaterThanOrEqual(2))
  await waitFor(() => expect(screen.getByRole('button', { name: 'Check again' })).toBeEnabled())
  expect(notPlaced.seen).toBe(false)

  stopWallClock()
  advanceWallClock(COMMIT_WINDOW_MS)
  await user.click(screen.getByRole('button', { name: 'Check again' }))
  expect(
    await screen.findByText('The order did not go through and nothing was charged. You can place it again.'),
  ).toBeInTheDocument()
  expect(orderPosts(log)).toHaveLength(1)
  expect(zuoraOrders()).toEqual(ordersBefore)
})

test('a retry that finds the first attempt still being processed (409) keeps the order "being confirmed" under its key', async () => {
  const ordersBefore = zuoraOrders()
  await useScenario('healthy', { orderCommitMs: 60_000 })
  await storeCart(OWNER, [{ type: 'seats', seats: 27 }])
  // The provider accepts the order and works on it; the gateway loses the answer, the app retries the key.
  server.use(
    http.post(
      '*/api/orders',
      async ({ request }) => {
        await orderReachesGateway(request)
        return HttpResponse.json({ error: { code: 'bad_gateway', message: 'Bad gateway' } }, { status: 502 })
      },
      { once: true },
    ),
  )
  const notPlaced = watchFor(notPlacedTitle)
  const { user } = await renderApp('/cart')
  const log = logRequests()
  await user.click(await placeOrderButton())

  expect(
    await screen.findByText(
      'Billing has your order and is still processing it. We check again automatically. It will not be placed twice.',
    ),
  ).toBeInTheDocument()
  const keys = orderPosts(log).map((request) => request.headers.get('Idempotency-Key'))
  expect(keys).toHaveLength(2) // the first attempt, and the retry that was answered 409 idempotency_in_progress
  expect(new Set(keys).size).toBe(1)
  expect(notPlaced.seen).toBe(false)
  expect((await orderByKey(keys[0])).status).toBe('pending')
  expect(zuoraOrders()).toEqual(ordersBefore)
})
