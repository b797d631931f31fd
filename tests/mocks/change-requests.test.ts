// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../mocks/db'
import { addFiveSeats, ok, refused, send, signInAs } from './support'
import '../support/legacy-contract/backend'
import { useScenario as useContractScenario } from '../support/legacy-contract/scenario'

const fiveMoreSeats = {
  items: [{ type: 'seats', seats: 30 }],
  note: 'Five new agents start Monday.',
  estimate: { amountMinor: 5 * 4_900, currency: 'USD' },
  basis: { planId: 'plan_professional', seats: 25 },
}

async function askAsViewer(body: unknown = fiveMoreSeats) {
  signInAs('viewer@acme.test')
  const request = await ok('createChangeRequest', { body }, 201)
  signInAs('owner@acme.test')
  return request
}

const approve = (requestId: string, approvalKey = 'approval-key-1') =>
  send('approveChangeRequest', { params: { requestId }, body: { approvalKey } })

const T0 = Date.parse('2026-03-02T10:00:00.000Z')
const HOUR = 60 * 60_000

/** Pins the db clock (Date only: the mock's waits stay real) at T0, and reseeds the backend on it. */
function pinClock(): void {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 })
  db.reset()
}
const advanceClock = (ms: number) => vi.setSystemTime(Date.now() + ms)

async function placeOrder(body: { items: unknown[]; promoCode: string | null }, idempotencyKey: string) {
  const quote = await ok('createQuote', { body }, 201)
  return ok('placeOrder', { body: { ...body, quoteId: quote.id }, idempotencyKey }, 201)
}

const link = (requestId: string, orderId: string) =>
  send('linkChangeRequestOrder', { params: { requestId }, body: { orderId } })
const statusOf = async (id: string) => (await ok('listChangeRequests')).requests.find((r) => r.id === id)

afterEach(() => {
  vi.useRealTimers()
})

