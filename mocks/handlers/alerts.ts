import { http } from 'msw'
import { alertInputSchema } from '../../src/lib/api/schemas'
import { db } from '../db'
import { api, empty, json, readBody, requireOperator, requireSession, route } from './http'

/**
 * Any signed-in client reports; operators read. Reports of one incident fold into one alert. A
 * report is validated (422) and rate-limited per user (429 with Retry-After, see recordAlert); 202
 * means it was recorded.
 */
export const alertHandlers = [
  http.post(
    api('/alerts'),
    route(async ({ request }) => {
      const { user, accountId } = requireSession()
      const input = await readBody(request, alertInputSchema)
      db.recordAlert(input, { accountId, userId: user.id })
      return empty(202)
    }),
  ),

  http.get(
    api('/alerts'),
    route(() => {
      requireOperator('Only billing operators can read alerts.')
      return json({ alerts: db.getAlerts() })
    }),
  ),
]
