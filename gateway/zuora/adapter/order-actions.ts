/**
 * A change from the cart (the desired end state: seats, plan, add-ons, a promo code) as Zuora
 * order actions on the subscription it reads today: seats are the plan charge's quantity
 * (`UpdateProduct`), a plan is `ChangePlan` carrying the seats over, an add-on is added
 * (`AddProduct`), updated (`UpdateProduct`) or removed (`RemoveProduct`), and a promo code adds its
 * discount rate plan. Every action takes effect today (its three trigger dates). Fewer seats and a
 * smaller plan from the next term are `nextTermChange`: the same actions dated at the term's end.
 */
import type { OrderItem } from '../../../src/lib/api/schemas'
import type { CatalogIndex, CatalogPlan } from '../../config/billing-catalog'
import { GatewayError, validationFailed } from '../../http/errors'
import type { OrderAction, Subscription as ZuoraSubscription, SubscriptionRatePlan } from '../spec'
import type { NextTerm } from './subscription-map'

export type ChangePlanned = {
  actions: OrderAction[]
  /**
   * Which product rate plan charge's amounts in Zuora's preview belong to which cart item (by its
   * index), so the quote can say what each line costs; `promo` for the discount.
   */
  chargeOwners: Map<string, { item: number } | { promo: true }>
  /** For a plan change with new seats: the seat charge's amount is shared by both lines. */
  seatSplit: { planItem: number; seatsItem: number; before: number; after: number } | null
}

const onlyOn = (date: string) =>
  (['ContractEffective', 'ServiceActivation', 'CustomerAcceptance'] as const).map((name) => ({
    name,
    triggerDate: date,
  }))

const perUnit = (quantity: number) => ({ recurringPerUnit: { quantity } })

export function planChange(
  subscription: ZuoraSubscription,
  items: readonly OrderItem[],
  promoCode: string | null,
  context: { catalog: CatalogIndex; today: string },
): ChangePlanned {
  const { catalog, today } = context
  const triggerDates = onlyOn(today)
  // In effect today: a plan's rate plan scheduled to start with the next term is not.
  const live = (rp: SubscriptionRatePlan) =>
    rp.ratePlanCharges.some(
      (c) => c.effectiveStartDate <= today && (c.effectiveEndDate === null || c.effectiveEndDate > today),
    )
  const planRatePlan = subscription.ratePlans.find((rp) => live(rp) && catalog.planByRatePlan(rp.productRatePlanId))
  const currentPlan = planRatePlan && catalog.planByRatePlan(planRatePlan.productRatePlanId)
  const seatCharge =
    currentPlan &&
    planRatePlan?.ratePlanCharges.find((c) => c.productRatePlanChargeId === currentPlan.zuora.seatChargeId)
  if (!planRatePlan || !currentPlan || !seatCharge)
    throw new GatewayError(
      502,
      'provider_data',
      `Subscription ${subscription.subscriptionNumber} has no seats charge of a known plan.`,
    )

  const actions: OrderAction[] = []
  const chargeOwners: ChangePlanned['chargeOwners'] = new Map()
  const seatsIndex = items.findIndex((item) => item.type === 'seats')
  const planIndex = items.findIndex((item) => item.type === 'plan')
  const seatsItem = items[seatsIndex]
  const seats = seatsItem?.type === 'seats' ? seatsItem.seats : (seatCharge.quantity ?? 0)
  const planItem = items[planIndex]
  let newPlan: CatalogPlan | undefined
  if (planItem?.type === 'plan' && planItem.planId !== currentPlan.id) {
    newPlan = catalog.plan(planItem.planId)
    if (!newPlan) throw validationFailed({ [`items.${planIndex}.planId`]: 'Unknown plan' })
  }

  if (newPlan) {
    actions.push({
      type: 'ChangePlan',
      triggerDates,
      changePlan: {
        ratePlanId: planRatePlan.id,
        subType: newPlan.seatPrice.amountMinor >= currentPlan.seatPrice.amountMinor ? 'Upgrade' : 'Downgrade',
        effectivePolicy: 'EffectiveImmediately',
        newProductRatePlan: {
          productRatePlanId: newPlan.zuora.productRatePlanId,
          chargeOverrides: [{ productRatePlanChargeId: newPlan.zuora.seatChargeId, pricing: perUnit(seats) }],
        },
      },
    })
    chargeOwners.set(currentPlan.zuora.seatChargeId, { item: planIndex })
    chargeOwners.set(newPlan.zuora.seatChargeId, { item: planIndex })
  } else if (seatsItem && seats !== seatCharge.quantity) {
    // A change scheduled for the next term is a later segment: this one goes before it, from today.
    const scheduledLater = (seatCharge.chargeSegments ?? []).some((s) => s.effectiveStartDate > today)
    actions.push({
      type: 'UpdateProduct',
      triggerDates,
      updateProduct: {
        ratePlanId: planRatePlan.id,
        ...(scheduledLater ? { specificUpdateDate: today } : {}),
        chargeUpdates: [{ chargeNumber: seatCharge.number, pricing: perUnit(seats) }],
      },
    })
  }
  if (seatsIndex >= 0 && !newPlan) chargeOwners.set(currentPlan.zuora.seatChargeId, { item: seatsIndex })

  items.forEach((item, index) => {
    if (item.type !== 'addon') return
    const addon = catalog.addon(item.addonId)
    if (!addon) throw validationFailed({ [`items.${index}.addonId`]: 'Unknown add-on' })
    chargeOwners.set(addon.zuora.chargeId, { item: index })
    const ratePlan = subscription.ratePlans.find(
      (rp) => live(rp) && rp.productRatePlanId === addon.zuora.productRatePlanId,
    )
    const charge = ratePlan?.ratePlanCharges.find((c) => c.productRatePlanChargeId === addon.zuora.chargeId)
    if (!ratePlan || !charge) {
      if (item.quantity > 0)
        actions.push({
          type: 'AddProduct',
          triggerDates,
          addProduct: {
            productRatePlanId: addon.zuora.productRatePlanId,
            chargeOverrides: [{ productRatePlanChargeId: addon.zuora.chargeId, pricing: perUnit(item.quantity) }],
          },
        })
    } else if (item.quantity === 0) {
      actions.push({ type: 'RemoveProduct', triggerDates, removeProduct: { ratePlanId: ratePlan.id } })
    } else if (item.quantity !== charge.quantity) {
      actions.push({
        type: 'UpdateProduct',
        triggerDates,
        updateProduct: {
          ratePlanId: ratePlan.id,
          chargeUpdates: [{ chargeNumber: charge.number, pricing: perUnit(item.quantity) }],
        },
      })
    }
  })

  if (promoCode !== null) {
    const promo = catalog.promo(promoCode)
    if (!promo) throw validationFailed({ promoCode: 'Unknown promo code' }, 'validation_failed', 'Unknown promo code')
    actions.push({ type: 'AddProduct', triggerDates, addProduct: { productRatePlanId: promo.productRatePlanId } })
    chargeOwners.set(promo.chargeId, { promo: true })
  }

  const before = seatCharge.quantity ?? 0
  return {
    actions,
    chargeOwners,
    seatSplit:
      newPlan && seatsIndex >= 0 && seats !== before
        ? { planItem: planIndex, seatsItem: seatsIndex, before, after: seats }
        : null,
  }
}

