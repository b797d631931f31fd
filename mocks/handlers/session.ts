import { http } from 'msw'
import { signInInputSchema, switchAccountInputSchema } from '../../src/lib/api/schemas'
import { db } from '../db'
import { api, empty, json, readBody, requireSession, route } from './http'

/** The simulated identity provider: sign in by email, sign out, switch account. */
export const sessionHandlers = [
  http.get(
    api('/me'),
    route(() => {
      requireSession()
      return json(db.me())
    }),
  ),

  // The one endpoint open to nobody signed in. By email alone: a password, if sent, is accepted and
  // ignored (the demo users have none; the gateway checks one outside simulated mode).
  http.post(
    api('/session'),
    route(async ({ request }) => {
      const { email } = await readBody(request, signInInputSchema)
      return json(db.signInAs(email))
    }),
  ),

  http.delete(
    api('/session'),
    route(() => {
      requireSession()
      db.signOut()
      return empty(204)
    }),
  ),

  http.put(
    api('/session/account'),
    route(async ({ request }) => {
      requireSession()
      const { accountId } = await readBody(request, switchAccountInputSchema)
      return json(db.switchAccount(accountId))
    }),
  ),
]
