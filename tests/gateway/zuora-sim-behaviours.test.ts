// @vitest-environment node
/**
 * Zuora's behaviours the gateway must cope with, as the simulator has them: Idempotency-Key
 * replay (failures too), 409 while the first is in flight, 422 on another URL, 400 on a PUT; token
 * expiry; a slow order committed after the client gave up; a PDF not generated yet; order numbers
 * unique; Zuora's headers on every answer.
 */
import { beforeEach, expect, test } from 'vitest'
import { acmeSubscription, seatsOrder, simHarness, type SimHarness } from './zuora-sim-client'

let h: SimHarness
beforeEach(async () => {
  h = simHarness()
  await h.signIn()
})

test('the same Idempotency-Key replays the first answer, even a refusal, without doing it again', async () => {
  const refused = await h.post('/v1/orders', await seatsOrder(h, 2.5), { 'Idempotency-Key': 'key-a' })
  const first = await refused.json()
  expect(first).toMatchObject({ success: false })
  // The body now is fine, but the key already has its answer.
  const replayed = await h.post('/v1/orders', await seatsOrder(h, 30), { 'Idempotency-Key': 'key-a' })
  expect(await replayed.json()).toEqual(first)
  expect((await acmeSubscription(h)).ratePlans[0]?.ratePlanCharges[0]?.quantity).toBe(25)

  const made = await (await h.post('/v1/orders', await seatsOrder(h, 30), { 'Idempotency-Key': 'key-b' })).json()
  const again = await (await h.post('/v1/orders', await seatsOrder(h, 30), { 'Idempotency-Key': 'key-b' })).json()
  expect(again).toEqual(made)
  expect((await acmeSubscription(h)).ratePlans[0]?.ratePlanCharges[0]).toMatchObject({ quantity: 30, segment: 3 })
})

test('a key is forgotten after 24 hours', async () => {
  await h.post('/v1/orders', await seatsOrder(h, 26), { 'Idempotency-Key': 'old' })
  await h.advance(24 * 3_600_000)
  await h.signIn()
  const second = await (await h.post('/v1/orders', await seatsOrder(h, 27), { 'Idempotency-Key': 'old' })).json()
  expect(second).toMatchObject({ success: true })
  expect((await acmeSubscription(h)).ratePlans[0]?.ratePlanCharges[0]?.quantity).toBe(27)
})

test('409 while the first request with the key is in flight, 422 for the key on another URL, 400 on a PUT', async () => {
  h.sim.control.select('healthy', { orderCommitMs: 10_000 })
  const order = await seatsOrder(h, 31)
  const slow = h.post('/v1/orders', order, { 'Idempotency-Key': 'key-c' })
  await h.settle()
  const repeat = await h.post('/v1/orders', order, { 'Idempotency-Key': 'key-c' })
  expect(repeat.status).toBe(409)
  const elsewhere = await h.post('/v1/orders/preview', order, { 'Idempotency-Key': 'key-c' })
  expect(elsewhere.status).toBe(422)
  await h.advance(10_000)
  expect(await (await slow).json()).toMatchObject({ success: true })
  const put = await h.put('/v1/accounts/A00000001', { taxInfo: { VATId: 'X' } }, { 'Idempotency-Key': 'key-d' })
  expect(put.status).toBe(400)
  expect(await (await h.get('/v1/accounts/A00000001')).json()).toMatchObject({ taxInfo: { VATId: '94-1234567' } })
})

test('a token expires after 3599 s: 401 then, and for an unknown bearer', async () => {
  expect((await h.get('/v1/accounts/A00000001')).status).toBe(200)
  await h.advance(3_599_000)
  const expired = await h.get('/v1/accounts/A00000001')
  expect(expired.status).toBe(401)
  expect(await expired.json()).toMatchObject({ reasons: [{ code: 90000011 }] })
  h.setToken('not-a-token')
  expect((await h.get('/v1/accounts/A00000001')).status).toBe(401)
})

