// @vitest-environment node
/**
 * Future-dated order actions in the Zuora simulator, as Zuora applies them: a change dated at the
 * term's end leaves today's segment as it is and starts a segment (or a plan) then; nothing later
 * than the term's end; an update given `specificUpdateDate` goes in before a future-dated one,
 * which stays. Acme: Professional, 25 seats.
 */
import { beforeEach, expect, test } from 'vitest'
import { zuoraPlanIds } from '../../mocks/zuora'
import { acmeSubscription, seatsOrder, simHarness, TODAY, type SimHarness } from './zuora-sim-client'

let h: SimHarness
beforeEach(async () => {
  h = simHarness()
  await h.signIn()
})

const on = (date: string) =>
  (['ContractEffective', 'ServiceActivation', 'CustomerAcceptance'] as const).map((name) => ({
    name,
    triggerDate: date,
  }))

type Segment = { quantity: number | null; effectiveStartDate: string; effectiveEndDate: string; segment: number }
type Charges = {
  subscriptions: Array<{
    ratePlans: Array<{
      id: string
      productRatePlanId: string
      ratePlanCharges: Array<Segment & { number: string; chargeSegments: Segment[] }>
    }>
  }>
}
const read = async (detail: string) =>
  ((await (await h.get(`/v1/subscriptions/accounts/A00000001?charge-detail=${detail}`)).json()) as Charges)
    .subscriptions[0]

/** Seats from the term's end: UpdateProduct with its three trigger dates then. */
async function seatsAtTermEnd(seats: number) {
  const order = await seatsOrder(h, seats)
  const { termEndDate } = await acmeSubscription(h)
  const action = order.subscriptions[0]?.orderActions[0]
  if (!action) throw new Error('no action')
  action.triggerDates = on(termEndDate)
  return { order, termEndDate }
}

test('an update dated at the term’s end starts a segment then; today’s segment is unchanged', async () => {
  const { order, termEndDate } = await seatsAtTermEnd(22)
  const answer = (await (await h.post('/v1/orders', order)).json()) as { success: boolean }
  expect(answer.success).toBe(true)

  const today = await read('current-segment')
  expect(today?.ratePlans[0]?.ratePlanCharges[0]).toMatchObject({ quantity: 25 })
  const all = await read('all-segments')
  expect(all?.ratePlans[0]?.ratePlanCharges[0]?.chargeSegments.map((s) => [s.quantity, s.effectiveStartDate])).toEqual([
    [24, expect.any(String)],
    [25, expect.any(String)],
    [22, termEndDate],
  ])
  expect((await read(`specific-segment&as-of-date=${TODAY}`))?.ratePlans[0]?.ratePlanCharges[0]?.quantity).toBe(25)
  // Nothing is invoiced for it.
  expect(h.sim.control.exportState().state.orderInvoices).toHaveLength(0)
})

test('a trigger date after the term’s end is refused', async () => {
  const { order, termEndDate } = await seatsAtTermEnd(22)
  const action = order.subscriptions[0]?.orderActions[0]
  if (!action) throw new Error('no action')
  const next = new Date(Date.parse(`${termEndDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  action.triggerDates = on(next)
  const answer = (await (await h.post('/v1/orders', order)).json()) as { success: boolean; reasons: unknown[] }
  expect(answer.success).toBe(false)
})

test('a plan change dated at the term’s end keeps today’s plan until then; the new plan starts then', async () => {
  const subscription = await acmeSubscription(h)
  const plan = subscription.ratePlans[0]
  if (!plan) throw new Error('no plan')
  const team = zuoraPlanIds.plan_team
  const answer = (await (
    await h.post('/v1/orders', {
      existingAccountNumber: 'A00000001',
      orderDate: TODAY,
      subscriptions: [
        {
          subscriptionNumber: subscription.subscriptionNumber,
          orderActions: [
            {
              type: 'ChangePlan',
              triggerDates: on(subscription.termEndDate),
              changePlan: {
                ratePlanId: plan.id,
                subType: 'Downgrade',
                effectivePolicy: 'SpecificDate',
                newProductRatePlan: {
                  productRatePlanId: team.productRatePlanId,
                  chargeOverrides: [
                    {
                      productRatePlanChargeId: team.productRatePlanChargeId,
                      pricing: { recurringPerUnit: { quantity: 25 } },
                    },
                  ],
                },
              },
            },
          ],
        },
      ],
    })
  ).json()) as { success: boolean }
  expect(answer.success).toBe(true)
  const all = await read('all-segments')
  const professional = all?.ratePlans.find((rp) => rp.id === plan.id)
  expect(professional?.ratePlanCharges[0]).toMatchObject({ quantity: 25, effectiveEndDate: subscription.termEndDate })
  const teamPlan = all?.ratePlans.find((rp) => rp.productRatePlanId === team.productRatePlanId)
  expect(teamPlan?.ratePlanCharges[0]).toMatchObject({ quantity: 25, effectiveStartDate: subscription.termEndDate })
})

test('an update with specificUpdateDate goes in before a future-dated one, which stays', async () => {
  const { order: later, termEndDate } = await seatsAtTermEnd(22)
  await h.post('/v1/orders', later)
  const now = await seatsOrder(h, 30)
  const action = now.subscriptions[0]?.orderActions[0] as { updateProduct: Record<string, unknown> } | undefined
  if (!action) throw new Error('no action')
  action.updateProduct.specificUpdateDate = TODAY
  expect(((await (await h.post('/v1/orders', now)).json()) as { success: boolean }).success).toBe(true)

  const all = await read('all-segments')
  const segments = all?.ratePlans[0]?.ratePlanCharges[0]?.chargeSegments ?? []
  expect(segments.map((s) => [s.segment, s.quantity, s.effectiveStartDate])).toEqual([
    [1, 24, expect.any(String)],
    [2, 25, expect.any(String)],
    [3, 30, TODAY],
    [4, 22, termEndDate],
  ])
  expect((await read('current-segment'))?.ratePlans[0]?.ratePlanCharges[0]?.quantity).toBe(30)
})
