// @vitest-environment node
/**
 * Changes at renewal over HTTP: fewer seats and a smaller plan scheduled for the end of the term
 * (one order at the simulated Zuora whose action's trigger dates are the term's end; today's seats
 * and plan unchanged), read back as `scheduledChange`, replaced in full, withdrawn; nothing sent
 * when the next term already starts as asked; only a billing admin, never in maintenance, never
 * below the seats in use. Acme: Professional, 25 seats bought, 21 in use.
 */
import { expect, test } from 'vitest'
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
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
})

const schedule = (browser: Client, body: unknown) => browser.call('PUT', '/subscription/scheduled-change', { body })
const withdraw = (browser: Client) => browser.call('DELETE', '/subscription/scheduled-change')

type RecordedAction = {
  type: string
  triggerDates: { name: string; triggerDate: string }[]
  changePlan?: { effectivePolicy?: string; newProductRatePlan: { productRatePlanId: string } }
}
/** The order actions of the orders the simulated tenant recorded, oldest first. */
const recordedActions = () =>
  Object.values(sim.simulator.control.exportState().state.orders).flatMap((order) =>
    (order.subscriptions as { orderActions: RecordedAction[] }[]).flatMap((s) => s.orderActions),
  )

const ordersSince = async (since: number) => {
  const { calls } = (await control(sim, `zuora-calls?since=${since}`)) as { calls: { operation: string }[] }
  return calls.filter((call) => call.operation === 'createOrder').length
}

const triggerDatesAt = (date: string) => [
  { name: 'ContractEffective', triggerDate: date },
  { name: 'ServiceActivation', triggerDate: date },
  { name: 'CustomerAcceptance', triggerDate: date },
]

test('fewer seats are scheduled for the end of the term: today’s seats and seat price stay, nothing is invoiced', async () => {
  const before = await owner.get('/subscription')
  expect(before.body.scheduledChange).toBeNull()
  const since = Date.now()

  const scheduled = await schedule(owner, { seats: 22, planId: null })
  expect(scheduled.status, scheduled.text).toBe(200)
  expectContract('scheduleChange', scheduled.body)
  const expected = { effectiveOn: before.body.renewsAt, seats: 22, plan: null }
  expect(scheduled.body.scheduledChange).toEqual(expected)
  expect(scheduled.body).toMatchObject({
    seats: before.body.seats,
    plan: before.body.plan,
    seatPrice: before.body.seatPrice,
  })

  const read = await owner.get('/subscription')
  expect(read.body.scheduledChange).toEqual(expected)
  expect(read.body.seats).toEqual({ purchased: 25, inUse: 21 })

  expect(await ordersSince(since)).toBe(1)
  const [action] = recordedActions()
  expect(action?.type).toBe('UpdateProduct')
  expect(action?.triggerDates).toEqual(triggerDatesAt(before.body.renewsAt))
  const invoices = sim.simulator.control.exportState().state.orderInvoices
  expect(invoices).toHaveLength(0)

  // The same again, from a retry or another tab: nothing more is sent.
  const again = await schedule(owner, { seats: 22, planId: null })
  expect(again.body.scheduledChange).toEqual(expected)
  expect(await ordersSince(since)).toBe(1)
})

test('the next invoice, on the renewal date, prices what the next term starts with', async () => {
  // Today: 25 Professional seats at $49, Advanced AI 10 × $50, storage 2 × $25.
  const before = (await owner.get('/subscription')).body
  expect(before.nextInvoice).toEqual({ date: before.renewsAt, total: { amountMinor: 177_500, currency: 'USD' } })
  const addons = 10 * 5_000 + 2 * 2_500

  const fewer = (await schedule(owner, { seats: 22, planId: null })).body
  expect(fewer.nextInvoice).toEqual({
    date: before.renewsAt,
    total: { amountMinor: 22 * 4_900 + addons, currency: 'USD' },
  })
  expect((await owner.get('/subscription')).body.nextInvoice).toEqual(fewer.nextInvoice)

  // Team's seat price, with the seats scheduled before carried over.
  const team = (await schedule(owner, { seats: 22, planId: 'plan_team' })).body
  expect(team.nextInvoice.total.amountMinor).toBe(22 * 1_900 + addons)
  const teamToday = (await schedule(owner, { seats: null, planId: 'plan_team' })).body
  expect(teamToday.nextInvoice.total.amountMinor).toBe(25 * 1_900 + addons)

  expect((await withdraw(owner)).body.nextInvoice).toEqual(before.nextInvoice)
})