test('an order that takes orderCommitMs is created even though the client gave up waiting', async () => {
  h.sim.control.select('healthy', { orderCommitMs: 30_000 })
  const client = new AbortController()
  const order = await seatsOrder(h, 33, { orderNumber: 'ORD-SLOW-1' })
  const pending = h.call('POST', '/v1/orders', { body: order, signal: client.signal })
  await h.settle()
  await h.advance(15_000)
  client.abort()
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  expect(await (await h.get('/v1/orders/ORD-SLOW-1')).json()).toMatchObject({ success: false })
  await h.advance(15_000)
  expect(await (await h.get('/v1/orders/ORD-SLOW-1')).json()).toMatchObject({
    success: true,
    order: { orderNumber: 'ORD-SLOW-1' },
  })
  expect((await acmeSubscription(h)).ratePlans[0]?.ratePlanCharges[0]?.quantity).toBe(33)
})

test('an order number given by the client is unique: a second order with it is refused', async () => {
  expect(await (await h.post('/v1/orders', await seatsOrder(h, 26, { orderNumber: 'ORD-1' }))).json()).toMatchObject({
    success: true,
  })
  const second = await (await h.post('/v1/orders', await seatsOrder(h, 40, { orderNumber: 'ORD-1' }))).json()
  expect(second).toMatchObject({ success: false, reasons: [{ code: 53100030 }] })
  expect((await acmeSubscription(h)).ratePlans[0]?.ratePlanCharges[0]?.quantity).toBe(26)
})

test('the invoice an order makes has no PDF for a few seconds', async () => {
  const created = (await (
    await h.post('/v1/orders?returnIds=true', await seatsOrder(h, 29, { processingOptions: { runBilling: true } }))
  ).json()) as { invoiceIds: string[] }
  const invoiceId = created.invoiceIds[0] ?? ''
  expect(await (await h.get(`/v1/invoices/${invoiceId}/files`)).json()).toEqual({ invoiceFiles: [], success: true })
  await h.advance(5_000)
  const files = (await (await h.get(`/v1/invoices/${invoiceId}/files`)).json()) as {
    invoiceFiles: Array<{ pdfFileUrl: string }>
  }
  expect(files.invoiceFiles).toHaveLength(1)
  const pdf = await h.get(files.invoiceFiles[0]?.pdfFileUrl ?? '')
  expect(pdf.status).toBe(200)
  expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
})

test("every answer carries Zuora's headers: request id, the echoed track id, rate and concurrency limits", async () => {
  const answer = await h.get('/v1/accounts/A00000001', { 'Zuora-Track-Id': 'req-42' })
  expect(answer.headers.get('Zuora-Track-Id')).toBe('req-42')
  expect(answer.headers.get('Zuora-Request-Id')).toBeTruthy()
  expect(answer.headers.get('Concurrency-Limit-Limit')).toBe('40')
  expect(Number(answer.headers.get('Concurrency-Limit-Remaining'))).toBeLessThanOrEqual(40)
  expect(Number(answer.headers.get('ratelimit-remaining'))).toBeLessThan(50_000)
  const order = await h.post('/v1/orders/preview', {})
  expect(order.headers.get('Concurrency-Limit-Limit')).toBe('200')
  expect(h.sim.control.calls().at(-1)).toMatchObject({ operation: 'previewOrder', status: 200 })
  expect(h.sim.control.calls().find((c) => c.trackId === 'req-42')).toMatchObject({
    zuoraVersion: '2025-08-12',
    status: 200,
  })
})

test("past its pool's concurrency limit (200 for orders) a call answers 429 in the concurrency category", async () => {
  // Slow orders hold their slot until they commit.
  h.sim.control.select('healthy', { orderCommitMs: 1_000 })
  const order = await seatsOrder(h, 26)
  const inFlight = Array.from({ length: 200 }, (_, i) =>
    h.post('/v1/orders', { ...order, orderNumber: `ORD-HOLD-${i}` }),
  )
  await h.settle()
  const over = await h.post('/v1/orders', { ...order, orderNumber: 'ORD-OVER' })
  expect(over.status).toBe(429)
  expect(await over.json()).toMatchObject({ success: false, reasons: [{ code: 50000070 }] })
  await h.advance(1_000)
  await Promise.all(inFlight)
})

test('reset brings the seed back and forgets tokens, keys and calls', async () => {
  await h.post('/v1/orders', await seatsOrder(h, 40))
  h.sim.control.reset()
  expect(h.sim.control.calls()).toEqual([])
  expect((await h.get('/v1/accounts/A00000001')).status).toBe(401)
  await h.signIn()
  expect((await acmeSubscription(h)).ratePlans[0]?.ratePlanCharges[0]?.quantity).toBe(25)
})
