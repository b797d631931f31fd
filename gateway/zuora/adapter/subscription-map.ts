/**
 * Zuora's subscription (GET /v1/subscriptions/accounts/{account-key}?charge-detail=all-segments,
 * each charge given as today's segment by subscription-reads.ts) read as the contract's
 * Subscription, with the change scheduled for the next term from the later segments (priced in the
 * next invoice's estimate when it starts by then). Which rate plan is the plan and which charge is
 * "seats" comes from the billing catalog (configuration). Charges are segmented: a quantity change ends one
 * segment and starts another under the same charge number, so only the segment in effect today
 * counts; a removed add-on's charge has ended and is left out.
 */
import type { Subscription } from '../../../src/lib/api/schemas'
import type { CatalogIndex, CatalogPlan } from '../../config/billing-catalog'
import type { ChargeSegment, SubscriptionCharge, Subscription as ZuoraSubscription } from '../spec'
import { GatewayError } from '../../http/errors'
import { toMinor } from '../money'

export type SubscriptionContext = {
  accountId: string
  catalog: CatalogIndex
  /** Agents using seats: the help-desk product's own count, not Zuora's. */
  seatsInUse: number
  /** YYYY-MM-DD, in UTC. */
  today: string
}

/** The charge's segment in effect today (current-segment detail gives one per charge). */
const inEffect = (charge: SubscriptionCharge, today: string) =>
  charge.effectiveStartDate <= today && (charge.effectiveEndDate === null || charge.effectiveEndDate > today)

const statusOf = (zuoraStatus: string): Subscription['status'] => {
  switch (zuoraStatus) {
    case 'Cancelled':
    case 'Expired':
      return 'canceled'
    case 'Suspended':
      return 'past_due'
    case 'Pending Activation':
    case 'Pending Acceptance':
      return 'trialing'
    default:
      return 'active'
  }
}

export function addPeriod(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number)
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, lastDay))
  return target.toISOString().slice(0, 10)
}

/** The account's subscription to one of the catalog's plans: the active one first. */
export function pickSubscription(subscriptions: readonly ZuoraSubscription[], catalog: CatalogIndex) {
  const withPlan = subscriptions.filter((s) => s.ratePlans.some((rp) => catalog.planByRatePlan(rp.productRatePlanId)))
  return withPlan.find((s) => s.status === 'Active') ?? withPlan[0]
}

