// @vitest-environment node
/**
 * Change requests at renewal over HTTP: an admin without billing rights asks for fewer seats or a
 * smaller plan from the next renewal; a billing admin's approval schedules it at the simulated
 * Zuora (one order whose action is dated at the term's end) as PUT /subscription/scheduled-change
 * does, charges nothing, and records on the request from when. Acme: Professional, 25 seats bought,
 * 21 in use.
 */
import { expect, test } from 'vitest'
import { startGatewaySim } from '../../gateway/node/sim-server'
import {
  control,
  expectContract,
  failure,
  gatewayPerFile,
  signedIn,
  users,
  type Client,
  type GatewaySim,
} from './gateway-sim-client'

let sim: GatewaySim
let owner: Client
let viewer: Client
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
  viewer = await signedIn(sim, users.viewer)
})

async function askAtRenewal(items: unknown[], takesEffect = 'renewal', asker = viewer) {
  const answer = await asker.call('POST', '/change-requests', {
    body: { items, note: null, estimate: null, basis: { planId: 'plan_professional', seats: 25 }, takesEffect },
  })
  expect(answer.status, answer.text).toBe(201)
  expectContract('createChangeRequest', answer.body)
  return answer.body as { id: string; takesEffect: string; effectiveOn: string | null; status: string }
}

const approve = (id: string, approvalKey: string, approver = owner) =>
  approver.call('POST', `/change-requests/${id}/approve`, { body: { approvalKey } })

type RecordedAction = {
  type: string
  triggerDates: { name: string; triggerDate: string }[]
  changePlan?: { effectivePolicy?: string }
}
/** The order actions the simulated tenant recorded, oldest first. */
const recordedActions = () =>
  Object.values(sim.simulator.control.exportState().state.orders).flatMap((order) =>
    (order.subscriptions as { orderActions: RecordedAction[] }[]).flatMap((s) => s.orderActions),
  )
const invoicesFromOrders = () => sim.simulator.control.exportState().state.orderInvoices

const ordersSince = async (since: number) => {
  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as { calls: { operation: string }[] }
  return calls.filter((call) => call.operation === 'createOrder').length
}

test('approving fewer seats at renewal schedules them at Zuora from the renewal date; nothing is charged', async () => {
  const before = (await owner.get('/subscription')).body
  const request = await askAtRenewal([{ type: 'seats', seats: 22 }])
  expect(request).toMatchObject({ takesEffect: 'renewal', effectiveOn: null, status: 'waiting' })
  const since = Date.now()

  const approved = await approve(request.id, 'renewal-approval-1')
  expect(approved.status, approved.text).toBe(200)
  expectContract('approveChangeRequest', approved.body)
  expect(approved.body).toMatchObject({
    status: 'scheduled',
    effectiveOn: before.renewsAt,
    decidedBy: { id: 'usr_ana' },
    orderId: null,
  })

  // One order at Zuora, its action dated at the term's end; no invoice, no order of ours.
  expect(await ordersSince(since)).toBe(1)
  const [action] = recordedActions()
  expect(action?.type).toBe('UpdateProduct')
  expect(action?.triggerDates.every((date) => date.triggerDate === before.renewsAt)).toBe(true)
  expect(invoicesFromOrders()).toHaveLength(0)
  const after = (await owner.get('/subscription')).body
  expect(after).toMatchObject({ seats: before.seats, seatPrice: before.seatPrice, plan: before.plan })
  expect(after.scheduledChange).toEqual({ effectiveOn: before.renewsAt, seats: 22, plan: null })

  // A retry of the same approval answers it as it is and sends nothing; another approval is refused.
  expect((await approve(request.id, 'renewal-approval-1')).body).toEqual(approved.body)
  expect(failure(await approve(request.id, 'renewal-approval-2'))).toEqual([409, 'request_not_waiting'])
  expect(await ordersSince(since)).toBe(1)

  const listed = (await viewer.get('/change-requests')).body
  expectContract('listChangeRequests', listed)
  expect(listed.requests).toEqual([
    expect.objectContaining({ id: request.id, status: 'scheduled', effectiveOn: before.renewsAt }),
  ])
})

