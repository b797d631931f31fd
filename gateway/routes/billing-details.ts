/**
 * Billing details: the account's bill-to contact and tax id at Zuora (the copy when it fails), and
 * their full replace, checked by the same rules as the form before Zuora is asked.
 */
import { billingDetailsInputSchema } from '../../src/lib/api/schemas'
import { providerError, readThrough, withProvider } from '../billing/provider-call'
import { refuseDuringMaintenance, requireBillingAdmin, requireSession } from '../context'
import { json, readBody } from '../http/respond'
import { staleResources } from '../stores/stale-copy'
import { toAccountUpdate, toBillingDetails } from '../zuora/adapter/account-map'
import { callOperation } from '../zuora/adapter/operation'
import type { RouteModule } from './types'

export const billingDetailsRoutes: RouteModule = (app, deps) => {
  app.get('/billing-details', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    return readThrough(
      deps,
      {
        capability: 'billingDetails',
        accountId: account.id,
        resource: staleResources.billingDetails,
        scope: { requestId: c.get('requestId'), signal: c.req.raw.signal },
      },
      async (context) =>
        toBillingDetails(
          await callOperation(context, 'getAccount', {
            capability: 'billingDetails',
            params: { 'account-key': account.zuoraAccountNumber },
          }),
        ),
    )
  })

  // A full replace: safe to repeat, so the app may retry it (no idempotency key: Zuora refuses one on PUT).
  app.put('/billing-details', async (c) => {
    const { account } = await requireBillingAdmin(deps, c.req.raw)
    await refuseDuringMaintenance(deps)
    const details = await readBody(c.req.raw, billingDetailsInputSchema)
    const scope = { requestId: c.get('requestId'), timeoutMs: deps.timeouts.writeMs }
    try {
      await withProvider(deps, 'billingDetails', scope, (context) =>
        callOperation(context, 'updateAccount', {
          capability: 'billingDetails',
          params: { 'account-key': account.zuoraAccountNumber },
          body: toAccountUpdate(details),
        }),
      )
      await deps.staleCopy.put(account.id, staleResources.billingDetails, JSON.stringify(details), deps.clock.now())
      return json(details)
    } catch (error) {
      throw providerError(error)
    }
  })
}
