// @vitest-environment node
/**
 * An order whose answer never comes, through the gateway over HTTP on real time: Zuora takes 15 s
 * to commit it (orderCommitMs), past the gateway's 12 s order time-out (gateway/context.ts). The
 * outcome is unknown, so the gateway says so (503) and keeps the key `pending` (GET /orders/by-key).
 * A retry at once finds no order of its number yet and sends it again under the same Zuora key, so
 * Zuora, still running the first, answers 409 and the retry is told to wait; a retry after the
 * commit gets the one order: Zuora created it once and the seats moved once.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { defaultTimeouts } from '../../gateway/context'
import {
  control,
  expectContract,
  failure,
  pause,
  quoted,
  signedIn,
  startSim,
  users,
  type GatewaySim,
} from './gateway-sim-client'

const ORDER_COMMIT_MS = 15_000

let sim: GatewaySim
beforeAll(async () => {
  sim = await startSim()
}, 30_000)
afterAll(() => sim.close())

test('an order that commits after the gateway gave up: 503, pending, then completed, and placed once', async () => {
  expect(defaultTimeouts.orderMs).toBeLessThan(ORDER_COMMIT_MS)
  const owner = await signedIn(sim, users.owner)
  await control(sim, 'scenario', { name: 'healthy', options: { orderCommitMs: ORDER_COMMIT_MS } })
  const since = Date.now()
  const { order: body } = await quoted(owner, [{ type: 'seats', seats: 32 }])
  const key = 'slow-order-1'
  const place = () => owner.call('POST', '/orders', { body, headers: { 'Idempotency-Key': key } })

  const sentAt = Date.now()
  const first = place()
  // While it is being processed: pending by key, and a repeat of the key is told to wait.
  await pause(1_000)
  const meanwhile = await owner.get(`/orders/by-key/${key}`)
  expect(meanwhile.status).toBe(200)
  expectContract('getOrderByKey', meanwhile.body)
  expect(meanwhile.body).toMatchObject({ idempotencyKey: key, status: 'pending', invoiceId: null })
  const repeat = await place()
  expect(failure(repeat)).toEqual([409, 'idempotency_in_progress'])
  expect(repeat.headers.get('retry-after')).not.toBeNull()

  // The gateway's time-out ends the wait: the outcome is unknown, and it says so.
  const timedOut = await first
  const waitedMs = Date.now() - sentAt
  expect(failure(timedOut)).toEqual([503, 'provider_unavailable'])
  expect(Number(timedOut.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(waitedMs).toBeGreaterThanOrEqual(defaultTimeouts.orderMs - 100)
  expect(waitedMs).toBeLessThan(ORDER_COMMIT_MS)
  expect((await owner.get(`/orders/by-key/${key}`)).body).toMatchObject({ id: meanwhile.body.id, status: 'pending' })
  const retriedAtOnce = await place()
  expect(failure(retriedAtOnce)).toEqual([409, 'idempotency_in_progress'])

  // Polled as the app does, it turns completed once Zuora commits it.
  let settled = meanwhile.body as { status: string }
  while (settled.status === 'pending' && Date.now() - sentAt < ORDER_COMMIT_MS + 5_000) {
    await pause(250)
    const answer = await owner.get(`/orders/by-key/${key}`)
    expect(answer.status).toBe(200)
    settled = answer.body
  }
  console.info(`[gateway] order: 503 after ${waitedMs} ms, completed after ${Date.now() - sentAt} ms`)
  expect(settled).toMatchObject({ id: meanwhile.body.id, idempotencyKey: key, status: 'completed' })

  // The app's retry of the same order: the one order, not a second.
  const retried = await place()
  expect(retried.status).toBe(200)
  expectContract('placeOrder', retried.body)
  expect(retried.body).toMatchObject({ id: meanwhile.body.id, status: 'completed', total: meanwhile.body.total })

  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as {
    calls: { operation: string; idempotencyKey: string | null; status: number | null }[]
  }
  const creates = calls.filter((call) => call.operation === 'createOrder')
  // The first (its answer never came: the gateway had given up), and the retry at once that Zuora
  // refused with 409 under the same key.
  expect(creates.map((call) => call.status)).toEqual([null, 409])
  expect(creates[1]?.idempotencyKey).toBe(creates[0]?.idempotencyKey)
  expect(creates[0]?.idempotencyKey).not.toBe(key) // derived from ours and the body, never ours as is
  expect((await owner.get('/subscription')).body.seats.purchased).toBe(32)
}, 45_000)
