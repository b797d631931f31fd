import { http } from 'msw'
import { maintenanceInputSchema } from '../../src/lib/api/schemas'
import { db } from '../db'
import { api, json, readBody, requireOperator, requireSession, route } from './http'

export const statusHandlers = [
  http.get(api('/billing-status'), route(() => {
    requireSession()
    return json(db.getBillingStatus())
  })),

  http.put(api('/billing-status/maintenance'), route(async ({ request }) => {
    requireOperator('Only billing operators can switch maintenance mode.')
    const input = await readBody(request, maintenanceInputSchema)
    return json(db.setMaintenance(input))
  })),
]
