// @vitest-environment node
/**
 * The outage scenarios as the app meets them: each one's answers (status codes, hangs, timing,
 * seeded faults, broken bodies), its changes to the backend's data, timelines, and the stored
 * choice that reloads and other tabs follow.
 */
import type { RequestHandler } from 'msw'
import { afterEach, expect, test, vi } from 'vitest'
import { endpoints, type EndpointName } from '../../src/lib/api/contract'
import { subscriptionSchema } from '../../src/lib/api/schemas'
import { db } from '../../mocks/db'
import { cacheLayerFault, SLOW_MAX_MS, SLOW_MIN_MS, STALE_WINDOW_MS } from '../../mocks/scenarios/cache-layer'
import { apiRoutes, ownRoutes, providerRoutes, type ApiRoute } from '../../mocks/scenarios/faults'
import { scenarioNames, scenarios, type ScenarioName } from '../../mocks/scenarios/registry'
import { readScenarioLink } from '../../mocks/scenarios/scenario-link'
import { createScenarioRunner, type HandlerHost } from '../../mocks/scenarios/scenario-runner'
import { memoryStorage, SCENARIO_STORAGE_KEY } from '../../mocks/scenarios/scenario-state'
import { addFiveSeats, API, ok, refused, send } from './support'
import '../support/legacy-contract/backend'
import { useScenario as useContractScenario } from '../support/legacy-contract/scenario'

afterEach(() => {
  vi.useRealTimers()
})

const providerEndpoints = (Object.keys(endpoints) as EndpointName[]).filter(
  (name) => endpoints[name].capability !== null,
)
// Any id will do: a failing scenario answers before the healthy handler looks it up.
const statusOf = async (name: EndpointName) => (await send(name, { params: { invoiceId: 'inv_any' } })).status
const generation = () => db.getBillingStatus().maintenance.generation

/** A host that only records what it was given, for runners that must not touch the test server. */
function recordingHost(): HandlerHost & { installed: RequestHandler[] } {
  const host = {
    installed: [] as RequestHandler[],
    use: (...handlers: RequestHandler[]) => void host.installed.unshift(...handlers),
    resetHandlers: () => void (host.installed = []),
  }
  return host
}

test('the registry has exactly the scenarios of the issue, each with a one-line description', () => {
  expect(scenarioNames).toEqual([
    'healthy',
    'provider-down',
    'provider-hang',
    'provider-slow',
    'provider-flaky',
    'cache-layer-failure',
    'partial-invoices',
    'partial-payments',
    'maintenance',
    'rate-limited',
    'malformed',
    'own-api-down',
    'outage-then-recovery',
  ])
  for (const name of scenarioNames) {
    expect(scenarios[name].name).toBe(name)
    expect(scenarios[name].description).toMatch(/^[^\n]{10,200}$/)
  }
})

test('provider-backed and own routes come from the contract', () => {
  expect(providerRoutes.map((route) => route.name)).toEqual(providerEndpoints)
  expect(apiRoutes).toHaveLength(Object.keys(endpoints).length)
  expect(ownRoutes.map((route) => route.name)).toEqual([
    'getAccount',
    'getBillingStatus',
    'setMaintenance',
    'getCatalog',
    'postAlert',
    'getAlerts',
    'listChangeRequests',
    'createChangeRequest',
    'approveChangeRequest',
    'linkChangeRequestOrder',
    'declineChangeRequest',
    'reopenChangeRequest',
    'withdrawChangeRequest',
  ])
})

test('healthy answers normally', async () => {
  useContractScenario('healthy')
  const subscription = await ok('getSubscription')
  expect(subscription.seats.purchased).toBe(25)
  await ok('getInvoices')
})

test('provider-down answers 503 to every provider-backed call and leaves the own API up', async () => {
  useContractScenario('provider-down')
  for (const name of providerEndpoints) expect(`${name} ${await statusOf(name)}`).toBe(`${name} 503`)
  await refused(send('getSubscription'), 503, 'provider_unavailable')
  await ok('getBillingStatus')
  await ok('getAccount')
  await ok('getCatalog')
  await ok('getMe')
})