export function toSubscription(zuora: ZuoraSubscription, context: SubscriptionContext): Subscription {
  const { catalog, today } = context
  const live = zuora.ratePlans.map((rp) => ({ ...rp, charges: rp.ratePlanCharges.filter((c) => inEffect(c, today)) }))
  const planRatePlan = live.find((rp) => rp.charges.length > 0 && catalog.planByRatePlan(rp.productRatePlanId))
  const plan = planRatePlan && catalog.planByRatePlan(planRatePlan.productRatePlanId)
  const seatCharge = plan && planRatePlan?.charges.find((c) => c.productRatePlanChargeId === plan.zuora.seatChargeId)
  if (!plan || !seatCharge) {
    throw new GatewayError(
      502,
      'provider_data',
      `Subscription ${zuora.subscriptionNumber} has no seats charge of a known plan.`,
    )
  }
  const currency = seatCharge.currency ?? zuora.currency ?? catalog.catalog.currency
  const price = (amount: number | null) => ({
    amountMinor: toMinor(amount ?? 0, currency),
    currency: catalog.catalog.currency,
  })

  const addons = live.flatMap((rp) => {
    const addon = catalog.addonByRatePlan(rp.productRatePlanId)
    const charge = addon && rp.charges.find((c) => c.productRatePlanChargeId === addon.zuora.chargeId)
    if (!addon || !charge || (charge.quantity ?? 0) <= 0) return []
    return [{ id: addon.id, name: addon.name, quantity: charge.quantity ?? 0, unitPrice: price(charge.price) }]
  })

  const annual = /annual|year/i.test(seatCharge.billingPeriod ?? '')
  const renewsAt = seatCharge.chargedThroughDate ?? zuora.termEndDate ?? addPeriod(today, annual ? 12 : 1)
  const seatPrice = price(seatCharge.price)
  const purchased = seatCharge.quantity ?? 0
  const next = nextTerm(zuora, catalog)
  // The next invoice bills the seats in effect on its date: a change scheduled by then is priced, not today's.
  const billed =
    next && next.from > today && next.from <= renewsAt
      ? { seats: next.seats, unitMinor: price(next.seatPrice).amountMinor }
      : { seats: purchased, unitMinor: seatPrice.amountMinor }
  const recurring =
    billed.seats * billed.unitMinor +
    addons.reduce((sum, addon) => sum + addon.quantity * addon.unitPrice.amountMinor, 0)

  return {
    id: zuora.subscriptionNumber,
    accountId: context.accountId,
    plan: { id: plan.id, name: plan.name },
    billingCycle: annual ? 'annual' : 'monthly',
    status: statusOf(zuora.status),
    currentPeriodStart: addPeriod(renewsAt, annual ? -12 : -1),
    renewsAt,
    seats: { purchased, inUse: context.seatsInUse },
    seatPrice,
    addons,
    // Before tax: Zuora computes tax on the invoice; the estimate is the recurring charges.
    nextInvoice: { date: renewsAt, total: { amountMinor: recurring, currency: catalog.catalog.currency } },
    autoRenew: zuora.autoRenew,
    scheduledChange: scheduledChangeOf(next, { plan, purchased, today }),
  }
}

export type NextTerm = {
  /** The subscription's rate plan whose seats the next term starts with. */
  ratePlanId: string
  plan: CatalogPlan
  seatChargeNumber: string
  seats: number
  /** That segment's price per seat, as Zuora gives it (the smaller plan's, when one is scheduled). */
  seatPrice: number | null
  /** When that segment starts: today's or earlier when nothing is scheduled. */
  from: string
}

/**
 * What the subscription holds last in time: the plan's seat segment that starts latest (of any
 * plan rate plan, the later rate plan on a tie), read from every segment (`all-segments`). A change
 * scheduled for the next term is a segment, or a plan's rate plan, that starts on the term's end.
 */
export function nextTerm(zuora: ZuoraSubscription, catalog: CatalogIndex): NextTerm | null {
  let found: (NextTerm & { order: number }) | null = null
  for (const [order, ratePlan] of zuora.ratePlans.entries()) {
    const plan = catalog.planByRatePlan(ratePlan.productRatePlanId)
    if (!plan) continue
    for (const charge of ratePlan.ratePlanCharges) {
      if (charge.productRatePlanChargeId !== plan.zuora.seatChargeId) continue
      const segments: ChargeSegment[] = charge.chargeSegments ?? [charge]
      for (const segment of segments) {
        const later =
          !found ||
          segment.effectiveStartDate > found.from ||
          (segment.effectiveStartDate === found.from && order >= found.order)
        if (later)
          found = {
            ratePlanId: ratePlan.id,
            plan,
            seatChargeNumber: charge.number,
            seats: segment.quantity ?? 0,
            seatPrice: segment.price,
            from: segment.effectiveStartDate,
            order,
          }
      }
    }
  }
  return found
}

function scheduledChangeOf(
  next: NextTerm | null,
  today: { plan: CatalogPlan; purchased: number; today: string },
): Subscription['scheduledChange'] {
  if (!next || next.from <= today.today) return null
  const plan = next.plan.id === today.plan.id ? null : { id: next.plan.id, name: next.plan.name }
  const seats = next.seats === today.purchased ? null : next.seats
  // Put back to today's values (a withdrawn change): nothing is scheduled.
  if (plan === null && seats === null) return null
  return { effectiveOn: next.from, seats, plan }
}
