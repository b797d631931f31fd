import { http } from 'msw'
import { quoteInputSchema } from '../../src/lib/api/schemas'
import { db } from '../db'
import { api, json, readBody, requireSession, route } from './http'

/**
 * Pricing a change changes nothing, so every signed-in role may ask (a read-only admin can show a
 * price to the billing admin), and it is allowed during maintenance.
 */
export const quoteHandlers = [
  http.post(
    api('/quotes'),
    route(async ({ request }) => {
      const { accountId } = requireSession()
      const input = await readBody(request, quoteInputSchema)
      return json(db.createQuote(accountId, input), 201)
    }),
  ),
]
