/**
 * The card on file and its update through Zuora's Payment Pages 2.0: the gateway asks Zuora for an
 * RSA signature and hosts the page that renders Zuora's form; the app only opens that page. The
 * card itself is never kept in the gateway's copy (payment data).
 */
import { z } from 'zod'
import { paymentSessionInputSchema } from '../../src/lib/api/schemas'
import { providerError, withProvider } from '../billing/provider-call'
import { renderScript, simulatedPaymentPage, zuoraPaymentPage } from '../billing/payment-page-html'
import {
  publicOrigin,
  refuseDuringMaintenance,
  requireBillingAdmin,
  requireSession,
  type GatewayDeps,
} from '../context'
import { GatewayError, notFound, validationFailed } from '../http/errors'
import { json, readBody } from '../http/respond'
import { base64url } from '../stores/encoding'
import { toPaymentMethod } from '../zuora/adapter/payment-map'
import { callOperation } from '../zuora/adapter/operation'
import { ZuoraCallError } from '../zuora/errors'
import type { RouteModule } from './types'

const SESSION_TTL_MS = 30 * 60_000

const storedSessionSchema = z.object({
  accountId: z.string(),
  zuoraAccountNumber: z.string(),
  returnUrl: z.string(),
  expiresAt: z.number(),
  signature: z.object({ signature: z.string(), token: z.string(), tenantId: z.string(), key: z.string() }),
})
type StoredSession = z.infer<typeof storedSessionSchema>

const sessionKey = (id: string) => `payment-session:${id}`

async function readSession(deps: GatewayDeps, id: string, accountId: string): Promise<StoredSession> {
  const raw = /^[\w-]{10,64}$/.test(id) ? await deps.store.get(sessionKey(id)) : null
  const parsed = raw === null ? null : storedSessionSchema.safeParse(JSON.parse(raw))
  if (!parsed?.success || parsed.data.accountId !== accountId || parsed.data.expiresAt <= deps.clock.now())
    throw notFound('This card update has expired. Start it again from the payment page.')
  return parsed.data
}

/** The app's own address, with the outcome; never another site (no open redirect). */
function returnTo(returnUrl: string, result: 'success' | 'cancelled' | 'failed'): string {
  const url = new URL(returnUrl)
  url.searchParams.set('result', result)
  return url.toString()
}

export const paymentRoutes: RouteModule = (app, deps) => {
  app.get('/payment-method', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    const scope = { requestId: c.get('requestId'), timeoutMs: deps.timeouts.readMs, signal: c.req.raw.signal }
    try {
      return json(
        await withProvider(deps, 'payments', scope, async (context) => {
          try {
            const method = await callOperation(context, 'getDefaultPaymentMethod', {
              capability: 'payments',
              params: { 'account-key': account.zuoraAccountNumber },
            })
            return toPaymentMethod(method)
          } catch (error) {
            // No default payment method is Zuora's refusal, and the contract's "no card on file".
            if (error instanceof ZuoraCallError && error.kind === 'rejected') return { card: null, updatedAt: null }
            throw error
          }
        }),
      )
    } catch (error) {
      throw providerError(error)
    }
  })

  app.post('/payment-method/sessions', async (c) => {
    const request = c.req.raw
    const { account } = await requireBillingAdmin(deps, request)
    await refuseDuringMaintenance(deps)
    const { returnUrl } = await readBody(request, paymentSessionInputSchema)
    const own = publicOrigin(request)
    const allowed = new Set([own, ...deps.allowedOrigins])
    if (!allowed.has(new URL(returnUrl).origin)) throw validationFailed({ returnUrl: 'Return to this app only.' })
    const scope = { requestId: c.get('requestId'), timeoutMs: deps.timeouts.writeMs }
    try {
      const signature = await withProvider(deps, 'payments', scope, (context) =>
        callOperation(context, 'createRsaSignature', {
          capability: 'payments',
          body: { uri: deps.paymentPages.uri, method: 'POST', pageId: deps.paymentPages.pageId },
        }),
      )
      const id = `pps_${base64url(crypto.getRandomValues(new Uint8Array(18)))}`
      const expiresAt = deps.clock.now() + SESSION_TTL_MS
      const stored: StoredSession = {
        accountId: account.id,
        zuoraAccountNumber: account.zuoraAccountNumber,
        returnUrl,
        expiresAt,
        signature: {
          signature: signature.signature,
          token: signature.token,
          tenantId: signature.tenantId,
          key: signature.key,
        },
      }
      await deps.store.set(sessionKey(id), JSON.stringify(stored), { ttlMs: SESSION_TTL_MS })
      return json(
        { sessionId: id, url: `${own}/api/payment-pages/${id}`, expiresAt: new Date(expiresAt).toISOString() },
        201,
      )
    } catch (error) {
      throw providerError(error)
    }
  })

  app.get('/payment-pages/:sessionId', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    const id = c.req.param('sessionId')
    const session = await readSession(deps, id, account.id)
    const common = { sessionId: id, accountName: account.name, cancelUrl: returnTo(session.returnUrl, 'cancelled') }
    const html = deps.paymentPages.simulatedCompletion
      ? simulatedPaymentPage({ ...common, year: new Date(deps.clock.now()).getUTCFullYear() })
      : zuoraPaymentPage({
          ...common,
          renderParams: {
            id: deps.paymentPages.pageId,
            tenantId: session.signature.tenantId,
            token: session.signature.token,
            signature: session.signature.signature,
            key: session.signature.key,
            style: 'inline',
            submitEnabled: 'true',
            url: deps.paymentPages.uri,
            field_accountId: session.zuoraAccountNumber,
          },
        })
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } })
  })

  app.get('/payment-pages/:sessionId/render.js', async (c) => {
    const { account } = await requireSession(deps, c.req.raw)
    const session = await readSession(deps, c.req.param('sessionId'), account.id)
    return new Response(renderScript(returnTo(session.returnUrl, 'success'), returnTo(session.returnUrl, 'failed')), {
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  })

  // Simulated mode only: the simulated page's form (form-encoded, same origin; the session id is its credential).
  app.post('/payment-pages/:sessionId/complete', async (c) => {
    const complete = deps.paymentPages.simulatedCompletion
    if (!complete) throw notFound('No such endpoint.')
    const { account } = await requireSession(deps, c.req.raw)
    const id = c.req.param('sessionId')
    const session = await readSession(deps, id, account.id)
    const form = await c.req.raw.formData()
    const field = (name: string) => String(form.get(name) ?? '').trim()
    const card = {
      cardNumber: field('cardNumber'),
      expMonth: Number(field('expMonth')),
      expYear: Number(field('expYear')),
      holderName: field('holderName'),
    }
    const result = await complete({
      token: session.signature.token,
      accountId: session.zuoraAccountNumber,
      card,
    }).catch(() => {
      throw new GatewayError(503, 'provider_unavailable', 'The billing provider is not responding.', {
        headers: { 'Retry-After': '5' },
      })
    })
    if (!result.ok) {
      const html = simulatedPaymentPage({
        sessionId: id,
        accountName: account.name,
        cancelUrl: returnTo(session.returnUrl, 'cancelled'),
        errors: result.fields,
        year: new Date(deps.clock.now()).getUTCFullYear(),
      })
      return new Response(html, {
        status: 422,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
      })
    }
    await deps.store.delete(sessionKey(id))
    return new Response(null, {
      status: 303,
      headers: { Location: returnTo(session.returnUrl, 'success'), 'Cache-Control': 'no-store' },
    })
  })
}
