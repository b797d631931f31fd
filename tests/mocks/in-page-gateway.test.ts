// @vitest-environment node
/**
 * The billing gateway inside MSW (mocks/in-page): its handlers asked the way the page's service
 * worker asks them (MSW's getResponse), one `page` per page load or tab over one localStorage.
 * The session cookie goes out as a Set-Cookie the page can store, the data lives across reloads
 * and tabs, tampered storage starts afresh, and the report is computed from the simulator's
 * answers, never set by the scenario.
 */
import { getResponse } from 'msw'
import { afterEach, describe, expect, test } from 'vitest'
import { createInPageGateway, pageSetCookie, type InPageGateway } from '../../mocks/in-page/in-page-gateway'
import { PAGE_GATEWAY_STORAGE_KEY } from '../../mocks/in-page/page-state'
import { MemoryStorage } from '../support/memory-storage'

const ORIGIN = 'http://localhost'
const API = `${ORIGIN}/api`
const pages: InPageGateway[] = []

afterEach(() => {
  for (const page of pages.splice(0)) page.stop()
})

/** A page load: the gateway and the simulator in it, taking up what storage holds. */
async function openPage(storage: MemoryStorage): Promise<InPageGateway> {
  const page = createInPageGateway({ apiBase: API, origin: ORIGIN, storage })
  pages.push(page)
  await page.restore()
  return page
}