test('a smaller plan is scheduled as a ChangePlan at the term’s end; a new schedule replaces it in full', async () => {
  const before = (await owner.get('/subscription')).body
  const since = Date.now()
  const plan = await schedule(owner, { seats: null, planId: 'plan_team' })
  expect(plan.status, plan.text).toBe(200)
  expect(plan.body.scheduledChange).toEqual({
    effectiveOn: before.renewsAt,
    seats: null,
    plan: { id: 'plan_team', name: 'Team' },
  })
  expect(plan.body.plan).toEqual(before.plan)
  const [changePlan] = recordedActions()
  expect(changePlan?.type).toBe('ChangePlan')
  expect(changePlan?.changePlan?.effectivePolicy).toBe('SpecificDate')
  expect(changePlan?.triggerDates).toEqual(triggerDatesAt(before.renewsAt))

  // A full replace: Team with 21 seats, then Professional with 23 (the plan goes back to today's).
  const both = await schedule(owner, { seats: 21, planId: 'plan_team' })
  expect(both.body.scheduledChange).toEqual({
    effectiveOn: before.renewsAt,
    seats: 21,
    plan: { id: 'plan_team', name: 'Team' },
  })
  const seatsOnly = await schedule(owner, { seats: 23, planId: null })
  expect(seatsOnly.status, seatsOnly.text).toBe(200)
  expect(seatsOnly.body.scheduledChange).toEqual({ effectiveOn: before.renewsAt, seats: 23, plan: null })
  expect((await owner.get('/subscription')).body).toMatchObject({ plan: before.plan, seats: before.seats })
  expect(await ordersSince(since)).toBe(3)
})

test('withdrawing puts the next term back as today; withdrawing again sends nothing', async () => {
  const before = (await owner.get('/subscription')).body
  await schedule(owner, { seats: 22, planId: 'plan_team' })
  const since = Date.now()

  const withdrawn = await withdraw(owner)
  expect(withdrawn.status, withdrawn.text).toBe(200)
  expectContract('withdrawScheduledChange', withdrawn.body)
  expect(withdrawn.body.scheduledChange).toBeNull()
  expect((await owner.get('/subscription')).body).toEqual(before)
  expect(await ordersSince(since)).toBe(1)

  expect((await withdraw(owner)).body.scheduledChange).toBeNull()
  expect(await ordersSince(since)).toBe(1)

  // Scheduling works again after a withdrawal.
  const again = await schedule(owner, { seats: 24, planId: null })
  expect(again.body.scheduledChange).toEqual({ effectiveOn: before.renewsAt, seats: 24, plan: null })
})

test('seats bought now go in before the scheduled change, which stays', async () => {
  const before = (await owner.get('/subscription')).body
  await schedule(owner, { seats: 22, planId: null })
  const quote = await owner.call('POST', '/quotes', {
    body: { items: [{ type: 'seats', seats: 30 }], promoCode: null },
  })
  expect(quote.status, quote.text).toBe(201)
  const order = await owner.call('POST', '/orders', {
    body: { quoteId: quote.body.id, items: [{ type: 'seats', seats: 30 }], promoCode: null },
    headers: { 'Idempotency-Key': 'key-seats-now-0001' },
  })
  expect(order.status, order.text).toBeLessThan(300)
  const after = (await owner.get('/subscription')).body
  expect(after.seats.purchased).toBe(30)
  expect(after.scheduledChange).toEqual({ effectiveOn: before.renewsAt, seats: 22, plan: null })
})

test('refused: below the seats in use, more than bought, a dearer or unknown plan, nothing to change', async () => {
  const since = Date.now()
  expect(failure(await schedule(owner, { seats: 20, planId: null }))).toEqual([422, 'seats_below_in_use'])
  expect(failure(await schedule(owner, { seats: 26, planId: null }))).toEqual([422, 'not_a_decrease'])
  expect(failure(await schedule(owner, { seats: 25, planId: null }))).toEqual([422, 'not_a_decrease'])
  expect(failure(await schedule(owner, { seats: null, planId: 'plan_enterprise' }))).toEqual([422, 'not_a_decrease'])
  expect(failure(await schedule(owner, { seats: null, planId: 'plan_nope' }))).toEqual([422, 'validation_failed'])
  for (const body of [{}, { seats: null, planId: null }, { seats: 0, planId: null }, { seats: '22' }])
    expect(failure(await schedule(owner, body))).toEqual([422, 'validation_failed'])
  expect(await ordersSince(since)).toBe(0)
})

test('with renewal off nothing can be scheduled (409)', async () => {
  await owner.call('PUT', '/subscription/renewal', { body: { autoRenew: false } })
  expect(failure(await schedule(owner, { seats: 22, planId: null }))).toEqual([409, 'renewal_off'])
})

test('only a billing admin schedules or withdraws (viewer 403), never in maintenance (503)', async () => {
  const viewer = await signedIn(sim, users.viewer)
  expect(failure(await schedule(viewer, { seats: 22, planId: null }))).toEqual([403, 'forbidden'])
  expect(failure(await withdraw(viewer))).toEqual([403, 'forbidden'])

  const operator = await signedIn(sim, users.operator)
  const on = { enabled: true, message: 'Upgrading the billing provider.', reason: 'scheduled' }
  expect((await operator.call('PUT', '/billing-status/maintenance', { body: on })).status).toBe(200)
  expect(failure(await schedule(owner, { seats: 22, planId: null }))).toEqual([503, 'maintenance'])
  expect(failure(await withdraw(owner))).toEqual([503, 'maintenance'])
  await operator.call('PUT', '/billing-status/maintenance', { body: { enabled: false, message: 'Done.' } })

  expect((await owner.get('/subscription')).body.scheduledChange).toBeNull()
  expect(recordedActions()).toHaveLength(0)
})