test('a smaller plan at renewal keeps the seats the owner scheduled before: a ChangePlan at the term’s end', async () => {
  const before = (await owner.get('/subscription')).body
  const scheduled = await owner.call('PUT', '/subscription/scheduled-change', { body: { seats: 23, planId: null } })
  expect(scheduled.status, scheduled.text).toBe(200)
  const request = await askAtRenewal([{ type: 'plan', planId: 'plan_team' }])

  const approved = await approve(request.id, 'renewal-approval-plan')
  expect(approved.status, approved.text).toBe(200)
  expect(approved.body).toMatchObject({ status: 'scheduled', effectiveOn: before.renewsAt })
  expect((await owner.get('/subscription')).body.scheduledChange).toEqual({
    effectiveOn: before.renewsAt,
    seats: 23,
    plan: { id: 'plan_team', name: 'Team' },
  })
  const last = recordedActions().at(-1)
  expect(last?.type).toBe('ChangePlan')
  expect(last?.changePlan?.effectivePolicy).toBe('SpecificDate')
  expect(invoicesFromOrders()).toHaveLength(0)
})

test('a request now is still taken to be ordered: nothing is scheduled when it is approved', async () => {
  const request = await askAtRenewal([{ type: 'seats', seats: 22 }], 'now')
  expect(request.takesEffect).toBe('now')
  const since = Date.now()
  expect((await approve(request.id, 'now-approval')).body.status).toBe('approving')
  expect(await ordersSince(since)).toBe(0)
  expect((await owner.get('/subscription')).body.scheduledChange).toBeNull()
})

test('refused: an add-on at renewal (422); more seats, or renewal off, at approval (409 request_stale, still waiting)', async () => {
  const addon = await viewer.call('POST', '/change-requests', {
    body: {
      items: [{ type: 'addon', addonId: 'addon_storage', quantity: 1 }],
      note: null,
      estimate: null,
      basis: { planId: 'plan_professional', seats: 25 },
      takesEffect: 'renewal',
    },
  })
  expect(failure(addon)).toEqual([422, 'validation_failed'])

  const since = Date.now()
  const more = await askAtRenewal([{ type: 'seats', seats: 27 }])
  expect(failure(await approve(more.id, 'more-approval'))).toEqual([409, 'request_stale'])

  const fewer = await askAtRenewal([{ type: 'seats', seats: 22 }])
  expect((await owner.call('PUT', '/subscription/renewal', { body: { autoRenew: false } })).status).toBe(200)
  expect(failure(await approve(fewer.id, 'renewal-off-approval'))).toEqual([409, 'request_stale'])

  const listed = (await owner.get('/change-requests')).body.requests as { id: string; status: string }[]
  expect(listed.map((r) => r.status)).toEqual(['waiting', 'waiting'])
  // The renewal order only: nothing scheduled.
  expect(recordedActions().map((a) => a.type)).toEqual(['TermsAndConditions'])
  expect(await ordersSince(since)).toBe(1)
})

test('an answer lost after Zuora scheduled it: the request waits again, and approving again sends nothing twice', async () => {
  // Its own gateway, whose network loses the answer to the first order (Zuora got it and scheduled).
  let lose = 1
  const lossy = await startGatewaySim({
    port: 0,
    wrapZuora: (http) => async (request) => {
      const answer = await http(request)
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/orders' && lose-- > 0)
        throw new TypeError('fetch failed: connection reset')
      return answer
    },
  })
  try {
    const asker = await signedIn(lossy, users.viewer)
    const approver = await signedIn(lossy, users.owner)
    const request = await askAtRenewal([{ type: 'seats', seats: 22 }], 'renewal', asker)
    const lost = await approve(request.id, 'lost-approval', approver)
    expect(lost.status, lost.text).toBeGreaterThanOrEqual(500)
    const waiting = (await approver.get('/change-requests')).body.requests
    expect(waiting).toEqual([expect.objectContaining({ id: request.id, status: 'waiting', decidedBy: null })])
    expect((await approver.get('/subscription')).body.scheduledChange).toMatchObject({ seats: 22 })

    const again = await approve(request.id, 'second-approval', approver)
    expect(again.status, again.text).toBe(200)
    expect(again.body.status).toBe('scheduled')
    const orders = Object.values(lossy.simulator.control.exportState().state.orders)
    expect(orders).toHaveLength(1)
  } finally {
    await lossy.close()
  }
}, 30_000)
