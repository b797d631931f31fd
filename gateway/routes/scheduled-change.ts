/**
 * PUT/DELETE /subscription/scheduled-change: a billing admin schedules fewer seats or a smaller
 * plan for the next term, or withdraws it (billing/next-term.ts does the work at Zuora).
 */
import type { Context } from 'hono'
import { scheduledChangeInputSchema } from '../../src/lib/api/schemas'
import { replaceNextTerm } from '../billing/next-term'
import { refuseDuringMaintenance, requireBillingAdmin } from '../context'
import { validationFailed } from '../http/errors'
import { json, readBody } from '../http/respond'
import type { RouteModule } from './types'

export const scheduledChangeRoutes: RouteModule = (app, deps) => {
  const respond = async (c: Context, withdraw: boolean): Promise<Response> => {
    const { account } = await requireBillingAdmin(deps, c.req.raw)
    await refuseDuringMaintenance(deps)
    const input = withdraw ? null : await readBody(c.req.raw, scheduledChangeInputSchema)
    if (input && input.seats === null && input.planId === null)
      throw validationFailed({ seats: 'Give seats, planId or both' })
    return json(await replaceNextTerm(deps, account, input, { requestId: c.get('requestId') as string }))
  }

  app.put('/subscription/scheduled-change', (c) => respond(c, false))
  app.delete('/subscription/scheduled-change', (c) => respond(c, true))
}
