// @vitest-environment node
/**
 * Change requests for renewal over HTTP: an admin without billing rights asks to turn renewal off
 * (or back on); a billing admin's approval sets it at the simulated Zuora as PUT
 * /subscription/renewal does (one TermsAndConditions order, nothing charged, no cart) and records
 * on the request the day the subscription ends. Acme: Professional, 25 seats bought, 21 in use,
 * renewing.
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

type Asked = { id: string; takesEffect: string; effectiveOn: string | null; status: string }

async function ask(items: unknown[], asker = viewer, takesEffect?: string): Promise<Asked> {
  const answer = await asker.call('POST', '/change-requests', {
    body: { items, note: null, estimate: null, basis: { planId: 'plan_professional', seats: 25 }, takesEffect },
  })
  expect(answer.status, answer.text).toBe(201)
  expectContract('createChangeRequest', answer.body)
  return answer.body as Asked
}
const askRenewal = (autoRenew: boolean, asker = viewer) => ask([{ type: 'renewal', autoRenew }], asker)

const approve = (id: string, approvalKey: string, approver = owner) =>
  approver.call('POST', `/change-requests/${id}/approve`, { body: { approvalKey } })

/** The TermsAndConditions the simulated tenant recorded, oldest first. */
const termsOrdered = (on = sim) =>
  Object.values(on.simulator.control.exportState().state.orders)
    .flatMap((order) =>
      (order.subscriptions as { orderActions: { type: string; termsAndConditions?: unknown }[] }[]).flatMap(
        (s) => s.orderActions,
      ),
    )
    .filter((action) => action.type === 'TermsAndConditions')
    .map((action) => action.termsAndConditions)

const ordersSince = async (since: number) => {
  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as { calls: { operation: string }[] }
  return calls.filter((call) => call.operation === 'createOrder').length
}

test('approving "turn renewal off" ends the subscription on its renewal date, as PUT /subscription/renewal does', async () => {
  const before = (await owner.get('/subscription')).body
  const request = await askRenewal(false)
  expect(request).toMatchObject({ takesEffect: 'now', effectiveOn: null, status: 'waiting' })
  const since = Date.now()

  const approved = await approve(request.id, 'renewal-off-approval')
  expect(approved.status, approved.text).toBe(200)
  expectContract('approveChangeRequest', approved.body)
  expect(approved.body).toMatchObject({
    status: 'applied',
    effectiveOn: before.renewsAt,
    decidedBy: { id: 'usr_ana' },
    orderId: null,
  })

  // One change of terms at Zuora, and nothing charged: no invoice, the seats and plan as they were.
  expect(await ordersSince(since)).toBe(1)
  expect(termsOrdered()).toEqual([{ autoRenew: false }])
  expect(sim.simulator.control.exportState().state.orderInvoices).toHaveLength(0)
  const after = (await owner.get('/subscription')).body
  expect(after).toEqual({ ...before, autoRenew: false })

  // A retry of the same approval answers it as it is and sends nothing; another approval is refused.
  expect((await approve(request.id, 'renewal-off-approval')).body).toEqual(approved.body)
  expect(failure(await approve(request.id, 'another-approval'))).toEqual([409, 'request_not_waiting'])
  expect(await ordersSince(since)).toBe(1)

  const listed = (await viewer.get('/change-requests')).body
  expectContract('listChangeRequests', listed)
  expect(listed.requests).toEqual([
    expect.objectContaining({ id: request.id, status: 'applied', effectiveOn: before.renewsAt }),
  ])
})

test('approving "turn renewal on" renews the subscription again', async () => {
  expect((await owner.call('PUT', '/subscription/renewal', { body: { autoRenew: false } })).status).toBe(200)
  const request = await askRenewal(true)

  const approved = await approve(request.id, 'renewal-on-approval')
  expect(approved.status, approved.text).toBe(200)
  expect(approved.body.status).toBe('applied')
  expect((await owner.get('/subscription')).body.autoRenew).toBe(true)
  expect(termsOrdered()).toEqual([{ autoRenew: false }, { autoRenew: true }])
})

