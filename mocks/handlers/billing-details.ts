import { http } from 'msw'
import { billingDetailsInputSchema } from '../../src/lib/api/schemas'
import { db } from '../db'
import { api, json, readBody, refuseDuringMaintenance, requireBillingAdmin, requireSession, route } from './http'

export const billingDetailsHandlers = [
  http.get(
    api('/billing-details'),
    route(() => json(db.getBillingDetails(requireSession().accountId))),
  ),

  // Same rules as the form (billingDetailsInputSchema): 422 with a message per field.
  http.put(
    api('/billing-details'),
    route(async ({ request }) => {
      const { accountId } = requireBillingAdmin()
      refuseDuringMaintenance()
      const details = await readBody(request, billingDetailsInputSchema)
      return json(db.updateBillingDetails(accountId, details))
    }),
  ),
]
