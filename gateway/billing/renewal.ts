/**
 * Renewal at the end of the term: off (the subscription ends on its renewal date) or back on, as
 * one TermsAndConditions order at Zuora. A full replace of one setting: the subscription is read
 * first and the order sent only when Zuora's `autoRenew` differs, so a repeat (the app's retry, a
 * second tab, an approval tried again) sends nothing twice. That is why it takes no
 * Idempotency-Key, unlike an order that charges: a repeated change of terms to the same value
 * charges nothing and changes nothing.
 *
 * Shared by PUT /subscription/renewal (a billing admin's own) and the approval of a change request
 * for renewal (request-renewal.ts).
 */
import type { Subscription } from '../../src/lib/api/schemas'
import { isoDay, type GatewayDeps } from '../context'
import type { DirectoryAccount } from '../identity/directory'
import { staleResources } from '../stores/stale-copy'
import { callOperation } from '../zuora/adapter/operation'
import { renewalChange } from '../zuora/adapter/order-actions'
import { providerError, withProvider } from './provider-call'
import { contractSubscription, fetchZuoraSubscription } from './subscription-reads'

/**
 * Reads, orders when renewal differs from `autoRenew`, reads again; keeps the gateway's copy
 * fresh. Answers the subscription as GET /subscription does. `changeRequestId`: the approved
 * request this carries out, for the log.
 */
export async function setRenewal(
  deps: GatewayDeps,
  account: DirectoryAccount,
  autoRenew: boolean,
  scope: { requestId: string; changeRequestId?: string },
): Promise<Subscription> {
  const { requestId } = scope
  const today = isoDay(deps.clock.now())
  try {
    const subscription = await withProvider(
      deps,
      'subscription',
      { requestId, timeoutMs: deps.timeouts.writeMs },
      async (context) => {
        const read = { ...context, timeoutMs: deps.timeouts.readMs }
        let zuora = await fetchZuoraSubscription(read, account, deps.catalog, today)
        if (zuora.autoRenew !== autoRenew) {
          const created = await callOperation(context, 'createOrder', {
            capability: 'subscription',
            body: {
              existingAccountNumber: account.zuoraAccountNumber,
              orderDate: today,
              subscriptions: [
                { subscriptionNumber: zuora.subscriptionNumber, orderActions: [renewalChange(autoRenew, today)] },
              ],
            },
          })
          deps.log({
            event: 'renewal',
            requestId,
            accountId: account.id,
            ...(scope.changeRequestId === undefined ? {} : { changeRequestId: scope.changeRequestId }),
            autoRenew,
            orderNumber: created.orderNumber,
          })
          zuora = await fetchZuoraSubscription(read, account, deps.catalog, today)
        }
        return contractSubscription(zuora, account, deps.catalog, today)
      },
    )
    await deps.staleCopy.put(account.id, staleResources.subscription, JSON.stringify(subscription), deps.clock.now())
    return subscription
  } catch (error) {
    throw providerError(error)
  }
}