test('provider-hang never answers a provider-backed call; own calls still answer', async () => {
  useContractScenario('provider-hang')
  const started = Date.now()
  await expect(fetch(`${API}/subscription`, { signal: AbortSignal.timeout(150) })).rejects.toThrow()
  expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  await expect(
    fetch(`${API}/billing-details`, { method: 'PUT', body: '{}', signal: AbortSignal.timeout(100) }),
  ).rejects.toThrow()
  await ok('getAccount')
})

test('provider-slow answers normally after the delay, and own calls at once', async () => {
  useContractScenario('provider-slow', { slowMs: 300 })
  let started = Date.now()
  await ok('getSubscription')
  const elapsed = Date.now() - started
  expect(elapsed).toBeGreaterThanOrEqual(290)
  expect(elapsed).toBeLessThan(1_500)

  started = Date.now()
  await ok('getAccount')
  expect(Date.now() - started).toBeLessThan(200)
  expect(scenarios['provider-slow'].description).toContain('after 3 s')
})

async function providerStatuses(): Promise<number[]> {
  const statuses: number[] = []
  for (let call = 0; call < 30; call += 1)
    statuses.push(await statusOf(call % 2 ? 'getSubscription' : 'getPaymentMethod'))
  return statuses
}

test('provider-flaky fails a seeded share of provider calls, the same ones for the same seed', async () => {
  const scenario = useContractScenario('provider-flaky', { seed: 7 })
  const first = await providerStatuses()
  scenario.select('provider-flaky', { seed: 7 })
  const again = await providerStatuses()
  scenario.select('provider-flaky', { seed: 8 })
  const other = await providerStatuses()
  expect(again).toEqual(first)
  expect(other).not.toEqual(first)
  expect(new Set(first)).toEqual(new Set([200, 503]))
  const failures = first.filter((status) => status === 503).length
  expect(failures).toBeGreaterThanOrEqual(6)
  expect(failures).toBeLessThanOrEqual(18)
  // The own API is never part of the draw.
  for (let call = 0; call < 5; call += 1) await ok('getAccount')
})

const routeOf = (name: EndpointName): ApiRoute => {
  const route = apiRoutes.find((candidate) => candidate.name === name)
  if (!route) throw new Error(name)
  return route
}

/** Runs the cache-layer fault directly, recording how long it would have slept. */
async function cacheLayerRun(seed: number, calls: number, clock = () => Date.now()) {
  const slept: number[] = []
  const fault = cacheLayerFault(seed, { now: clock, sleep: async (ms) => void slept.push(ms) })
  const outcomes: string[] = []
  for (let call = 0; call < calls; call += 1) {
    const answer = await fault({ request: new Request(`${API}/subscription`), route: routeOf('getSubscription') })
    outcomes.push(answer ? `${answer.status} ${answer.headers.get('Content-Type')}` : 'healthy')
  }
  return { outcomes, slept }
}

test('cache-layer-failure fails some calls with 500 or an HTML 502, slows some, reproducibly per seed', async () => {
  const first = await cacheLayerRun(3, 60)
  const again = await cacheLayerRun(3, 60)
  expect(again).toEqual(first)
  expect(first.outcomes).toContain('500 application/json')
  expect(first.outcomes).toContain('502 text/html')
  const failures = first.outcomes.filter((outcome) => outcome.startsWith('50')).length
  expect(failures).toBeGreaterThanOrEqual(8)
  expect(failures).toBeLessThanOrEqual(30)
  expect(first.slept.length).toBeGreaterThanOrEqual(5)
  for (const ms of first.slept) {
    expect(ms).toBeGreaterThanOrEqual(SLOW_MIN_MS)
    expect(ms).toBeLessThanOrEqual(SLOW_MAX_MS)
  }
})

test('cache-layer-failure briefly answers reads from the snapshot before the last order', async () => {
  let clock = 1_000_000
  const fault = cacheLayerFault(11, { now: () => clock, sleep: async () => undefined })
  const readSeats = async () => {
    const answer = await fault({ request: new Request(`${API}/subscription`), route: routeOf('getSubscription') })
    if (!answer || !answer.ok) return null
    return subscriptionSchema.parse(await answer.json()).seats.purchased
  }
  const seen = async (count: number) => {
    const seats: number[] = []
    for (let call = 0; call < count; call += 1) {
      const value = await readSeats()
      if (value !== null) seats.push(value)
    }
    return seats
  }

  expect(new Set(await seen(10))).toEqual(new Set([25]))
  const quote = db.createQuote('acc_acme', addFiveSeats)
  db.placeOrder('acc_acme', 'cache-layer-order', { ...addFiveSeats, quoteId: quote.id })
  // Right after the order, reads disagree: some show the new 30 seats, some the 25 from before.
  expect(new Set(await seen(30))).toEqual(new Set([25, 30]))
  // Once the change is old enough, the stale snapshot is gone.
  clock += STALE_WINDOW_MS
  expect(new Set(await seen(20))).toEqual(new Set([30]))
})

