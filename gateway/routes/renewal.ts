/**
 * PUT /subscription/renewal: a billing admin turns renewal at the end of the term off or back on
 * (billing/renewal.ts does the work at Zuora).
 */
import { renewalInputSchema } from '../../src/lib/api/schemas'
import { setRenewal } from '../billing/renewal'
import { refuseDuringMaintenance, requireBillingAdmin } from '../context'
import { json, readBody } from '../http/respond'
import type { RouteModule } from './types'

export const renewalRoutes: RouteModule = (app, deps) => {
  app.put('/subscription/renewal', async (c) => {
    const { account } = await requireBillingAdmin(deps, c.req.raw)
    await refuseDuringMaintenance(deps)
    const { autoRenew } = await readBody(c.req.raw, renewalInputSchema)
    return json(await setRenewal(deps, account, autoRenew, { requestId: c.get('requestId') }))
  })
}
