/**
 * The billing gateway every page test runs on: the production gateway's request handling
 * (gateway/compose.ts) inside MSW, with the Zuora simulator as its Zuora, as `npm start` runs it
 * (mocks/in-page). tests/setup.ts makes a fresh one before each test, seeded and healthy, and puts
 * its handler at the base of MSW's: a test's own `server.use(...)` goes in front of it.
 *
 *   testGateway().scenarios.select('provider-down', {})   // Zuora fails; the gateway sees it
 *   testGateway().simulator.control.exportState()         // what Zuora holds
 */
import { http } from 'msw'
import { mockOrigin, simulatedApiBase } from '../../mocks/api-base'
import type { KeyValueStorage } from '../../mocks/in-page/key-value-storage'
import { createInPageGateway, type InPageGateway } from '../../mocks/in-page/in-page-gateway'

let current: InPageGateway | null = null

/** A new gateway for the test about to run (the last one stopped); its handlers are for MSW's base. */
export function startTestGateway(): InPageGateway {
  stopTestGateway()
  const mine = generation
  const storage = storageWhile(() => generation === mine)
  const page = createInPageGateway({ apiBase: simulatedApiBase, origin: mockOrigin, storage })
  current = { ...page, handlers: page.handlers.map(withCleanCookies) }
  return current
}

/**
 * MSW (2.x) reads a request's cookies in every handler it tries, and each read appends the
 * document's and its store's cookies to the request's Cookie header: behind a test's own
 * `server.use(...)` handler, the gateway's handler would read `billing_session=a, billing_session=a;
 * Path=/...` and find no session. The gateway's handler gets the request as it left the app.
 */
function withCleanCookies(handler: InPageGateway['handlers'][number]): InPageGateway['handlers'][number] {
  return http.all(`${simulatedApiBase}/*`, async ({ request, requestId }) => {
    const headers = new Headers(request.headers)
    headers.delete('cookie')
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
    const asSent = new Request(request.url, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      signal: request.signal,
      credentials: request.credentials,
    })
    const result = await handler.run({ request: asSent, requestId })
    return result?.response
  })
}

/** Counts the gateways stopped: a stopped one's storage reads nothing and writes nothing. */
let generation = 0

/**
 * The page's localStorage for one test's gateway, while it is the test's: a request of the last
 * test still on its way when that test ended would otherwise save that test's Zuora after the setup
 * cleared storage, and the next test's gateway would take it up as another tab's (Acme with the
 * seats the last test bought).
 */
function storageWhile(live: () => boolean): KeyValueStorage {
  return {
    getItem: (key) => (live() ? globalThis.localStorage.getItem(key) : null),
    setItem: (key, value) => {
      if (live()) globalThis.localStorage.setItem(key, value)
    },
    removeItem: (key) => {
      if (live()) globalThis.localStorage.removeItem(key)
    },
  }
}

export function stopTestGateway(): void {
  generation += 1
  current?.stop()
  current = null
  if (typeof document !== 'undefined') document.cookie = 'billing_session=; Path=/; Max-Age=0'
}

/** This test's gateway. */
export function testGateway(): InPageGateway {
  if (!current) throw new Error('No test gateway: tests/setup.ts starts one before each page test')
  return current
}