describe('change requests', () => {
  it('lets an admin without billing rights ask while the provider is down, and see only their own', async () => {
    useContractScenario('provider-down')
    const mine = await askAsViewer()
    expect(mine).toMatchObject({
      status: 'waiting',
      requestedBy: { name: 'Bruno Lima' },
      note: 'Five new agents start Monday.',
      orderId: null,
    })
    await ok('createChangeRequest', { body: { ...fiveMoreSeats, note: null } }, 201) // the owner may ask too

    expect((await ok('listChangeRequests')).requests).toHaveLength(2)
    signInAs('viewer@acme.test')
    const { requests } = await ok('listChangeRequests')
    expect(requests.map((r) => r.id)).toEqual([mine.id])
  })

  it('refuses a request that breaks the rules, and operators asking', async () => {
    signInAs('viewer@acme.test')
    await refused(send('createChangeRequest', { body: { ...fiveMoreSeats, items: [] } }), 422, 'validation_failed')
    const twice = {
      ...fiveMoreSeats,
      items: [
        { type: 'seats', seats: 30 },
        { type: 'seats', seats: 31 },
      ],
    }
    await refused(send('createChangeRequest', { body: twice }), 422, 'validation_failed')
    signInAs('ops@vendor.test')
    await refused(send('createChangeRequest', { body: fiveMoreSeats }), 403, 'forbidden')
  })

  it('lets only a billing admin approve or decline', async () => {
    const { id } = await askAsViewer()
    signInAs('viewer@acme.test')
    const approval = await refused(approve(id), 403, 'forbidden')
    expect(approval.message).toBe('Only a billing admin can approve or decline a change request.')
    await refused(send('declineChangeRequest', { params: { requestId: id }, body: { reason: 'No' } }), 403, 'forbidden')
    signInAs('ops@vendor.test')
    await refused(approve(id), 403, 'forbidden')
    signInAs('owner@acme.test')
    expect((await ok('listChangeRequests')).requests[0]?.status).toBe('waiting')
  })

  it('takes a request once: the same approval again is a repeat, a second approval is refused', async () => {
    const { id } = await askAsViewer()
    const taken = await ok('approveChangeRequest', { params: { requestId: id }, body: { approvalKey: 'tab-one-key' } })
    expect(taken).toMatchObject({ status: 'approving', decidedBy: { name: 'Ana Souza' } })
    expect(
      await ok('approveChangeRequest', { params: { requestId: id }, body: { approvalKey: 'tab-one-key' } }),
    ).toEqual(taken)
    await refused(approve(id, 'tab-two-key'), 409, 'request_not_waiting')
  })

  it('links the order that carried out an approval, once', async () => {
    const { id } = await askAsViewer()
    await ok('approveChangeRequest', { params: { requestId: id }, body: { approvalKey: 'approval-key-1' } })
    await refused(
      send('linkChangeRequestOrder', { params: { requestId: id }, body: { orderId: 'ord_9999' } }),
      422,
      'order_not_completed',
    )

    const quote = await ok('createQuote', { body: addFiveSeats }, 201)
    const order = await ok(
      'placeOrder',
      { body: { ...addFiveSeats, quoteId: quote.id }, idempotencyKey: 'order-1' },
      201,
    )
    const linked = await ok('linkChangeRequestOrder', { params: { requestId: id }, body: { orderId: order.id } })
    expect(linked).toMatchObject({ status: 'ordered', orderId: order.id })
    expect(await ok('linkChangeRequestOrder', { params: { requestId: id }, body: { orderId: order.id } })).toEqual(
      linked,
    )
    await refused(
      send('linkChangeRequestOrder', { params: { requestId: id }, body: { orderId: 'ord_other' } }),
      409,
      'request_not_waiting',
    )
  })

  it('refuses to approve a change that no longer fits the subscription', async () => {
    const seatsBelowUse = await askAsViewer({ ...fiveMoreSeats, items: [{ type: 'seats', seats: 20 }] })
    await refused(approve(seatsBelowUse.id), 409, 'request_stale')

    const { id } = await askAsViewer()
    const planChange = { items: [{ type: 'plan', planId: 'plan_enterprise' }], promoCode: null }
    const quote = await ok('createQuote', { body: planChange }, 201)
    await ok('placeOrder', { body: { ...planChange, quoteId: quote.id }, idempotencyKey: 'plan-1' }, 201)
    const stale = await refused(approve(id), 409, 'request_stale')
    expect(stale.message).toContain('plan_changed')
    expect((await ok('listChangeRequests')).requests.find((r) => r.id === id)?.status).toBe('waiting')
  })

  it('declines with a reason during an outage, but pauses approving during maintenance', async () => {
    const first = await askAsViewer()
    const second = await askAsViewer()
    useContractScenario('provider-down')
    const declined = await ok('declineChangeRequest', {
      params: { requestId: first.id },
      body: { reason: 'We hire in March.' },
    })
    expect(declined).toMatchObject({
      status: 'declined',
      declineReason: 'We hire in March.',
      decidedBy: { name: 'Ana Souza' },
    })
    await refused(
      send('declineChangeRequest', { params: { requestId: first.id }, body: { reason: 'Again' } }),
      409,
      'request_not_waiting',
    )

    useContractScenario('maintenance')
    await refused(approve(second.id), 503, 'maintenance')
  })

  it('lets the requester, and only them, withdraw a waiting request', async () => {
    const { id } = await askAsViewer()
    await refused(send('withdrawChangeRequest', { params: { requestId: id } }), 403, 'forbidden')
    signInAs('viewer@acme.test')
    expect(await ok('withdrawChangeRequest', { params: { requestId: id } })).toMatchObject({ status: 'withdrawn' })
    await refused(send('withdrawChangeRequest', { params: { requestId: id } }), 409, 'request_not_waiting')
  })

  it('puts an approval that was not ordered back to waiting, for a billing admin only; the old approval links nothing', async () => {
    const { id } = await askAsViewer()
    const reopen = () => send('reopenChangeRequest', { params: { requestId: id } })
    await refused(reopen(), 409, 'request_not_waiting') // waiting: nothing to give up
    await ok('approveChangeRequest', { params: { requestId: id }, body: { approvalKey: 'approval-key-1' } })
    signInAs('viewer@acme.test')
    await refused(reopen(), 403, 'forbidden')
    signInAs('owner@acme.test')
    useContractScenario('provider-down') // the vendor's own data: works in an outage
    expect(await ok('reopenChangeRequest', { params: { requestId: id } })).toMatchObject({
      status: 'waiting',
      decidedBy: null,
      decidedAt: null,
    })
    // An order placed under the given-up approval is not linked to it.
    await refused(
      send('linkChangeRequestOrder', { params: { requestId: id }, body: { orderId: 'ord_1' } }),
      409,
      'request_not_waiting',
    )
    // Approved again, under a new key: it can be ordered once more.
    useContractScenario('healthy')
    expect((await approve(id, 'approval-key-2')).status).toBe(200)
  })

  it('puts an approval nobody ordered within 24 hours back to waiting by itself, for another admin to approve', async () => {
    pinClock()
    const { id } = await askAsViewer()
    await ok('approveChangeRequest', { params: { requestId: id }, body: { approvalKey: 'forgotten-approval' } })
    advanceClock(24 * HOUR - 60_000)
    expect(await statusOf(id)).toMatchObject({ status: 'approving', decidedBy: { name: 'Ana Souza' } })
    await refused(approve(id, 'another-approval'), 409, 'request_not_waiting')

    advanceClock(60_000)
    expect(await statusOf(id)).toMatchObject({ status: 'waiting', decidedBy: null, decidedAt: null })
    // As after a put-back: the old key no longer answers as a retry, another key takes it.
    const taken = await ok('approveChangeRequest', {
      params: { requestId: id },
      body: { approvalKey: 'another-approval' },
    })
    expect(taken).toMatchObject({ status: 'approving', decidedAt: new Date(T0 + 24 * HOUR).toISOString() })
  })

  it('still links an order placed before the approval lapsed, but not one placed after it or after a put-back', async () => {
    pinClock()
    const onTime = await askAsViewer()
    const late = await askAsViewer()
    const putBack = await askAsViewer()
    for (const { id } of [onTime, late, putBack])
      await ok('approveChangeRequest', { params: { requestId: id }, body: { approvalKey: `key-${id}` } })

    // Placed a minute before the approvals lapse; its confirmation (the link) comes after.
    advanceClock(24 * HOUR - 60_000)
    const order = await placeOrder(addFiveSeats, 'order-on-time')
    advanceClock(2 * 60_000)
    expect(await statusOf(onTime.id)).toMatchObject({ status: 'waiting' })
    expect(
      await ok('linkChangeRequestOrder', { params: { requestId: onTime.id }, body: { orderId: order.id } }),
    ).toMatchObject({
      status: 'ordered',
      orderId: order.id,
      decidedBy: { name: 'Ana Souza' },
      decidedAt: new Date(T0).toISOString(),
    })

    // Put back by hand once lapsed: answered as it is, and the old approval links nothing.
    expect(await ok('reopenChangeRequest', { params: { requestId: putBack.id } })).toMatchObject({ status: 'waiting' })
    await refused(link(putBack.id, order.id), 409, 'request_not_waiting')

    const after = await placeOrder({ items: [{ type: 'seats', seats: 35 }], promoCode: null }, 'order-too-late')
    await refused(link(late.id, after.id), 409, 'request_not_waiting')
    expect(await statusOf(late.id)).toMatchObject({ status: 'waiting', orderId: null })
  })
})
