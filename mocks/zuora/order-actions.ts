/**
 * Order actions applied to a copy of the subscriptions, as Zuora applies them on the trigger date
 * (ContractEffective, else the order date): `UpdateProduct` changes a charge's quantity or price
 * from that date (a new segment of the same charge number), `AddProduct` adds a rate plan (a
 * discount plan for a promo code), `RemoveProduct` ends one, `ChangePlan` replaces one plan by
 * another, `TermsAndConditions` turns renewal at the end of the term off or on (`autoRenew`; Zuora's
 * CreateOrderTermsAndConditions, zuora-sdk docs). What changed, charge by charge, is returned for
 * pricing (order-pricing.ts): a change of terms changes no charge, so it bills nothing. Anything
 * Zuora would refuse comes back as a refusal with its reason code, never a throw.
 *
 * Future-dated actions (a trigger date after the order date, up to the term's end: a change for the
 * next term) leave today's segments as they are: an update starts a segment on that date, a removal
 * ends the rate plan then (what would have started by then never does), and an added plan starts
 * then. An update given a `specificUpdateDate` goes in on that date before a later, future-dated
 * segment of the charge, which stays; without one it changes the charge's last segment, as Zuora
 * applies an update after every future-dated one.
 */
import type {
  ChargeOverride,
  ChargePricing,
  ChargeUpdate,
  OrderAction,
  OrderSubscription,
} from '../../gateway/zuora/spec'
import { findCatalogRatePlan, type CatalogRatePlan } from './catalog'
import { reasonCodes, toMinor, type Reason } from './responses'
import { zuoraId, type SimState, type ZChargeSegment, type ZRatePlan, type ZSubscription } from './state'

type Priced = { quantity: number; unitPriceMinor: number }

/** One per-unit charge whose billing changes from `from` to the end of the term. */
export type ChargeChange = {
  subscriptionNumber: string
  chargeNumber: string
  productRatePlanChargeId: string
  chargeName: string
  from: string
  termStartDate: string
  termEndDate: string
  before: Priced | null
  after: Priced | null
}

export type DiscountChange = {
  subscriptionNumber: string
  chargeNumber: string
  productRatePlanChargeId: string
  chargeName: string
  percentage: number
}

export type AppliedOrder = {
  /** The subscriptions as they are once the order is in effect (new versions). */
  subscriptions: ZSubscription[]
  charges: ChargeChange[]
  discounts: DiscountChange[]
}

export class OrderRefusal {
  constructor(readonly reason: Reason) {}
}

const refuse = (code: number, message: string) => new OrderRefusal({ code, message })

/** Numbers for new rate plans, segments and charges: the tenant's, or a scratch counter for a preview. */
export type NumberSource = () => number

function quantityOf(pricing: ChargePricing | undefined, fallback: number): number {
  const quantity = pricing?.recurringPerUnit?.quantity ?? fallback
  if (!Number.isInteger(quantity) || quantity < 0)
    throw refuse(reasonCodes.invalidValue, `Invalid quantity ${quantity}: a whole number of units is required.`)
  return quantity
}

const lastSegment = (ratePlan: ZRatePlan, number: string): ZChargeSegment | undefined =>
  ratePlan.segments.filter((segment) => segment.number === number).at(-1)

const chargeNumbers = (ratePlan: ZRatePlan): string[] => [...new Set(ratePlan.segments.map((s) => s.number))]

class Applier {
  readonly charges: ChargeChange[] = []
  readonly discounts: DiscountChange[] = []

  constructor(
    private readonly subscription: ZSubscription,
    private readonly from: string,
    private readonly next: NumberSource,
    /** The order date: a removal dated later keeps the rate plan until then. */
    private readonly orderDate: string,
  ) {}

  private change(segment: ZChargeSegment, before: Priced | null, after: Priced | null): void {
    const { subscriptionNumber, termStartDate, termEndDate } = this.subscription
    this.charges.push({
      subscriptionNumber,
      chargeNumber: segment.number,
      productRatePlanChargeId: segment.productRatePlanChargeId,
      chargeName: segment.name,
      from: this.from,
      termStartDate,
      termEndDate,
      before,
      after,
    })
  }

  /** A new segment from the trigger date (or the last one rewritten when it starts that day). */
  private resegment(ratePlan: ZRatePlan, last: ZChargeSegment, changes: Partial<ZChargeSegment>): void {
    if (last.effectiveStartDate >= this.from) {
      Object.assign(last, changes)
      return
    }
    last.effectiveEndDate = this.from
    ratePlan.segments.push({
      ...last,
      ...changes,
      id: zuoraId('8ad0c4a1', this.next()),
      segment: last.segment + 1,
      effectiveStartDate: this.from,
      effectiveEndDate: this.subscription.termEndDate,
    })
  }

  private ratePlan(ratePlanId: string): ZRatePlan {
    const found = this.subscription.ratePlans.find((plan) => plan.id === ratePlanId)
    if (!found)
      throw refuse(
        reasonCodes.notFound,
        `Rate plan ${ratePlanId} is not in subscription ${this.subscription.subscriptionNumber}.`,
      )
    return found
  }

