/**
 * Order actions applied to a copy of the subscriptions, as Zuora applies them on the trigger date
 * (ContractEffective, else the order date): `UpdateProduct` changes a charge's quantity or price
 * from that date (a new segment of the same charge number), `AddProduct` adds a rate plan (a
 * discount plan for a promo code), `RemoveProduct` ends one, `ChangePlan` replaces one plan by
 * another, `TermsAndConditions` turns renewal at the end of the term off or on (`autoRenew`; Zuora's
 * CreateOrderTermsAndConditions, zuora-sdk docs). What changed, charge by charge, is returned for
 * pricing (order-pricing.ts): a change of terms changes no charge, so it bills nothing. Anything
 * Zuora would refuse comes back as a refusal with its reason code, never a throw.
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

  update(ratePlanId: string, updates: readonly ChargeUpdate[]): void {
    const ratePlan = this.ratePlan(ratePlanId)
    for (const update of updates) {
      const last = lastSegment(ratePlan, update.chargeNumber)
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
      this.resegment(ratePlan, last, { quantity: after.quantity, unitPriceMinor: after.unitPriceMinor })
    }
  }

  add(plan: CatalogRatePlan, overrides: readonly ChargeOverride[] = []): void {
    if (this.subscription.ratePlans.some((existing) => existing.productRatePlanId === plan.ids.productRatePlanId))
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
    for (const number of chargeNumbers(ratePlan)) {
      const last = lastSegment(ratePlan, number)
      if (!last) continue
      if (last.model === 'PerUnit')
        this.change(last, { quantity: last.quantity ?? 0, unitPriceMinor: last.unitPriceMinor ?? 0 }, null)
      last.effectiveEndDate = this.from
    }
    this.subscription.ratePlans = this.subscription.ratePlans.filter((plan) => plan !== ratePlan)
  }

  apply(action: OrderAction): void {
    switch (action.type) {
      case 'UpdateProduct':
        return this.update(action.updateProduct.ratePlanId, action.updateProduct.chargeUpdates)
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

/** The trigger date of an action: its ContractEffective date, or the order date. */
const triggerDate = (action: OrderAction, orderDate: string): string =>
  action.triggerDates.find((date) => date.name === 'ContractEffective')?.triggerDate ?? orderDate

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
        if (from < copy.termStartDate || from >= copy.termEndDate)
          throw refuse(
            reasonCodes.businessRule,
            `Trigger date ${from} is outside the current term (${copy.termStartDate} to ${copy.termEndDate}).`,
          )
        const applier = new Applier(copy, from, next)
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
