/**
 * Whether a requested change still makes sense against the subscription as it is now. Asked when a
 * billing admin approves (in the browser, before anything is taken, and again by the server), since
 * a request may wait for days while the subscription moves on. Shared by the app and the simulated
 * backend, so both refuse the same requests for the same reasons.
 */
import type { ChangeBasis, ChangeItem, TakesEffect } from '@/lib/api/change-request-schemas'
import { orderItemsIn, recipientsAskedIn, renewalAskedIn } from './change-items'
import type { Catalog, OrderItem, Subscription } from '@/lib/api/schemas'
import { isDecrease, schedulesAtRenewal } from './at-renewal'

export type ChangeProblem =
  | { code: 'plan_changed'; planId: string }
  | { code: 'seats_below_in_use'; inUse: number }
  | { code: 'addon_not_offered'; addonId: string }
  | { code: 'nothing_to_change' }
  /** At renewal: the subscription ends with its term (or this backend cannot schedule). */
  | { code: 'renewal_off' }
  /** At renewal: no longer fewer seats than bought, or no longer a cheaper plan. */
  | { code: 'not_a_decrease' }
  /** Renewal off or on: the subscription already ends (`autoRenew` false) or renews as asked. */
  | { code: 'renewal_as_asked'; autoRenew: boolean }
  /** Invoice recipients (recipients-problem.ts): the account already has them as asked. */
  | { code: 'recipients_as_asked' }
  /** Invoice recipients: an asked address is now the billing contact's own. */
  | { code: 'recipient_is_contact' }

export function changeProblem(
  changes: readonly ChangeItem[],
  basis: ChangeBasis,
  subscription: Pick<Subscription, 'plan' | 'seats' | 'addons' | 'seatPrice' | 'autoRenew' | 'scheduledChange'>,
  catalog: Pick<Catalog, 'plans' | 'addons'>,
  takesEffect: TakesEffect = 'now',
): ChangeProblem | null {
  // Renewal is one setting, whatever the plan and seats: stale only once it already is as asked.
  const renewal = renewalAskedIn(changes)
  if (renewal) {
    const renews = subscription.autoRenew !== false
    return renews === renewal.autoRenew ? { code: 'renewal_as_asked', autoRenew: renews } : null
  }
  // Who receives invoices is not the subscription's: checked against the billing details instead (recipients-problem.ts).
  if (recipientsAskedIn(changes)) return null
  const items = orderItemsIn(changes)
  // Asked on another plan: its seats and add-ons were weighed against a subscription that is gone.
  if (basis.planId !== null && basis.planId !== subscription.plan.id)
    return { code: 'plan_changed', planId: subscription.plan.id }
  if (takesEffect === 'renewal') return renewalProblem(items, subscription, catalog)
  let differences = 0
  for (const item of items) {
    switch (item.type) {
      case 'seats':
        if (item.seats < subscription.seats.inUse)
          return { code: 'seats_below_in_use', inUse: subscription.seats.inUse }
        if (item.seats !== subscription.seats.purchased) differences += 1
        break
      case 'plan':
        if (!catalog.plans.some((plan) => plan.id === item.planId))
          return { code: 'plan_changed', planId: subscription.plan.id }
        if (item.planId !== subscription.plan.id) differences += 1
        break
      case 'addon': {
        const owned = subscription.addons.find((addon) => addon.id === item.addonId)?.quantity ?? 0
        if (item.quantity > 0 && !catalog.addons.some((addon) => addon.id === item.addonId)) {
          return { code: 'addon_not_offered', addonId: item.addonId }
        }
        if (item.quantity !== owned) differences += 1
        break
      }
    }
  }
  return differences === 0 ? { code: 'nothing_to_change' } : null
}

/** A request at renewal: only decreases, which the subscription can still take at its renewal. */
function renewalProblem(
  items: readonly OrderItem[],
  subscription: Pick<Subscription, 'plan' | 'seats' | 'seatPrice' | 'autoRenew' | 'scheduledChange'>,
  catalog: Pick<Catalog, 'plans'>,
): ChangeProblem | null {
  if (!schedulesAtRenewal(subscription)) return { code: 'renewal_off' }
  let changes = 0
  for (const item of items) {
    if (item.type === 'seats' && item.seats < subscription.seats.inUse)
      return { code: 'seats_below_in_use', inUse: subscription.seats.inUse }
    if (item.type === 'plan' && !catalog.plans.some((plan) => plan.id === item.planId))
      return { code: 'plan_changed', planId: subscription.plan.id }
    const unchanged =
      (item.type === 'seats' && item.seats === subscription.seats.purchased) ||
      (item.type === 'plan' && item.planId === subscription.plan.id)
    if (unchanged) continue
    if (!isDecrease(item, subscription, catalog)) return { code: 'not_a_decrease' }
    changes += 1
  }
  return changes === 0 ? { code: 'nothing_to_change' } : null
}