  /** An update dated before a later segment of the charge: a segment from `from` up to that one. */
  private insertSegment(ratePlan: ZRatePlan, inEffect: ZChargeSegment, changes: Partial<ZChargeSegment>): void {
    if (inEffect.effectiveStartDate >= this.from) {
      Object.assign(inEffect, changes)
      return
    }
    const end = inEffect.effectiveEndDate
    inEffect.effectiveEndDate = this.from
    ratePlan.segments.push({
      ...inEffect,
      ...changes,
      id: zuoraId('8ad0c4a1', this.next()),
      effectiveStartDate: this.from,
      effectiveEndDate: end,
    })
    // Segments are numbered in time order, and listed oldest first.
    ratePlan.segments.sort((a, b) => a.effectiveStartDate.localeCompare(b.effectiveStartDate))
    ratePlan.segments
      .filter((segment) => segment.number === inEffect.number)
      .forEach((segment, index) => (segment.segment = index + 1))
  }

  update(ratePlanId: string, updates: readonly ChargeUpdate[], specificUpdateDate?: string): void {
    const ratePlan = this.ratePlan(ratePlanId)
    for (const update of updates) {
      const last =
        specificUpdateDate === undefined
          ? lastSegment(ratePlan, update.chargeNumber)
          : ratePlan.segments.find(
              (s) =>
                s.number === update.chargeNumber &&
                s.effectiveStartDate <= specificUpdateDate &&
                specificUpdateDate < s.effectiveEndDate,
            )
      if (!last || last.model !== 'PerUnit')
        throw refuse(
          reasonCodes.notFound,
          `Charge ${update.chargeNumber} is not a per-unit charge of rate plan ${ratePlanId}.`,
        )
      const before = { quantity: last.quantity ?? 0, unitPriceMinor: last.unitPriceMinor ?? 0 }
      const listPrice = update.pricing.recurringPerUnit?.listPrice
      const after = {
        quantity: quantityOf(update.pricing, before.quantity),
        unitPriceMinor: listPrice === undefined ? before.unitPriceMinor : toMinor(listPrice),
      }
      this.change(last, before, after)
      const changes = { quantity: after.quantity, unitPriceMinor: after.unitPriceMinor }
      if (specificUpdateDate === undefined) this.resegment(ratePlan, last, changes)
      else this.insertSegment(ratePlan, last, changes)
    }
  }

  add(plan: CatalogRatePlan, overrides: readonly ChargeOverride[] = []): void {
    // One rate plan of a product rate plan at a time: one that ends by then (replaced at the term's end) does not count.
    const stillOn = (existing: ZRatePlan) => existing.segments.some((s) => s.effectiveEndDate > this.from)
    if (
      this.subscription.ratePlans.some(
        (existing) => existing.productRatePlanId === plan.ids.productRatePlanId && stillOn(existing),
      )
    )
      throw refuse(
        reasonCodes.businessRule,
        `Product rate plan ${plan.ids.productRatePlanId} is already in the subscription: update it instead.`,
      )
    const n = this.next()
    const override = overrides.find((o) => o.productRatePlanChargeId === plan.ids.productRatePlanChargeId)
    const segment: ZChargeSegment = {
      id: zuoraId('8ad0c4a1', n),
      number: `C-${String(n).padStart(8, '0')}`,
      segment: 1,
      productRatePlanChargeId: plan.ids.productRatePlanChargeId,
      name: plan.chargeName,
      model: plan.kind === 'discount' ? 'DiscountPercentage' : 'PerUnit',
      unitPriceMinor: plan.unitPriceMinor,
      // Zuora's default quantity for a per-unit charge without an override is the charge's default: 1.
      quantity: plan.kind === 'discount' ? null : quantityOf(override?.pricing, 1),
      discountPercentage: plan.discountPercentage,
      upToPeriods: plan.kind === 'discount' ? 1 : null,
      effectiveStartDate: this.from,
      effectiveEndDate: this.subscription.termEndDate,
    }
    this.subscription.ratePlans.push({
      id: zuoraId('8ad0a7e1', n),
      productRatePlanId: plan.ids.productRatePlanId,
      ratePlanName: plan.name,
      segments: [segment],
    })
    if (plan.kind === 'discount') {
      this.discounts.push({
        subscriptionNumber: this.subscription.subscriptionNumber,
        chargeNumber: segment.number,
        productRatePlanChargeId: segment.productRatePlanChargeId,
        chargeName: segment.name,
        percentage: plan.discountPercentage ?? 0,
      })
    } else {
      this.change(segment, null, { quantity: segment.quantity ?? 0, unitPriceMinor: segment.unitPriceMinor ?? 0 })
    }
  }

