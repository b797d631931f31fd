// @vitest-environment node
/**
 * The gateway over HTTP, healthy: who is signed in (session cookie, switch, sign-out), the guards
 * every endpoint shares (signed out, another account's tab, a cross-site write), and the vendor's
 * own endpoints (account, catalog, status report with its cache headers, maintenance, alerts).
 */
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import {
  billingStatus,
  client,
  expectContract,
  failure,
  quoted,
  reset,
  signedIn,
  startSim,
  users,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
beforeAll(async () => {
  sim = await startSim()
}, 30_000)
afterAll(() => sim.close())
beforeEach(() => reset(sim))

test('signing in sets an HttpOnly, SameSite=Lax session cookie (not Secure on 127.0.0.1) and /me answers who', async () => {
  const browser = client(sim)
  expect(failure(await browser.get('/me'))).toEqual([401, 'unauthenticated'])

  const signIn = await browser.call('POST', '/session', { body: { email: users.owner } })
  expect(signIn.status).toBe(200)
  expectContract('signIn', signIn.body)
  const cookie = signIn.headers.get('set-cookie') ?? ''
  expect(cookie).toMatch(/^billing_session=[\w-]+;/)
  expect(cookie).toMatch(/; HttpOnly/)
  expect(cookie).toMatch(/; SameSite=Lax/)
  expect(cookie).toMatch(/; Path=\//)
  expect(cookie).not.toMatch(/Secure/)

  const me = await browser.get('/me')
  expect(me.status).toBe(200)
  expectContract('getMe', me.body)
  expect(me.body).toMatchObject({ user: { email: users.owner, role: 'billing_admin' }, account: { id: 'acc_acme' } })

  expect(failure(await client(sim).call('POST', '/session', { body: { email: 'nobody@acme.test' } }))).toEqual([
    401,
    'invalid_credentials',
  ])
})

test('signing out clears the cookie and ends the session, even for a copy of the cookie', async () => {
  const browser = await signedIn(sim, users.owner)
  const stolen = browser.cookie()
  const out = await browser.call('DELETE', '/session')
  expect(out.status).toBe(204)
  expect(out.headers.get('set-cookie')).toMatch(/^billing_session=; .*Max-Age=0/)
  expect(browser.cookie()).toBe('')
  expect(failure(await browser.get('/me'))).toEqual([401, 'unauthenticated'])
  expect((await fetch(`${sim.url}/api/me`, { headers: { Cookie: stolen } })).status).toBe(401)
})

test('switching account moves the session, and a tab still on the other account is refused 409', async () => {
  const browser = await signedIn(sim, users.owner)
  const switched = await browser.call('PUT', '/session/account', { body: { accountId: 'acc_globex' } })
  expect(switched.status).toBe(200)
  expectContract('switchAccount', switched.body)
  expect(switched.body.account).toEqual({ id: 'acc_globex', name: 'Globex Help Desk' })

  const account = await browser.get('/account')
  expect(account.status).toBe(200)
  expectContract('getAccount', account.body)
  expect(account.body).toMatchObject({ id: 'acc_globex', agentsInUse: 455 })

  // A tab rendered for Acme asks for Acme: refused rather than answered with Globex's data.
  expect(failure(await browser.get('/subscription', { 'X-Billing-Account': 'acc_acme' }))).toEqual([
    409,
    'account_changed',
  ])
  expect((await browser.get('/account', { 'X-Billing-Account': 'acc_globex' })).status).toBe(200)

  const operator = await signedIn(sim, users.operator)
  expect(failure(await operator.call('PUT', '/session/account', { body: { accountId: 'acc_globex' } }))).toEqual([
    403,
    'forbidden',
  ])
})

test('signed out, every endpoint but the status report answers 401', async () => {
  const anonymous = client(sim)
  for (const path of ['/account', '/catalog', '/subscription', '/invoices', '/payment-method', '/billing-details'])
    expect(failure(await anonymous.get(path)), path).toEqual([401, 'unauthenticated'])
  expect((await anonymous.get('/billing-status')).status).toBe(200)
})

test('a write from another site is refused 403, whatever the session', async () => {
  const browser = await signedIn(sim, users.owner)
  const crossSite = (path: string, body: unknown) =>
    browser.call('PUT', path, { body, headers: { Origin: 'https://evil.example' } })
  expect(failure(await crossSite('/session/account', { accountId: 'acc_globex' }))).toEqual([403, 'cross_site_refused'])
  const form = await browser.call('POST', '/alerts', {
    form: 'kind=breaker_open',
    headers: { 'Sec-Fetch-Site': 'cross-site' },
  })
  expect(failure(form)).toEqual([403, 'cross_site_refused'])
  expect((await browser.get('/me')).body.account.id).toBe('acc_acme')
})

test('the catalog and the account answer any signed-in role', async () => {
  const viewer = await signedIn(sim, users.viewer)
  const catalog = await viewer.get('/catalog')
  expect(catalog.status).toBe(200)
  expectContract('getCatalog', catalog.body)
  expect(catalog.body.plans.map((plan: { id: string }) => plan.id)).toContain('plan_professional')
  expectContract('getAccount', (await viewer.get('/account')).body)
})

test('the status report: cacheable, a strong ETag, 304 on If-None-Match, and the poll interval', async () => {
  const first = await fetch(`${sim.url}/api/billing-status`)
  expect(first.status).toBe(200)
  expectContract('getBillingStatus', await first.json())
  const etag = first.headers.get('etag') ?? ''
  expect(etag).toMatch(/^"[0-9a-f]+"$/)
  expect(first.headers.get('cache-control')).toMatch(
    /public, max-age=\d+, stale-while-revalidate=\d+, stale-if-error=\d+/,
  )
  expect(Number(first.headers.get('x-poll-interval'))).toBeGreaterThan(0)

  const again = await fetch(`${sim.url}/api/billing-status`, { headers: { 'If-None-Match': etag } })
  expect(again.status).toBe(304)
  expect(await again.text()).toBe('')
  expect(again.headers.get('etag')).toBe(etag)
  expect(again.headers.get('x-poll-interval')).toBe(first.headers.get('x-poll-interval'))
  expect((await fetch(`${sim.url}/api/billing-status`, { headers: { 'If-None-Match': '"other"' } })).status).toBe(200)
})

test('maintenance: operators only; once on, orders and billing details are refused 503 maintenance', async () => {
  const owner = await signedIn(sim, users.owner)
  const operator = await signedIn(sim, users.operator)
  const on = { enabled: true, message: 'Upgrading the billing provider.', reason: 'scheduled' }
  expect(failure(await owner.call('PUT', '/billing-status/maintenance', { body: on }))).toEqual([403, 'forbidden'])
  const { order } = await quoted(owner, [{ type: 'seats', seats: 26 }])

  const switched = await operator.call('PUT', '/billing-status/maintenance', { body: on })
  expect(switched.status).toBe(200)
  expectContract('setMaintenance', switched.body)
  expect(switched.body.maintenance).toMatchObject({ enabled: true, reason: 'scheduled' })
  expect((await billingStatus(sim)).maintenance.enabled).toBe(true)

  const placed = await owner.call('POST', '/orders', { body: order, headers: { 'Idempotency-Key': 'maint-1' } })
  expect(failure(placed)).toEqual([503, 'maintenance'])
  expect(placed.headers.get('retry-after')).not.toBeNull()
  const details = (await owner.get('/billing-details')).body
  expect(failure(await owner.call('PUT', '/billing-details', { body: details }))).toEqual([503, 'maintenance'])
  // Reading and pricing go on.
  expect((await owner.get('/subscription')).status).toBe(200)
  expect((await owner.call('POST', '/quotes', { body: { items: order.items, promoCode: null } })).status).toBe(201)

  const off = await operator.call('PUT', '/billing-status/maintenance', {
    body: { enabled: false, message: 'Done.' },
  })
  expect(off.body.maintenance.enabled).toBe(false)
  expect(off.body.maintenance.generation).toBeGreaterThan(switched.body.maintenance.generation)
  const again = await owner.call('POST', '/orders', { body: order, headers: { 'Idempotency-Key': 'maint-1' } })
  expect(again.status).toBe(201)
})

test('alerts: any signed-in user reports (202), only operators read them back', async () => {
  const viewer = await signedIn(sim, users.viewer)
  const alert = {
    kind: 'breaker_open',
    incidentId: 'inc_gateway_test',
    capability: 'subscription',
    occurredAt: new Date().toISOString(),
    detail: 'the subscription did not load',
  }
  const posted = await viewer.call('POST', '/alerts', { body: alert })
  expect(posted.status).toBe(202)
  expect(posted.text).toBe('')
  expect((await viewer.call('POST', '/alerts', { body: alert })).status).toBe(202)
  expect(failure(await viewer.call('POST', '/alerts', { body: { kind: 'nonsense' } }))[0]).toBe(422)
  expect(failure(await viewer.get('/alerts'))).toEqual([403, 'forbidden'])

  const operator = await signedIn(sim, users.operator)
  const alerts = await operator.get('/alerts')
  expect(alerts.status).toBe(200)
  expectContract('getAlerts', alerts.body)
  expect(alerts.body.alerts).toEqual([
    expect.objectContaining({ incidentId: 'inc_gateway_test', accountId: 'acc_acme', userId: 'usr_bruno', count: 2 }),
  ])
})
