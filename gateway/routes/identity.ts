/**
 * Who is signed in: sign in (email and password against the directory, email alone in simulated
 * mode, or the single-sign-on proxy's header), sign out, switch account. A new session id on every
 * sign-in, in an HttpOnly, SameSite=Lax cookie (Secure off localhost).
 */
import type { Me } from '../../src/lib/api/schemas'
import { signInInputSchema, switchAccountInputSchema } from '../../src/lib/api/schemas'
import { requireSession, signedIn, type GatewayDeps, type SignedIn } from '../context'
import { forbidden, GatewayError, unauthenticated } from '../http/errors'
import { empty, json, readBody } from '../http/respond'
import { signIn } from '../identity/sign-in'
import { clearedCookie, isSecureContextRequest, sessionCookie } from '../stores/session-cookie'
import type { RouteModule } from './types'

function meOf(deps: GatewayDeps, who: Pick<SignedIn, 'user' | 'account'>): Me {
  const ref = (id: string) => ({ id, name: deps.directory.accounts.find((a) => a.id === id)?.name ?? id })
  const { user } = who
  return {
    user: { id: user.id, name: user.name, email: user.email, role: user.role },
    account: ref(who.account.id),
    accounts: user.accountIds.map(ref),
    locale: 'en',
  }
}

const invalidCredentials = () =>
  new GatewayError(401, 'invalid_credentials', 'Email or password is not right.', {
    fields: { email: 'Email or password is not right.' },
  })

export const identityRoutes: RouteModule = (app, deps) => {
  app.get('/me', async (c) => json(meOf(deps, await requireSession(deps, c.req.raw))))

  app.post('/session', async (c) => {
    const request = c.req.raw
    const input = (await readBody(request, signInInputSchema)) as { email: string; password?: string }
    let user
    if (deps.identity.mode === 'header') {
      // The proxy has signed the user in already; the form is not a way around it.
      const who = await signedIn(deps, request)
      if (!who || who.user.email !== input.email.trim().toLowerCase()) throw invalidCredentials()
      user = who.user
    } else {
      const verify = deps.identity.mode === 'password' ? deps.identity.verify : async () => false
      const result = await signIn(
        { directory: deps.directory, mode: deps.identity.mode, email: input.email, password: input.password },
        verify,
      )
      if (!result.ok)
        throw result.reason === 'missing_credentials' && deps.identity.mode === 'password'
          ? new GatewayError(422, 'invalid_credentials', 'Enter your email and password.', {
              fields: { password: 'Enter your password.' },
            })
          : invalidCredentials()
      user = result.user
    }
    const accountId = user.accountIds[0]
    const account = deps.directory.accounts.find((a) => a.id === accountId)
    if (!account) throw forbidden('This user has no account.')
    const { id } = await deps.sessions.create({ userId: user.id, accountId: account.id })
    deps.log({ event: 'signed_in', userId: user.id, accountId: account.id })
    return json(meOf(deps, { user, account }), 200, {
      [deps.cookieHeaders.response]: sessionCookie(id, { secure: isSecureContextRequest(request) }),
    })
  })

  app.delete('/session', async (c) => {
    const who = await requireSession(deps, c.req.raw)
    if (who.sessionId) await deps.sessions.destroy(who.sessionId)
    return empty(204, { [deps.cookieHeaders.response]: clearedCookie({ secure: isSecureContextRequest(c.req.raw) }) })
  })

  app.put('/session/account', async (c) => {
    const request = c.req.raw
    const who = await signedIn(deps, request)
    if (!who) throw unauthenticated()
    const { accountId } = await readBody(request, switchAccountInputSchema)
    if (!who.user.accountIds.includes(accountId)) throw forbidden('You do not have access to this account.')
    const account = deps.directory.accounts.find((a) => a.id === accountId)
    if (!account) throw forbidden('You do not have access to this account.')
    if (who.sessionId) {
      if (!(await deps.sessions.switchAccount(who.sessionId, accountId))) throw unauthenticated()
      return json(meOf(deps, { user: who.user, account }))
    }
    // Signed in by the proxy's header with no session yet: the account choice starts one.
    const { id } = await deps.sessions.create({ userId: who.user.id, accountId })
    return json(meOf(deps, { user: who.user, account }), 200, {
      [deps.cookieHeaders.response]: sessionCookie(id, { secure: isSecureContextRequest(request) }),
    })
  })
}