type Answer = { status: number; body: any; setCookie: string | null } // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(
  page: InPageGateway,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; key?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {}
  if (options.cookie) headers.cookie = options.cookie
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.key) headers['idempotency-key'] = options.key
  const request = new Request(`${API}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const response = await getResponse(page.handlers, request)
  if (!response) throw new Error(`No handler answered ${method} ${path}`)
  const text = await response.text()
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    setCookie: response.headers.get('set-cookie'),
  }
}

async function signIn(page: InPageGateway, email = 'owner@acme.test'): Promise<string> {
  const answer = await call(page, 'POST', '/session', { body: { email } })
  expect(answer.status).toBe(200)
  return (answer.setCookie ?? '').split(';')[0] ?? ''
}

async function buySeats(page: InPageGateway, cookie: string, seats: number, key: string) {
  const items = [{ type: 'seats', seats }]
  const quote = await call(page, 'POST', '/quotes', { cookie, body: { items, promoCode: null } })
  expect(quote.status).toBe(201)
  return call(page, 'POST', '/orders', { cookie, key, body: { items, promoCode: null, quoteId: quote.body.id } })
}

async function seatsPurchased(page: InPageGateway, cookie: string): Promise<number> {
  const answer = await call(page, 'GET', '/subscription', { cookie })
  expect(answer.status).toBe(200)
  return answer.body.seats.purchased as number
}

describe('the session cookie in a page', () => {
  test('sign-in sets a cookie document.cookie can take (no HttpOnly), which signs the next requests in', async () => {
    const page = await openPage(new MemoryStorage())
    const answer = await call(page, 'POST', '/session', { body: { email: 'owner@acme.test' } })
    expect(answer.setCookie).toMatch(/^billing_session=[\w-]+; Path=\/; SameSite=Lax; Max-Age=\d+$/)
    expect(answer.setCookie).not.toMatch(/httponly/i)
    const cookie = answer.setCookie?.split(';')[0] ?? ''
    expect(await seatsPurchased(page, cookie)).toBe(25)
    expect((await call(page, 'GET', '/subscription')).status).toBe(401)
  })

  test('HttpOnly is the only attribute taken out', () => {
    expect(pageSetCookie('a=b; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0')).toBe(
      'a=b; Path=/; SameSite=Lax; Secure; Max-Age=0',
    )
  })
})

describe('what a page keeps', () => {
  test('a reload keeps the session, the order and its key: a retry of the same purchase is not a second one', async () => {
    const storage = new MemoryStorage()
    const first = await openPage(storage)
    const cookie = await signIn(first)
    const placed = await buySeats(first, cookie, 30, 'key-1')
    expect(placed.status).toBe(201)
    first.stop()

    const reloaded = await openPage(storage)
    expect(await seatsPurchased(reloaded, cookie)).toBe(30)
    const replay = await call(reloaded, 'POST', '/orders', {
      cookie,
      key: 'key-1',
      body: { items: [{ type: 'seats', seats: 30 }], promoCode: null, quoteId: placed.body.quoteId ?? 'unused' },
    })
    // The key is found again: the first answer (or a refusal of another body), never a new order.
    expect([200, 422]).toContain(replay.status)
    expect(reloaded.simulator.control.calls().filter((c) => c.operation === 'createOrder')).toHaveLength(0)
  })

  test('another tab sees what this tab bought, at its next request', async () => {
    const storage = new MemoryStorage()
    const tabA = await openPage(storage)
    const tabB = await openPage(storage)
    const cookie = await signIn(tabA)
    expect(await seatsPurchased(tabB, cookie)).toBe(25)
    expect((await buySeats(tabA, cookie, 32, 'key-2')).status).toBe(201)
    expect(await seatsPurchased(tabB, cookie)).toBe(32)
  })

  test('a read in one tab that began before another tab’s order does not undo that order when it ends', async () => {
    const storage = new MemoryStorage()
    const tabA = await openPage(storage)
    const tabB = await openPage(storage)
    const cookie = await signIn(tabA)
    expect(await seatsPurchased(tabB, cookie)).toBe(25)
    // Tab B's read starts (its Zuora answers in 400 ms): it has taken up what storage held then...
    tabB.simulator.control.select('provider-slow', { slowMs: 400 })
    const slowRead = getResponse(tabB.handlers, new Request(`${API}/subscription`, { headers: { cookie } }))
    // ...and tab A buys while it is in flight (each request of a tab is its own task).
    expect((await buySeats(tabA, cookie, 33, 'key-race')).status).toBe(201)
    expect((await slowRead)?.status).toBe(200)
    tabB.simulator.control.select('healthy')
    // B's save came last: what A bought is still there, for B, for A and for the next page load.
    expect(await seatsPurchased(tabB, cookie)).toBe(33)
    expect(await seatsPurchased(tabA, cookie)).toBe(33)
    expect(await seatsPurchased(await openPage(storage), cookie)).toBe(33)
  })

  test('what a tab’s gateway changed between requests survives another tab’s save: taking theirs up merges', async () => {
    const storage = new MemoryStorage()
    const tabA = await openPage(storage)
    const tabB = await openPage(storage)
    const cookie = await signIn(tabA)
    // Between requests, tab A's gateway works on its own (the report it publishes, its probes'
    // tokens): here, an entry of its store that no request wrote.
    await tabA.gateway().deps.store.set('between-requests', 'tab A')
    // Tab B saves after a request of its own; then tab A's next request takes that up.
    expect(await seatsPurchased(tabB, cookie)).toBe(25)
    expect(await seatsPurchased(tabA, cookie)).toBe(25)
    expect(await tabA.gateway().deps.store.get('between-requests')).toBe('tab A')
    expect(storage.getItem(PAGE_GATEWAY_STORAGE_KEY)).toContain('"between-requests"')
    expect(await seatsPurchased(tabB, cookie)).toBe(25)
    expect(await tabB.gateway().deps.store.get('between-requests')).toBe('tab A')
  })

  test('storage tampered with or from another version is ignored: the seed again, and the page works', async () => {
    for (const junk of [
      '{not json',
      JSON.stringify({ version: 99 }),
      JSON.stringify({ version: 1, sim: {}, entries: [] }),
    ]) {
      const storage = new MemoryStorage()
      storage.setItem(PAGE_GATEWAY_STORAGE_KEY, junk)
      const page = await openPage(storage)
      const cookie = await signIn(page)
      expect(await seatsPurchased(page, cookie)).toBe(25)
      expect(JSON.parse(storage.getItem(PAGE_GATEWAY_STORAGE_KEY) ?? '{}').version).toBe(1)
    }
  })

  test('storage that is full keeps the rest without the stale copies, and the page goes on', async () => {
    const storage = new MemoryStorage()
    const page = await openPage(storage)
    const cookie = await signIn(page)
    await seatsPurchased(page, cookie) // leaves a stale copy of the subscription
    const setItem = storage.setItem.bind(storage)
    storage.setItem = (key: string, value: string) => {
      if (value.includes('"stale:')) throw new DOMException('full', 'QuotaExceededError')
      setItem(key, value)
    }
    expect((await buySeats(page, cookie, 31, 'key-3')).status).toBe(201)
    const stored = storage.getItem(PAGE_GATEWAY_STORAGE_KEY) ?? ''
    expect(stored).not.toContain('"stale:')
    expect(stored).toContain('"session:')
  })
})

describe('scenarios act at the simulated Zuora; the report is computed', () => {
  test('provider-down: the report turns down from the calls that failed, and a first visit reads the copy', async () => {
    const page = await openPage(new MemoryStorage())
    const cookie = await signIn(page)
    expect(await seatsPurchased(page, cookie)).toBe(25)
    await page.scenarios.select('provider-down', {})
    let subscription = 'operational'
    for (const until = Date.now() + 15_000; Date.now() < until && subscription !== 'down';) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      const status = await call(page, 'GET', '/billing-status')
      subscription = status.body.components.find((c: { capability: string }) => c.capability === 'subscription')?.status
    }
    expect(subscription).toBe('down')
    const copy = await call(page, 'GET', '/subscription', { cookie })
    expect(copy.status).toBe(200)
    expect(copy.body.seats.purchased).toBe(25)
  }, 20_000)

  test('statusDelayMs holds the computed report back; own-api-down takes the gateway’s own endpoints down', async () => {
    const page = await openPage(new MemoryStorage())
    expect((await page.scenarios.select('provider-down', { statusDelayMs: 60_000 })).statusDelayMs).toBe(60_000)
    await page.scenarios.select('own-api-down', {})
    expect((await call(page, 'GET', '/billing-status')).status).toBeGreaterThanOrEqual(500)
    await page.scenarios.select('healthy', {})
    expect((await call(page, 'GET', '/billing-status')).status).toBe(200)
  })

  test('maintenance switches the gateway’s flag on, and leaving it switches it off', async () => {
    const page = await openPage(new MemoryStorage())
    await page.scenarios.select('maintenance', {})
    expect((await call(page, 'GET', '/billing-status')).body.maintenance.enabled).toBe(true)
    await page.scenarios.select('healthy', {})
    expect((await call(page, 'GET', '/billing-status')).body.maintenance.enabled).toBe(false)
  })
})
