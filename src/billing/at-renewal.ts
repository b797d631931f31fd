/**
 * Which changes take effect at the next renewal instead of now: fewer seats than bought (never
 * below those in use: quantity-rules.ts) and a plan with a lower seat price, where the subscription
 * can take them (the gateway schedules them, and the subscription renews). A billing admin's
 * controls schedule these (scheduled-change.tsx); an admin without billing rights asks for them in
 * a request at renewal, whose approval schedules them. One rule for both, and for the check of a
 * request that waited (change-problem.ts).
 */
import type { Catalog, OrderItem, Plan, Subscription } from '@/lib/api/schemas'

type Renewing = Pick<Subscription, 'scheduledChange' | 'autoRenew'>

/** `scheduledChange` is absent from the retired contract backend, which cannot schedule. */
export const schedulesAtRenewal = (subscription: Renewing): boolean =>
  subscription.scheduledChange !== undefined && subscription.autoRenew !== false

export const isCheaperPlan = (plan: Pick<Plan, 'seatPrice'>, subscription: Pick<Subscription, 'seatPrice'>) =>
  plan.seatPrice.amountMinor < subscription.seatPrice.amountMinor

/** Fewer seats than bought, or a plan with a lower seat price: the next term's, when it can be. */
export function isDecrease(
  item: OrderItem,
  subscription: Pick<Subscription, 'seats' | 'seatPrice'>,
  catalog: Pick<Catalog, 'plans'> | undefined,
): boolean {
  switch (item.type) {
    case 'seats':
      return item.seats < subscription.seats.purchased
    case 'plan': {
      const plan = catalog?.plans.find((p) => p.id === item.planId)
      return plan !== undefined && isCheaperPlan(plan, subscription)
    }
    case 'addon':
      return false
  }
}

/**
 * A draft's changes by when they take effect: the decreases at renewal (when the subscription can
 * take them), the rest now. Without the subscription everything is now; without the catalog (not
 * loaded yet) a plan is.
 */
export function splitByTiming(
  items: readonly OrderItem[],
  subscription: Subscription | undefined,
  catalog: Catalog | undefined,
): { now: OrderItem[]; renewal: OrderItem[] } {
  if (!subscription || !schedulesAtRenewal(subscription)) return { now: [...items], renewal: [] }
  return {
    now: items.filter((item) => !isDecrease(item, subscription, catalog)),
    renewal: items.filter((item) => isDecrease(item, subscription, catalog)),
  }
}