  remove(ratePlan: ZRatePlan): void {
    // Dated later: what would start by then never does, the rest ends then, and the plan stays until then.
    const later = this.from > this.orderDate
    if (later) ratePlan.segments = ratePlan.segments.filter((s) => s.effectiveStartDate < this.from)
    for (const number of chargeNumbers(ratePlan)) {
      const last = lastSegment(ratePlan, number)
      if (!last) continue
      if (last.model === 'PerUnit')
        this.change(last, { quantity: last.quantity ?? 0, unitPriceMinor: last.unitPriceMinor ?? 0 }, null)
      last.effectiveEndDate = this.from
    }
    if (!later || ratePlan.segments.length === 0)
      this.subscription.ratePlans = this.subscription.ratePlans.filter((plan) => plan !== ratePlan)
  }

  apply(action: OrderAction): void {
    switch (action.type) {
      case 'UpdateProduct':
        return this.update(
          action.updateProduct.ratePlanId,
          action.updateProduct.chargeUpdates,
          action.updateProduct.specificUpdateDate,
        )
      case 'AddProduct': {
        const plan = findCatalogRatePlan(action.addProduct.productRatePlanId)
        if (!plan)
          throw refuse(reasonCodes.notFound, `Product rate plan ${action.addProduct.productRatePlanId} does not exist.`)
        return this.add(plan, action.addProduct.chargeOverrides)
      }
      case 'RemoveProduct':
        return this.remove(this.ratePlan(action.removeProduct.ratePlanId))
      case 'ChangePlan': {
        const { ratePlanId, productRatePlanId, newProductRatePlan } = action.changePlan
        const old = this.subscription.ratePlans.find(
          (plan) =>
            plan.id === ratePlanId || (ratePlanId === undefined && plan.productRatePlanId === productRatePlanId),
        )
        if (!old)
          throw refuse(
            reasonCodes.notFound,
            `The rate plan to replace is not in subscription ${this.subscription.subscriptionNumber}.`,
          )
        const plan = findCatalogRatePlan(newProductRatePlan.productRatePlanId)
        if (!plan || plan.kind === 'discount')
          throw refuse(
            reasonCodes.notFound,
            `Product rate plan ${newProductRatePlan.productRatePlanId} does not exist.`,
          )
        this.remove(old)
        return this.add(plan, newProductRatePlan.chargeOverrides)
      }
      case 'TermsAndConditions': {
        // Only renewal is kept (the seed's terms are fixed); the new version carries it from the trigger date.
        const { autoRenew, renewalSetting, renewalTerms } = action.termsAndConditions
        if (renewalSetting !== undefined || renewalTerms !== undefined)
          throw refuse(reasonCodes.invalidValue, 'Only autoRenew of the terms is supported by the simulated tenant.')
        if (autoRenew !== undefined) this.subscription.autoRenew = autoRenew
        return
      }
      default:
        throw refuse(reasonCodes.invalidValue, `Order action ${action.type} is not supported by the simulated tenant.`)
    }
  }
}

/**
 * When an action takes effect: an update's `specificUpdateDate`, else its ContractEffective date,
 * else the order date.
 */
const triggerDate = (action: OrderAction, orderDate: string): string =>
  (action.type === 'UpdateProduct' ? action.updateProduct.specificUpdateDate : undefined) ??
  action.triggerDates.find((date) => date.name === 'ContractEffective')?.triggerDate ??
  orderDate

export function applyOrderActions(
  state: SimState,
  order: { existingAccountNumber: string; orderDate: string; subscriptions: OrderSubscription[] },
  next: NumberSource,
): AppliedOrder | OrderRefusal {
  const result: AppliedOrder = { subscriptions: [], charges: [], discounts: [] }
  try {
    for (const { subscriptionNumber, orderActions } of order.subscriptions) {
      const current = state.subscriptions.find((s) => s.subscriptionNumber === subscriptionNumber)
      if (!current || current.accountNumber !== order.existingAccountNumber)
        throw refuse(
          reasonCodes.notFound,
          `Subscription ${subscriptionNumber} does not exist for account ${order.existingAccountNumber}.`,
        )
      const copy = structuredClone(
        result.subscriptions.find((s) => s.subscriptionNumber === subscriptionNumber) ?? current,
      )
      for (const action of orderActions) {
        const from = triggerDate(action, order.orderDate)
        // Up to the term's end: a change dated then is the next term's.
        if (from < copy.termStartDate || from > copy.termEndDate)
          throw refuse(
            reasonCodes.businessRule,
            `Trigger date ${from} is outside the current term (${copy.termStartDate} to ${copy.termEndDate}).`,
          )
        const applier = new Applier(copy, from, next, order.orderDate)
        applier.apply(action)
        result.charges.push(...applier.charges)
        result.discounts.push(...applier.discounts)
      }
      copy.version += 1
      result.subscriptions = [...result.subscriptions.filter((s) => s.subscriptionNumber !== subscriptionNumber), copy]
    }
  } catch (error) {
    if (error instanceof OrderRefusal) return error
    throw error
  }
  return result
}
