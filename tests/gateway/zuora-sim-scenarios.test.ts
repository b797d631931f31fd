// @vitest-environment node
/**
 * What each of the 13 scenarios does at Zuora, call by call, on a fake clock.
 */
import { beforeEach, expect, test } from 'vitest'
import { subscriptionsByAccountResponseSchema } from '../../gateway/zuora/spec'
import { demoPaymentPageId } from '../../mocks/zuora'
import { scenarioNames } from '../../mocks/scenarios/names'
import { acmeSubscription, seatsOrder, simHarness, type SimHarness } from './zuora-sim-client'

let h: SimHarness
beforeEach(async () => {
  h = simHarness()
  await h.signIn()
})

const token = () =>
  h.call('POST', '/oauth/token', {
    form: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
  })
const subscriptions = () => h.get('/v1/subscriptions/accounts/A00000001')

/** The answer, advancing the fake clock by `stepMs` as long as it keeps the caller waiting. */
async function answerOf(
  pending: Promise<Response>,
  stepMs = 500,
  maxMs = 10_000,
): Promise<{ answer: Response; waitedMs: number }> {
  let settled = false
  void pending.then(
    () => (settled = true),
    () => (settled = true),
  )
  let waitedMs = 0
  await h.settle()
  while (!settled && waitedMs < maxMs) {
    await h.advance(stepMs)
    waitedMs += stepMs
  }
  return { answer: await pending, waitedMs }
}

test('every scenario name is known to the simulator', () => {
  for (const name of scenarioNames) expect(h.sim.control.select(name).name).toBe(name)
})

test('healthy and maintenance: Zuora answers normally', async () => {
  for (const name of ['healthy', 'maintenance'] as const) {
    h.sim.control.select(name)
    expect((await token()).status).toBe(200)
    expect((await subscriptions()).status).toBe(200)
  }
})

test("provider-down and own-api-down: every call, the token's too, gets the edge's HTML 503", async () => {
  for (const name of ['provider-down', 'own-api-down'] as const) {
    h.sim.control.select(name)
    for (const answer of [
      await token(),
      await subscriptions(),
      await h.post('/v1/orders', await Promise.resolve({})),
    ]) {
      expect(answer.status).toBe(503)
      expect(answer.headers.get('Content-Type')).toBe('text/html')
    }
  }
})

test('provider-hang: no answer however long, until the caller aborts', async () => {
  h.sim.control.select('provider-hang')
  const caller = new AbortController()
  let settled = false
  const pending = h.call('GET', '/v1/accounts/A00000001', { signal: caller.signal })
  void pending.then(
    () => (settled = true),
    () => (settled = true),
  )
  await h.advance(600_000)
  expect(settled).toBe(false)
  caller.abort()
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
})

test('provider-slow: answers normally after slowMs', async () => {
  h.sim.control.select('provider-slow', { slowMs: 2_000 })
  const { answer, waitedMs } = await answerOf(subscriptions())
  expect(answer.status).toBe(200)
  expect(waitedMs).toBe(2_000)
})

test('provider-flaky: a seeded 40 % of calls answer 503, the same ones for the same seed', async () => {
  const run = async () => {
    h.sim.control.select('provider-flaky', { seed: 7 })
    const statuses: number[] = []
    for (let i = 0; i < 200; i += 1) statuses.push((await h.get('/v1/accounts/A00000001')).status)
    return statuses
  }
  const first = await run()
  const failed = first.filter((status) => status === 503).length
  expect(failed).toBeGreaterThan(60)
  expect(failed).toBeLessThan(100)
  expect(first.every((status) => status === 200 || status === 503)).toBe(true)
  expect(await run()).toEqual(first)
})

