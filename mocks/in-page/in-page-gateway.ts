/**
 * The billing gateway inside MSW: the production gateway's request handling (gateway/compose.ts)
 * answering the app's `/api` in the page, with the Zuora simulator in the same page as the HTTP
 * client it calls Zuora with. The health report is the gateway's, computed from what its calls to
 * the simulator meet; scenarios act at the simulator (mocks/gateway-scenarios.ts).
 *
 * What a page cannot do as a server does, and how this host does it instead:
 * - Cookie and Set-Cookie are hidden from script by the Fetch standard. The session cookie travels
 *   in headers of this host's own between MSW and the gateway, and MSW writes it to
 *   `document.cookie`, which cannot take HttpOnly: a simulated session is readable by the page's
 *   script (the production gateway's cookie is HttpOnly).
 * - A page's state ends with the page: it is kept in localStorage (page-state.ts), so a reload and
 *   other tabs see the same billing. Each tab runs its own gateway, as each instance of a fleet
 *   does: the report in a tab is computed from that tab's calls.
 * - Navigations do not pass through MSW: the gateway's hosted payment page (an HTML page under
 *   /api) is fetched through MSW by the page the dev server answers at its address, and its form
 *   is sent the same way (src/dev/gateway-hosted-page.ts).
 */
import { http, HttpResponse } from 'msw'
import { createGateway, type Gateway } from '../../gateway/compose'
import type { CookieHeaders } from '../../gateway/context'
import { systemClock, type Clock } from '../../gateway/ports'
import { createMemoryStore } from '../../gateway/stores/memory-store'
import type { KeyValueStorage } from './key-value-storage'
import { demoBillingCatalog, demoGatewayDirectory, demoPaymentPages, demoZuoraClient } from '../gateway-demo'
import { createGatewayScenarioSwitch, type GatewayScenarioSwitch } from '../gateway-scenarios'
import { createZuoraSimulator, type ZuoraSimulator } from '../zuora'
import { createPageState, isStaleCopyKey, type PageState } from './page-state'

/** The headers the session cookie travels in between MSW and the gateway in a page. */
export const pageCookieHeaders: CookieHeaders = { request: 'x-page-cookie', response: 'x-page-set-cookie' }

/** 16 MiB: far more than one admin's sessions, keys and stale copies; localStorage holds less. */
const PAGE_STORE_BYTES = 16 * 1024 * 1024

export type InPageGateway = {
  /** The MSW handlers: the gateway for every path under the app's API base. */
  handlers: ReturnType<typeof http.all>[]
  gateway(): Gateway
  simulator: ZuoraSimulator
  scenarios: GatewayScenarioSwitch
  /** What an earlier page load or another tab left, taken up (call once, before the first request). */
  restore(): Promise<boolean>
  /** Writes this page's data now (a scenario switched in the toolbar changes the gateway's own state). */
  save(): Promise<void>
  /**
   * Forgets the gateway's copies of answers (the last good answer per account and resource): as a
   * gateway that never served these reads. The designers' gallery seeds a frame through the
   * gateway, and those reads are not an admin's visit.
   */
  forgetCopies(): Promise<void>
  /** Seed data, healthy, a fresh gateway, for this page and the next ones. */
  reset(): void
  stop(): void
}

/** Set-Cookie as `document.cookie` takes it: a cookie set from script cannot be HttpOnly (it would be dropped). */
export const pageSetCookie = (value: string) =>
  value
    .split(';')
    .filter((part) => part.trim().toLowerCase() !== 'httponly')
    .join(';')

/** The app's request as the gateway reads it: under `/api` on the page's origin, the cookie in this host's header. */
async function toGatewayRequest(request: Request, apiBase: string, origin: string, cookie: string): Promise<Request> {
  const url = new URL(request.url)
  const path = url.href.startsWith(apiBase) ? url.href.slice(apiBase.length) : url.pathname
  const headers = new Headers(request.headers)
  if (cookie) headers.set(pageCookieHeaders.request, cookie)
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  return new Request(`${origin}/api${path.startsWith('/') || path === '' ? path : `/${path}`}`, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    signal: request.signal,
  })
}

/** The gateway's answer as MSW gives it to the page, its session cookie as a Set-Cookie MSW writes to document.cookie. */
function toPageResponse(response: Response): Response {
  const setCookie = response.headers.get(pageCookieHeaders.response)
  if (setCookie === null) return response
  const headers = new Headers(response.headers)
  headers.delete(pageCookieHeaders.response)
  headers.set('Set-Cookie', pageSetCookie(setCookie))
  return new HttpResponse(response.body, { status: response.status, statusText: response.statusText, headers })
}

const cookieHeaderOf = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ')

export function createInPageGateway(options: {
  /** The app's API base (mocks/api-base.ts: `${origin}/api` unless a demo build names another). */
  apiBase: string
  origin: string
  storage: KeyValueStorage | null
  clock?: Clock
}): InPageGateway {
  const clock = options.clock ?? systemClock
  const simulator = createZuoraSimulator({ now: () => clock.now() })
  let store = createMemoryStore({ clock, maxBytes: PAGE_STORE_BYTES })
  let pageState: PageState = createPageState({ storage: options.storage, simulator, store, clock })
  // Built after the gateway it switches; the gateway asks it only at request time (own-api-down).
  const switchRef: { current?: GatewayScenarioSwitch } = {}

  const build = (): Gateway =>
    createGateway({
      http: (request) => simulator.handle(request),
      zuora: demoZuoraClient,
      catalog: demoBillingCatalog(),
      directory: demoGatewayDirectory(new Date(clock.now())),
      identity: { mode: 'email-only' },
      paymentPages: demoPaymentPages(simulator),
      allowedOrigins: [options.origin],
      faults: { ownApiDown: () => switchRef.current?.name() === 'own-api-down' },
      cookieHeaders: pageCookieHeaders,
      clock,
      store,
    })
  let gateway = build()
  const scenarios = createGatewayScenarioSwitch({ simulator, gateway: () => gateway })
  switchRef.current = scenarios
  gateway.start()

  const handler = http.all(`${options.apiBase}/*`, async ({ request, cookies }) => {
    await pageState.adoptOtherTabs()
    const answer = await gateway.fetch(
      await toGatewayRequest(request, options.apiBase, options.origin, cookieHeaderOf(cookies)),
    )
    await pageState.save()
    return toPageResponse(answer)
  })

  return {
    handlers: [handler],
    gateway: () => gateway,
    simulator,
    scenarios,
    restore: () => pageState.restore(),
    save: () => pageState.save(),
    async forgetCopies() {
      for (const { key } of store.entries()) if (isStaleCopyKey(key)) await store.delete(key)
    },
    reset() {
      gateway.stop()
      pageState.clear()
      simulator.control.reset()
      scenarios.forget()
      store = createMemoryStore({ clock, maxBytes: PAGE_STORE_BYTES })
      pageState = createPageState({ storage: options.storage, simulator, store, clock })
      gateway = build()
      gateway.start()
    },
    stop: () => gateway.stop(),
  }
}
