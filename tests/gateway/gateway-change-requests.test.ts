// @vitest-environment node
/**
 * Change requests through the gateway over HTTP: an admin without billing rights asks, a billing
 * admin approves once (with an approval key), orders it and links the order; decline, withdraw and
 * reopen; who may do what.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest'
import {
  expectContract,
  failure,
  quoted,
  reset,
  signedIn,
  startSim,
  users,
  type Client,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
let owner: Client
let viewer: Client
beforeAll(async () => {
  sim = await startSim()
}, 30_000)
afterAll(() => sim.close())
afterEach(() => {
  vi.useRealTimers()
})
beforeEach(async () => {
  await reset(sim)
  owner = await signedIn(sim, users.owner)
  viewer = await signedIn(sim, users.viewer)
})

const seats = (count: number) => [{ type: 'seats', seats: count }]

async function ask(items = seats(30), note: string | null = 'Five more agents start Monday.') {
  const answer = await viewer.call('POST', '/change-requests', {
    body: { items, note, estimate: null, basis: { planId: 'plan_professional', seats: 25 } },
  })
  expect(answer.status, answer.text).toBe(201)
  expectContract('createChangeRequest', answer.body)
  return answer.body as { id: string; status: string }
}

const act = (browser: Client, id: string, action: string, body?: unknown) =>
  browser.call('POST', `/change-requests/${id}/${action}`, { body: body ?? {} })

test('asked by a viewer, approved once by the owner, ordered, linked: the list shows it ordered', async () => {
  const request = await ask()
  expect(request).toMatchObject({ status: 'waiting', requestedBy: { id: 'usr_bruno' }, accountId: 'acc_acme' })
  // The viewer cannot decide, and the operator does not ask.
  expect(failure(await act(viewer, request.id, 'approve', { approvalKey: 'viewer-approval' }))).toEqual([
    403,
    'forbidden',
  ])
  const operator = await signedIn(sim, users.operator)
  expect(failure(await operator.call('POST', '/change-requests', { body: {} }))[0]).toBe(403)

  const approved = await act(owner, request.id, 'approve', { approvalKey: 'approval-key-1' })
  expect(approved.status).toBe(200)
  expectContract('approveChangeRequest', approved.body)
  expect(approved.body).toMatchObject({ status: 'approving', decidedBy: { id: 'usr_ana' } })
  // A retry of the same approval answers it as it is; a second approval (another tab) is refused.
  expect((await act(owner, request.id, 'approve', { approvalKey: 'approval-key-1' })).body).toEqual(approved.body)
  expect(failure(await act(owner, request.id, 'approve', { approvalKey: 'approval-key-2' }))).toEqual([
    409,
    'request_not_waiting',
  ])

  const { order: body } = await quoted(owner, seats(30))
  const placed = await owner.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'cr-order-1' } })
  expect(placed.status).toBe(201)
  expect(failure(await act(owner, request.id, 'order', { orderId: 'O-NOSUCHORDER' }))).toEqual([
    422,
    'order_not_completed',
  ])
  const linked = await act(owner, request.id, 'order', { orderId: placed.body.id })
  expect(linked.status).toBe(200)
  expectContract('linkChangeRequestOrder', linked.body)
  expect(linked.body).toMatchObject({ status: 'ordered', orderId: placed.body.id })
  expect((await act(owner, request.id, 'order', { orderId: placed.body.id })).status).toBe(200)

  const list = await owner.get('/change-requests')
  expect(list.status).toBe(200)
  expectContract('listChangeRequests', list.body)
  expect(list.body.requests).toEqual([expect.objectContaining({ id: request.id, status: 'ordered' })])
  expect((await viewer.get('/change-requests')).body.requests).toHaveLength(1)
})

test('a billing admin declines with a reason; a declined request can no longer be approved', async () => {
  const request = await ask()
  expect(failure(await act(owner, request.id, 'decline', { reason: '' }))[0]).toBe(422)
  const declined = await act(owner, request.id, 'decline', { reason: 'Wait for the next quarter.' })
  expect(declined.status).toBe(200)
  expectContract('declineChangeRequest', declined.body)
  expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Wait for the next quarter.' })
  expect(failure(await act(owner, request.id, 'approve', { approvalKey: 'late-approval' }))).toEqual([
    409,
    'request_not_waiting',
  ])
})

test('the requester withdraws a waiting request; nobody else can', async () => {
  const request = await ask()
  expect(failure(await act(owner, request.id, 'withdraw'))).toEqual([403, 'forbidden'])
  const withdrawn = await act(viewer, request.id, 'withdraw')
  expect(withdrawn.status).toBe(200)
  expectContract('withdrawChangeRequest', withdrawn.body)
  expect(withdrawn.body.status).toBe('withdrawn')
  expect(failure(await act(viewer, request.id, 'withdraw'))).toEqual([409, 'request_not_waiting'])
})

test('reopen gives an approval up: the request waits again and another key may approve it', async () => {
  const request = await ask()
  expect(failure(await act(owner, request.id, 'reopen'))).toEqual([409, 'request_not_waiting'])
  await act(owner, request.id, 'approve', { approvalKey: 'approval-given-up' })
  const reopened = await act(owner, request.id, 'reopen')
  expect(reopened.status).toBe(200)
  expectContract('reopenChangeRequest', reopened.body)
  expect(reopened.body).toMatchObject({ status: 'waiting', decidedBy: null })
  expect((await act(owner, request.id, 'approve', { approvalKey: 'approval-again' })).body.status).toBe('approving')
})

test('a request that no longer fits the subscription is refused 409 request_stale; unknown ids 404', async () => {
  const request = await ask(seats(30))
  // Meanwhile the owner ordered the seats directly: 30 seats is no longer a change of 25.
  const { order: body } = await quoted(owner, [{ type: 'plan', planId: 'plan_enterprise' }])
  expect((await owner.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'plan-change' } })).status).toBe(
    201,
  )
  expect(failure(await act(owner, request.id, 'approve', { approvalKey: 'stale-approval' }))).toEqual([
    409,
    'request_stale',
  ])
  expect(failure(await act(owner, 'cr_nosuchrequest', 'approve', { approvalKey: 'approval-none' }))).toEqual([
    404,
    'not_found',
  ])
})

test('an approval not ordered within 24 hours waits again by itself; an order placed before that still links', async () => {
  // The gateway runs in this process: faking Date (timers stay real) moves its clock and Zuora's.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
  const request = await ask()
  expect((await act(owner, request.id, 'approve', { approvalKey: 'approval-left' })).body.status).toBe('approving')

  vi.setSystemTime(Date.now() + 24 * 60 * 60_000 - 60_000)
  owner = await signedIn(sim, users.owner) // the morning's session went idle overnight
  const { order: body } = await quoted(owner, seats(30))
  const placed = await owner.call('POST', '/orders', { body, headers: { 'Idempotency-Key': 'cr-order-late' } })
  expect(placed.status, placed.text).toBe(201)

  vi.setSystemTime(Date.now() + 2 * 60_000) // the approval lapses before the order is linked
  const list = await owner.get('/change-requests')
  expectContract('listChangeRequests', list.body)
  expect(list.body.requests).toEqual([
    expect.objectContaining({ id: request.id, status: 'waiting', decidedBy: null, decidedAt: null }),
  ])
  const linked = await act(owner, request.id, 'order', { orderId: placed.body.id })
  expect(linked.status, linked.text).toBe(200)
  expectContract('linkChangeRequestOrder', linked.body)
  expect(linked.body).toMatchObject({ status: 'ordered', orderId: placed.body.id, decidedBy: { id: 'usr_ana' } })
})