test('partial-invoices fails only invoices and PDFs', async () => {
  useContractScenario('partial-invoices')
  expect(await statusOf('getInvoices')).toBe(503)
  expect(await statusOf('getInvoice')).toBe(503)
  expect(await statusOf('getInvoicePdf')).toBe(503)
  await ok('getSubscription')
  await ok('getPaymentMethod')
  await ok('getBillingDetails')
  await ok('createQuote', { body: addFiveSeats }, 201)
})

test('partial-payments fails only payment method calls', async () => {
  useContractScenario('partial-payments')
  expect(await statusOf('getPaymentMethod')).toBe(503)
  expect(await statusOf('createPaymentSession')).toBe(503)
  await ok('getSubscription')
  const { invoices } = await ok('getInvoices')
  await ok('getInvoice', { params: { invoiceId: invoices[0]?.id ?? '' } })
})

test('maintenance sets the operators’ flag once, and leaving it ends maintenance with a new generation', async () => {
  useContractScenario('maintenance')
  const on = await ok('getBillingStatus')
  expect(on.maintenance).toMatchObject({ enabled: true, reason: 'scheduled', generation: 1 })
  expect(on.maintenance.message).toMatch(/Changes are paused/)
  expect(on.maintenance.nextUpdateAt).not.toBeNull()
  await ok('getSubscription')
  await refused(send('updateBillingDetails', { body: {} }), 503, 'maintenance')

  useContractScenario('maintenance') // chosen again: no second "maintenance on"
  expect(db.getBillingStatus().timeline.filter((entry) => entry.kind === 'maintenance_on')).toHaveLength(2) // seed + this one

  useContractScenario('healthy')
  const off = await ok('getBillingStatus')
  expect(off.maintenance).toMatchObject({ enabled: false, generation: 2 })
  expect(off.timeline[0]?.kind).toBe('maintenance_off')
})

test('rate-limited answers 429 with Retry-After: 30', async () => {
  useContractScenario('rate-limited')
  const response = await send('getSubscription')
  expect(response.headers.get('Retry-After')).toBe('30')
  await refused(response, 429, 'rate_limited')
  expect(await statusOf('placeOrder')).toBe(429)
  await ok('getAccount')
})

test('malformed alternates a body that is not JSON with one that breaks the schema, on provider reads', async () => {
  useContractScenario('malformed')
  const first = await send('getSubscription')
  expect(first.status).toBe(200)
  const firstText = await first.text()
  expect(() => JSON.parse(firstText) as unknown).toThrow()

  const second = await send('getSubscription')
  const body: unknown = await second.json()
  expect(subscriptionSchema.safeParse(body).success).toBe(false)
  expect(body).toMatchObject({ seats: { purchased: '25', inUse: '21' } })

  const third = await send('getSubscription')
  await expect(third.clone().json()).rejects.toThrow()
  // Writes and the own API answer normally.
  await ok('createQuote', { body: addFiveSeats }, 201)
  await ok('getAccount')
})

test('own-api-down fails the provider and the own status, account, catalog and alerts, but not who-am-I', async () => {
  useContractScenario('own-api-down')
  for (const name of [
    'getBillingStatus',
    'getAccount',
    'getCatalog',
    'getAlerts',
    'getSubscription',
    'getInvoices',
  ] as const) {
    expect(`${name} ${await statusOf(name)}`).toBe(`${name} 503`)
  }
  expect(await statusOf('postAlert')).toBe(503)
  await ok('getMe')
  expect(scenarios['own-api-down'].description).toMatch(/\/me and \/session still answer/)
})

