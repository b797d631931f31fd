/**
 * Renewal at the end of the term: off (the subscription ends on its renewal date) or back on, as
 * one TermsAndConditions order at Zuora. A full replace of one setting: the subscription is read
 * first and the order sent only when Zuora's `autoRenew` differs, so a repeat (the app's retry, a
 * second tab) sends nothing twice. That is why it takes no Idempotency-Key, unlike an order that
 * charges: a repeated change of terms to the same value charges nothing and changes nothing.
 */
import { renewalInputSchema } from '../../src/lib/api/schemas'
import { providerError, withProvider } from '../billing/provider-call'
import { contractSubscription, fetchZuoraSubscription } from '../billing/subscription-reads'
import { isoDay, refuseDuringMaintenance, requireBillingAdmin } from '../context'
import { json, readBody } from '../http/respond'
import { staleResources } from '../stores/stale-copy'
import { callOperation } from '../zuora/adapter/operation'
import { renewalChange } from '../zuora/adapter/order-actions'
import type { RouteModule } from './types'

export const renewalRoutes: RouteModule = (app, deps) => {
  app.put('/subscription/renewal', async (c) => {
    const requestId = c.get('requestId')
    const { account } = await requireBillingAdmin(deps, c.req.raw)
    await refuseDuringMaintenance(deps)
    const { autoRenew } = await readBody(c.req.raw, renewalInputSchema)
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
              autoRenew,
              orderNumber: created.orderNumber,
            })
            zuora = await fetchZuoraSubscription(read, account, deps.catalog, today)
          }
          return contractSubscription(zuora, account, deps.catalog, today)
        },
      )
      await deps.staleCopy.put(account.id, staleResources.subscription, JSON.stringify(subscription), deps.clock.now())
      return json(subscription)
    } catch (error) {
      throw providerError(error)
    }
  })
}