test('cache-layer-failure: 500s and HTML 502s, slow calls of 1.5–4 s, and stale reads after a change', async () => {
  const order = await seatsOrder(h, 30)
  h.sim.control.select('cache-layer-failure', { seed: 3 })
  const seen = { 500: 0, 502: 0, slow: 0 }
  for (let i = 0; i < 100; i += 1) {
    const { answer, waitedMs } = await answerOf(h.get('/v1/accounts/A00000001'))
    if (answer.status === 500) seen[500] += 1
    if (answer.status === 502) {
      seen[502] += 1
      expect(answer.headers.get('Content-Type')).toBe('text/html')
    }
    if (waitedMs > 0) {
      seen.slow += 1
      expect(waitedMs).toBeGreaterThanOrEqual(1_500)
      expect(waitedMs).toBeLessThanOrEqual(4_000)
    }
  }
  expect(seen[500]).toBeGreaterThan(5)
  expect(seen[502]).toBeGreaterThan(5)
  expect(seen.slow).toBeGreaterThan(10)

  // Reads after an order: within 15 s some still show the seats before it.
  const quantities = async () => {
    const { answer } = await answerOf(subscriptions())
    if (answer.status !== 200) return null
    const body = subscriptionsByAccountResponseSchema.parse(await answer.json())
    return body.subscriptions[0]?.ratePlans[0]?.ratePlanCharges[0]?.quantity ?? null
  }
  while ((await quantities()) === null);
  while (!((await (await answerOf(h.post('/v1/orders', order))).answer.json()) as { success?: boolean }).success);
  const after: Array<number | null> = []
  for (let i = 0; i < 8; i += 1) after.push(await quantities())
  expect(after).toContain(25)
  expect(after).toContain(30)
})

test('partial-invoices: invoice queries, invoice files and files fail; the rest works', async () => {
  h.sim.control.select('partial-invoices')
  expect((await h.get('/object-query/invoices?pageSize=5')).status).toBe(503)
  expect((await h.get('/object-query/invoices/ACME-000036')).status).toBe(503)
  expect((await h.get('/v1/invoices/ACME-000036/files')).status).toBe(503)
  expect((await h.get('/v1/files/f11e0a1000000000000000000000000024')).status).toBe(503)
  expect((await subscriptions()).status).toBe(200)
  expect((await h.get('/v1/accounts/A00000001/payment-methods/default')).status).toBe(200)
})

test('partial-payments: payment methods, Payment Pages signatures and payments fail; the rest works', async () => {
  h.sim.control.select('partial-payments')
  expect((await h.get('/v1/accounts/A00000001/payment-methods/default')).status).toBe(503)
  const signature = {
    uri: 'https://apisandbox.zuora.com/apps/PublicHostedPageLite.do',
    method: 'POST',
    pageId: demoPaymentPageId,
  }
  expect((await h.post('/v1/rsa-signatures', signature)).status).toBe(503)
  expect(
    (await h.post('/v1/payments', { accountNumber: 'A00000001', type: 'External', amount: 1, currency: 'USD' })).status,
  ).toBe(503)
  expect((await h.get('/object-query/invoices?pageSize=5')).status).toBe(200)
  expect((await h.get('/v1/accounts/A00000001')).status).toBe(200)
})

test("rate-limited: every call, the token's too, answers 429 with Retry-After 30 and ratelimit headers", async () => {
  h.sim.control.select('rate-limited')
  for (const answer of [await token(), await subscriptions()]) {
    expect(answer.status).toBe(429)
    expect(answer.headers.get('Retry-After')).toBe('30')
    expect(answer.headers.get('ratelimit-remaining')).toBe('0')
    expect(answer.headers.get('ratelimit-limit')).toContain('w=60')
  }
})

test('malformed: reads alternate between a body cut off half-way and one the schema refuses; writes pass', async () => {
  const order = await seatsOrder(h, 26)
  h.sim.control.select('malformed')
  const cut = await subscriptions()
  expect(cut.status).toBe(200)
  const text = await cut.text()
  expect(() => JSON.parse(text) as unknown).toThrow()
  const reshaped = (await (await subscriptions()).json()) as unknown
  expect(subscriptionsByAccountResponseSchema.safeParse(reshaped).success).toBe(false)
  expect(JSON.stringify(reshaped)).toContain('"quantity":"25"')
  expect(await (await h.post('/v1/orders', order)).json()).toMatchObject({ success: true })
})

test('outage-then-recovery: down for outageMs, then healthy; recover and fail jump along the timeline', async () => {
  let state = h.sim.control.select('outage-then-recovery', { outageMs: 30_000 })
  expect(state.timeline).toMatchObject({ index: 0, failing: true, canRecover: true })
  expect((await subscriptions()).status).toBe(503)
  await h.advance(30_000)
  expect((await subscriptions()).status).toBe(200)
  state = h.sim.control.failNow()
  expect(state.timeline).toMatchObject({ index: 0, failing: true, endsAt: h.now() + 30_000 })
  expect((await token()).status).toBe(503)
  state = h.sim.control.recoverNow()
  expect(state.timeline).toMatchObject({ index: 1, failing: false })
  expect((await acmeSubscription(h)).ratePlans.length).toBeGreaterThan(0)
})