test('outage-then-recovery is down for outageMs, then healthy with a new maintenance generation', async () => {
  // The timeline's step ends on a timer: a fake clock (timers and Date) moves past it at once.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  useContractScenario('outage-then-recovery', { outageMs: 300 })
  expect(await statusOf('getSubscription')).toBe(503)
  expect(generation()).toBe(1)
  await vi.advanceTimersByTimeAsync(350)
  await ok('getSubscription')
  expect(generation()).toBe(2)
  const status = await ok('getBillingStatus')
  expect(status.maintenance.enabled).toBe(false)
  expect(status.timeline[0]).toMatchObject({
    kind: 'maintenance_off',
    message: expect.stringMatching(/recovered/) as unknown,
  })
})

test('recover now and fail now jump the timeline by hand', async () => {
  const scenario = useContractScenario('outage-then-recovery')
  expect(scenario.getState().timeline).toMatchObject({ label: 'Provider down', failing: true, canRecover: true })
  expect(await statusOf('getSubscription')).toBe(503)

  scenario.recoverNow()
  expect(scenario.getState().timeline).toMatchObject({
    label: 'Provider recovered',
    failing: false,
    endsAt: null,
    canRecover: false,
  })
  await ok('getSubscription')
  expect(generation()).toBe(2)

  scenario.failNow()
  expect(scenario.getState().timeline).toMatchObject({ label: 'Provider down', failing: true })
  expect(await statusOf('getSubscription')).toBe(503)
  scenario.recoverNow()
  expect(generation()).toBe(3)
})

test('a timeline moves on with the clock and tells when the step ends', () => {
  vi.useFakeTimers({ now: new Date('2026-03-02T10:00:00Z') })
  const host = recordingHost()
  const runner = createScenarioRunner({ host, db })
  const changes = vi.fn()
  runner.subscribe(changes)

  runner.select('outage-then-recovery', { outageMs: 60_000 })
  const started = Date.now()
  expect(runner.getState().timeline).toMatchObject({ index: 0, endsAt: started + 60_000 })
  expect(host.installed).toHaveLength(providerRoutes.length)

  vi.advanceTimersByTime(59_999)
  expect(runner.getState().timeline?.label).toBe('Provider down')
  vi.advanceTimersByTime(1)
  expect(runner.getState().timeline?.label).toBe('Provider recovered')
  expect(host.installed).toHaveLength(0)
  expect(generation()).toBe(2)
  expect(changes).toHaveBeenCalledTimes(2)

  runner.dispose()
})

test('a disposed runner leaves its timeline alone', () => {
  vi.useFakeTimers()
  const runner = createScenarioRunner({ host: recordingHost(), db })
  runner.select('outage-then-recovery', { outageMs: 1_000 })
  runner.dispose()
  vi.advanceTimersByTime(5_000)
  expect(generation()).toBe(1)
})

test('the choice is stored: a reload restores it with its options and timeline position', () => {
  vi.useFakeTimers({ now: new Date('2026-03-02T10:00:00Z') })
  const storage = memoryStorage()
  const before = createScenarioRunner({ host: recordingHost(), db, storage })
  before.select('outage-then-recovery', { outageMs: 30_000 })
  before.dispose()
  vi.advanceTimersByTime(10_000)

  const after = createScenarioRunner({ host: recordingHost(), db, storage })
  expect(after.restore()).toBe('outage-then-recovery')
  expect(after.getState()).toMatchObject({
    options: { outageMs: 30_000 },
    timeline: { label: 'Provider down', endsAt: Date.now() + 20_000 },
  })
  after.dispose()

  // Closed during the outage, opened after it: the recovery (and its new generation) happens once.
  vi.advanceTimersByTime(60_000)
  const later = createScenarioRunner({ host: recordingHost(), db, storage })
  later.restore()
  expect(later.getState().timeline?.label).toBe('Provider recovered')
  expect(generation()).toBe(2)
  later.restore()
  expect(generation()).toBe(2)
  later.dispose()
})

test('a page load that chooses another scenario leaves the stored one (maintenance ends)', () => {
  const storage = memoryStorage()
  const before = createScenarioRunner({ host: recordingHost(), db, storage })
  before.select('maintenance')
  before.dispose()
  expect(db.getBillingStatus().maintenance.enabled).toBe(true)

  const linked = createScenarioRunner({ host: recordingHost(), db, storage })
  linked.select('healthy')
  expect(db.getBillingStatus().maintenance).toMatchObject({ enabled: false, generation: 2 })
  linked.dispose()
})

