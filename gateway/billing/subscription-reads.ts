/**
 * The account's subscription at Zuora, and the pieces the quote and the order share: the catalog
 * as the change rules want it, and a version of the subscription (its rate plans and charge
 * segments) so an order can tell that the subscription changed since its quote was priced.
 */
import type { Subscription } from '../../src/lib/api/schemas'
import type { DirectoryAccount } from '../identity/directory'
import type { CatalogIndex } from '../config/billing-catalog'
import { GatewayError } from '../http/errors'
import { sha256Hex } from '../stores/encoding'
import { callOperation, type OperationContext } from '../zuora/adapter/operation'
import { pickSubscription, toSubscription } from '../zuora/adapter/subscription-map'
import type { Subscription as ZuoraSubscription } from '../zuora/spec'
import type { ChangeCatalog } from './apply-change'

/**
 * Every segment of every charge (`all-segments`), so a change scheduled for the next term (a
 * segment or a rate plan that starts then) can be read; each charge itself is given as its segment
 * in effect on `today`, as `current-segment` gives it, so the rest of the gateway reads today's
 * subscription.
 */
export async function fetchZuoraSubscription(
  context: OperationContext,
  account: DirectoryAccount,
  catalog: CatalogIndex,
  today: string,
): Promise<ZuoraSubscription> {
  const answer = await callOperation(context, 'getSubscriptionsByAccount', {
    capability: 'subscription',
    params: { 'account-key': account.zuoraAccountNumber },
    query: [['charge-detail', 'all-segments']],
  })
  const subscription = pickSubscription(answer.subscriptions, catalog)
  if (!subscription) throw new GatewayError(404, 'no_subscription', 'This account has no subscription to a plan.')
  return asOfToday(subscription, today)
}

/** Zuora's `current-segment` rule: the segment in effect on the day, else the last one. */
function asOfToday(subscription: ZuoraSubscription, today: string): ZuoraSubscription {
  return {
    ...subscription,
    ratePlans: subscription.ratePlans.map((ratePlan) => ({
      ...ratePlan,
      ratePlanCharges: ratePlan.ratePlanCharges.map((charge) => {
        const segments = charge.chargeSegments ?? []
        const current = segments.find(
          (s) => s.effectiveStartDate <= today && (s.effectiveEndDate === null || today < s.effectiveEndDate),
        )
        return current ? { ...charge, ...current, chargeSegments: segments } : charge
      }),
    })),
  }
}

export const contractSubscription = (
  zuora: ZuoraSubscription,
  account: DirectoryAccount,
  catalog: CatalogIndex,
  today: string,
): Subscription => toSubscription(zuora, { accountId: account.id, catalog, seatsInUse: account.agentsInUse, today })

/** Changes whenever a rate plan, a charge's quantity or price, or a segment changes. */
export function subscriptionVersion(zuora: ZuoraSubscription): Promise<string> {
  const shape = zuora.ratePlans.map((rp) => [
    rp.id,
    rp.productRatePlanId,
    rp.ratePlanCharges.map((c) => [c.number, c.segment, c.quantity, c.price, c.effectiveEndDate]),
  ])
  return sha256Hex(JSON.stringify(shape))
}

export const changeCatalogOf = (catalog: CatalogIndex): ChangeCatalog => ({
  findPlan: (id) => catalog.plan(id),
  findAddon: (id) => catalog.addon(id),
})