/**
 * Renewal at the end of the current term, off or on: the terms' `autoRenew`, from today (Zuora
 * refuses a trigger date outside the current term, so this works while the term lasts). Switching
 * it off is how an admin cancels at the end of the term: nothing is cancelled before then, and
 * switching it back on undoes it, which a CancelSubscription order would not.
 */
export const renewalChange = (autoRenew: boolean, today: string): OrderAction => ({
  type: 'TermsAndConditions',
  triggerDates: onlyOn(today),
  termsAndConditions: { autoRenew },
})

/**
 * The next term's plan and seats, from the term's end (`termEnd`, its three trigger dates): a full
 * replace of what is held last (`next`, the latest seat segment). Seats alone update that rate
 * plan's seat charge from then (UpdateProduct: a segment that starts then); another plan replaces
 * that rate plan from then (ChangePlan, `SpecificDate`: "you must also set the contract effective
 * date", schema CreateOrderChangePlan), carrying the seats. Putting today's values back is how a
 * scheduled change is withdrawn. Null when the next term already starts as wanted.
 */
export function nextTermChange(
  next: NextTerm,
  wanted: { plan: CatalogPlan; seats: number },
  termEnd: string,
): OrderAction | null {
  const triggerDates = onlyOn(termEnd)
  if (wanted.plan.id === next.plan.id) {
    if (wanted.seats === next.seats) return null
    return {
      type: 'UpdateProduct',
      triggerDates,
      updateProduct: {
        ratePlanId: next.ratePlanId,
        chargeUpdates: [{ chargeNumber: next.seatChargeNumber, pricing: perUnit(wanted.seats) }],
      },
    }
  }
  return {
    type: 'ChangePlan',
    triggerDates,
    changePlan: {
      ratePlanId: next.ratePlanId,
      subType: wanted.plan.seatPrice.amountMinor >= next.plan.seatPrice.amountMinor ? 'Upgrade' : 'Downgrade',
      effectivePolicy: 'SpecificDate',
      newProductRatePlan: {
        productRatePlanId: wanted.plan.zuora.productRatePlanId,
        chargeOverrides: [{ productRatePlanChargeId: wanted.plan.zuora.seatChargeId, pricing: perUnit(wanted.seats) }],
      },
    },
  }
}