test('an unknown or unreadable stored choice falls back to healthy', () => {
  const storage = memoryStorage()
  const runner = createScenarioRunner({ host: recordingHost(), db, storage })
  storage.setItem(
    SCENARIO_STORAGE_KEY,
    JSON.stringify({ version: 1, name: 'provider-on-fire', options: {}, startedAt: 1, stepApplied: -1 }),
  )
  expect(runner.restore()).toBe('healthy')
  storage.setItem(SCENARIO_STORAGE_KEY, '{not json')
  expect(runner.restore()).toBe('healthy')
  storage.setItem(
    SCENARIO_STORAGE_KEY,
    JSON.stringify({ version: 1, name: 'provider-down', options: { outageMs: -5 }, startedAt: 1, stepApplied: -1 }),
  )
  expect(runner.restore()).toBe('healthy')
  runner.dispose()
})

/** Two tabs: their own runners, the same storage and backend, storage events between them. */
function twoTabs() {
  const storage = memoryStorage()
  let deliver: ((event: StorageEvent) => void) | undefined
  const target = {
    addEventListener: (_: 'storage', listener: (event: StorageEvent) => void) => void (deliver = listener),
    removeEventListener: () => void (deliver = undefined),
  }
  const first = createScenarioRunner({ host: recordingHost(), db, storage })
  const second = createScenarioRunner({ host: recordingHost(), db, storage })
  second.watchOtherTabs(target)
  const notify = (key: string | null = SCENARIO_STORAGE_KEY) => deliver?.({ key } as StorageEvent)
  return { first, second, storage, notify }
}

test('another tab follows the choice, and a timeline recovers once for all tabs', () => {
  const { first, second, notify } = twoTabs()
  first.select('outage-then-recovery')
  notify()
  expect(second.getState()).toMatchObject({ name: 'outage-then-recovery', timeline: { label: 'Provider down' } })

  first.recoverNow()
  notify()
  expect(second.getState().timeline?.label).toBe('Provider recovered')
  expect(generation()).toBe(2)

  first.select('maintenance')
  notify()
  expect(second.getState().name).toBe('maintenance')
  expect(db.getBillingStatus().maintenance.enabled).toBe(true)
  first.dispose()
  second.dispose()
})

test('clearing storage in another tab does not drop the scenario', () => {
  const { first, second, storage, notify } = twoTabs()
  first.select('provider-down')
  notify()
  storage.removeItem(SCENARIO_STORAGE_KEY)
  notify(null)
  expect(second.getState().name).toBe('provider-down')
  const reloaded = createScenarioRunner({ host: recordingHost(), db, storage })
  expect(reloaded.restore()).toBe('provider-down')
  for (const runner of [first, second, reloaded]) runner.dispose()
})

test('a link selects a scenario and its options, and is removed from the URL', () => {
  expect(
    readScenarioLink('http://localhost/invoices?status=paid&scenario=outage-then-recovery&outageMs=5000#top'),
  ).toEqual({
    name: 'outage-then-recovery',
    options: { outageMs: 5_000 },
    problems: [],
    cleanUrl: '/invoices?status=paid#top',
  })
  expect(readScenarioLink('http://localhost/?scenario=provider-flaky&seed=42')).toMatchObject({
    name: 'provider-flaky',
    options: { seed: 42 },
  })
  expect(readScenarioLink('http://localhost/invoices?status=paid')).toBeNull()
})

test('a link with an unknown scenario or a bad option says so and uses healthy or the default', () => {
  expect(readScenarioLink('http://localhost/?scenario=xyz')).toEqual({
    name: 'healthy',
    options: {},
    problems: ['Unknown scenario "xyz": using healthy.'],
    cleanUrl: '/',
  })
  expect(readScenarioLink('http://localhost/?scenario=outage-then-recovery&outageMs=soon')).toMatchObject({
    name: 'outage-then-recovery',
    options: {},
    problems: ['Ignored outageMs="soon": not a valid number.'],
  })
})

test('every scenario can be chosen and left again', async () => {
  const scenario = useContractScenario('healthy')
  for (const name of scenarioNames satisfies readonly ScenarioName[]) scenario.select(name)
  scenario.select('healthy')
  await ok('getSubscription')
  expect(db.getBillingStatus().maintenance.enabled).toBe(false)
})