test('stale: renewal already as asked is refused with its reason, sends nothing, and the request still waits', async () => {
  const on = await askRenewal(true)
  const since = Date.now()
  const refused = await approve(on.id, 'already-on')
  expect(failure(refused)).toEqual([409, 'request_stale'])
  expect(refused.body.error.message).toContain('renewal_as_asked')

  // Asked off, then the owner turned it off themselves: the request is stale too.
  const off = await askRenewal(false)
  expect((await owner.call('PUT', '/subscription/renewal', { body: { autoRenew: false } })).status).toBe(200)
  expect(failure(await approve(off.id, 'already-off'))).toEqual([409, 'request_stale'])

  const listed = (await owner.get('/change-requests')).body.requests as Asked[]
  expect(listed.map((r) => r.status)).toEqual(['waiting', 'waiting'])
  // The owner's own change only.
  expect(await ordersSince(since)).toBe(1)
  expect(termsOrdered()).toEqual([{ autoRenew: false }])
})

test('as the owner’s controls: renewal off leaves a scheduled change as it is; fewer seats at renewal then go stale', async () => {
  const scheduled = await owner.call('PUT', '/subscription/scheduled-change', { body: { seats: 23, planId: null } })
  expect(scheduled.status, scheduled.text).toBe(200)
  const fewer = await ask([{ type: 'seats', seats: 22 }], viewer, 'renewal')
  const off = await askRenewal(false)

  // Turning renewal off is not refused for a scheduled change, as PUT /subscription/renewal is not.
  const approved = await approve(off.id, 'off-with-a-change-scheduled')
  expect(approved.status, approved.text).toBe(200)
  const after = (await owner.get('/subscription')).body
  expect(after).toMatchObject({ autoRenew: false, scheduledChange: scheduled.body.scheduledChange })

  // Nothing can be scheduled while renewal is off: the owner is refused 409 renewal_off, the request is stale.
  const own = await owner.call('PUT', '/subscription/scheduled-change', { body: { seats: 22, planId: null } })
  expect(failure(own)).toEqual([409, 'renewal_off'])
  expect(failure(await approve(fewer.id, 'fewer-while-off'))).toEqual([409, 'request_stale'])
})

test('a renewal change is asked for alone, and never "at renewal" (422)', async () => {
  const body = (items: unknown[], takesEffect?: string) => ({
    body: { items, note: null, estimate: null, basis: { planId: null, seats: null }, takesEffect },
  })
  const withSeats = await viewer.call(
    'POST',
    '/change-requests',
    body([
      { type: 'renewal', autoRenew: false },
      { type: 'seats', seats: 30 },
    ]),
  )
  expect(failure(withSeats)).toEqual([422, 'validation_failed'])
  const atRenewal = await viewer.call(
    'POST',
    '/change-requests',
    body([{ type: 'renewal', autoRenew: false }], 'renewal'),
  )
  expect(failure(atRenewal)).toEqual([422, 'validation_failed'])
  const notBoolean = await viewer.call('POST', '/change-requests', body([{ type: 'renewal', autoRenew: 'no' }]))
  expect(failure(notBoolean)).toEqual([422, 'validation_failed'])
})

test('Zuora failing puts the request back to waiting; approving it again turns renewal off once', async () => {
  // Its own gateway, whose network to Zuora fails for the first order (Zuora never gets it).
  let fail = 1
  const failing = await startGatewaySim({
    port: 0,
    wrapZuora: (http) => async (request) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/orders' && fail-- > 0)
        throw new TypeError('fetch failed: connection reset')
      return http(request)
    },
  })
  try {
    const asker = await signedIn(failing, users.viewer)
    const approver = await signedIn(failing, users.owner)
    const request = await askRenewal(false, asker)
    const failed = await approve(request.id, 'failed-approval', approver)
    expect(failed.status, failed.text).toBeGreaterThanOrEqual(500)
    const waiting = (await approver.get('/change-requests')).body.requests
    expect(waiting).toEqual([expect.objectContaining({ id: request.id, status: 'waiting', decidedBy: null })])
    expect((await approver.get('/subscription')).body.autoRenew).toBe(true)

    const again = await approve(request.id, 'second-approval', approver)
    expect(again.status, again.text).toBe(200)
    expect(again.body.status).toBe('applied')
    expect((await approver.get('/subscription')).body.autoRenew).toBe(false)
    expect(termsOrdered(failing)).toEqual([{ autoRenew: false }])
  } finally {
    await failing.close()
  }
}, 30_000)
