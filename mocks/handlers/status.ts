import { http, HttpResponse } from 'msw'
import { maintenanceInputSchema } from '../../src/lib/api/schemas'
import { matchesIfNoneMatch, statusCacheHeaders, strongEtag } from '../../gateway/own/status-cache'
import { db } from '../db'
import { api, json, readBody, requireOperator, route } from './http'

export const statusHandlers = [
  // Public: no session, the same answer for everyone, so a CDN may keep it (gateway/own/status-cache.ts).
  http.get(
    api('/billing-status'),
    route(({ request }) => {
      const body = JSON.stringify(db.getBillingStatus())
      const etag = strongEtag(body)
      const headers = statusCacheHeaders(etag)
      if (matchesIfNoneMatch(request.headers.get('If-None-Match'), etag))
        return new HttpResponse(null, { status: 304, headers })
      return new HttpResponse(body, { status: 200, headers: { 'Content-Type': 'application/json', ...headers } })
    }),
  ),

  http.put(
    api('/billing-status/maintenance'),
    route(async ({ request }) => {
      requireOperator('Only billing operators can switch maintenance mode.')
      const input = await readBody(request, maintenanceInputSchema)
      return json(db.setMaintenance(input))
    }),
  ),
]
