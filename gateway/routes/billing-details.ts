/**
 * Billing details: the account's bill-to contact and tax id at Zuora (the copy when it fails), and
 * their full replace, checked by the same rules as the form before Zuora is asked
 * (billing/billing-details.ts does the work at Zuora).
 */
import { billingDetailsInputSchema } from '../../src/lib/api/schemas'
import { fetchBillingDetails, replaceBillingDetails } from '../billing/billing-details'
import { readThrough } from '../billing/provider-call'
import { refuseDuringMaintenance, requireBillingAdmin, requireSession } from '../context'
import { json, readBody } from '../http/respond'
import { staleResources } from '../stores/stale-copy'
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
      (context) => fetchBillingDetails(context, account),
    )
  })

  // A full replace: safe to repeat, so the app may retry it (no idempotency key: Zuora refuses one on PUT).
  app.put('/billing-details', async (c) => {
    const { account } = await requireBillingAdmin(deps, c.req.raw)
    await refuseDuringMaintenance(deps)
    const details = await readBody(c.req.raw, billingDetailsInputSchema)
    return json(await replaceBillingDetails(deps, account, details, { requestId: c.get('requestId') }))
  })
}
