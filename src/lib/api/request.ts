/**
 * The one way the app talks to the billing API. Every call goes through `callApi`: it builds the
 * URL, sends, puts a time-out on the whole exchange (headers and body), classifies failures into
 * an ApiError and validates the answer against the contract. Provider-backed calls additionally go
 * through the provider policy (retries, breaker), so no page ever handles those itself.
 */
import type { z } from 'zod/mini'
import { apiBaseUrl } from '@/config/env'
import { timeouts } from '@/config/resilience'
import type { AttemptFacts, CallKind, RunProviderCall } from '@/lib/resilience/provider-policy'
import type { Endpoint } from './contract'
import { ApiError, parseRetryAfter } from './errors'
import { answerFromCopy, copyAsOfHeader, parseCopyAsOf } from './provider-copy'
import { providerTimingMs } from './provider-timing'
import { apiErrorSchema } from './schemas'

export type ResponseOf<E extends Endpoint> = E['response'] extends z.ZodMiniType
  ? z.output<E['response']>
  : E['response'] extends 'pdf' | 'csv'
    ? Blob
    : undefined

export type CallOptions = {
  params?: Record<string, string>
  query?: Record<string, string | undefined>
  body?: unknown
  idempotencyKey?: string
  /** The caller's cancellation (React Query passes one); the time-out is added on top. */
  signal?: AbortSignal
  /** Let the request finish even if the tab is closing (alerts). */
  keepalive?: boolean
  /** The answer's headers, for a caller that needs more than the body (the status poll). */
  onHeaders?: (headers: Headers) => void
  /**
   * The account this write was prepared for (the form opened, the cart filled, the request shown),
   * sent instead of the account on screen. A write that awaits something before it goes out, or
   * whose form outlived an account switch, then cannot be re-aimed at the account the tab moved to:
   * the server refuses it (409 `account_changed`) instead of saving one account's data onto another.
   */
  account?: string
  /**
   * This read fills a query that has nothing to show (no data, nothing saved): the query's key as a
   * hash (`providerReadOptions` in provider-copy.ts). On a read that may answer from the server's
   * copy, it lets the read out once per page load even while its capability is refused.
   */
  firstRead?: string
}

/** What a provider-backed read's fetcher passes on from its query function. */
export type ReadOptions = Pick<CallOptions, 'signal' | 'firstRead'>

/**
 * The request policy of the app's resilience runtime (lib/resilience/runtime.ts). The app installs
 * it when it creates the runtime: feature modules call `callApi` outside React, so the runtime
 * cannot reach them through a context. Without one (a script, a test of the contract) provider
 * calls go out once, with their time-out and nothing else.
 */
let providerPolicy: RunProviderCall | null = null

export function installProviderPolicy(policy: RunProviderCall | null): void {
  providerPolicy = policy
}

/**
 * Who this tab's pages were rendered for, and what to do when the server disagrees. Installed by the
 * app (app.tsx) and kept up to date by the signed-in layout.
 */
export type RequestContext = {
  /** The account the pages on screen show: every account-scoped request carries it. */
  accountId: string | null
  /** The server says the session is not what this tab shows: it ended (401), or it is on another account now. */
  onSessionChanged: (reason: 'signed-out' | 'account-changed') => void
}

const requestContext: RequestContext = { accountId: null, onSessionChanged: () => undefined }

export function installRequestContext(context: Partial<RequestContext>): void {
  Object.assign(requestContext, context)
}

/** The header the server checks against the session's account (409 `account_changed` on a mismatch). */
export const accountHeader = 'X-Billing-Account'

/** Who-am-I, sign-in, sign-out and the switch itself are about the session, not one account. */
const isIdentity = (endpoint: Endpoint) => endpoint.path === '/me' || endpoint.path.startsWith('/session')

export function callKindOf(endpoint: Endpoint): CallKind {
  if (endpoint.method === 'GET') return 'read'
  return 'safeToRepeat' in endpoint && endpoint.safeToRepeat ? 'safe-write' : 'write'
}

export function callApi<E extends Endpoint>(endpoint: E, options: CallOptions = {}): Promise<ResponseOf<E>> {
  // Bench-only baseline build (vite.config.ts): a plain fetch, no time-out (setTimeout's longest
  // delay, 24.8 days), no retries of ours, no breaker. Folded away in every other build.
  if (!__RESILIENCE__) return send(endpoint, options, 2 ** 31 - 1).catch(answerFromCopy) as Promise<ResponseOf<E>>
  const { capability } = endpoint
  if (capability === null) return send(endpoint, options, timeouts.ownMs)
  const kind = callKindOf(endpoint)
  if (!providerPolicy)
    return send(endpoint, options, kind === 'read' ? timeouts.providerReadMs : timeouts.providerWriteMs).catch(
      answerFromCopy,
    ) as Promise<ResponseOf<E>>
  // The caller's cancellation (the admin moved to another page) does not stop a provider call: it
  // runs to its answer or its time-out, so that a hung provider is recognised (an admin moving on
  // every few seconds would otherwise cancel every hang before its time-out, and nothing would ever
  // be counted). React Query has already let go of the call; what it learns goes to the breaker.
  // An answer from the server's copy is a failure to the policy (counted, retried) and, when no
  // attempt brought the provider's own, the call's answer, marked as a copy (provider-copy.ts).
  // A first read is one per query and account: after an account switch the same key shows other data.
  const firstRead =
    endpoint.mayAnswerFromCopy && options.firstRead !== undefined
      ? `${options.account ?? requestContext.accountId} ${options.firstRead}`
      : undefined
  return providerPolicy(
    { capability, kind, signal: undefined, keyed: options.idempotencyKey !== undefined, firstRead },
    (signal, timeoutMs, heard) => send(endpoint, { ...options, signal }, timeoutMs, heard),
  ).catch(answerFromCopy) as Promise<ResponseOf<E>>
}

export function endpointUrl(endpoint: Endpoint, options: Pick<CallOptions, 'params' | 'query'> = {}): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = options.params?.[name]
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${endpoint.path}`)
    return encodeURIComponent(value)
  })
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) query.set(key, value)
  const search = query.size > 0 ? `?${query}` : ''
  return `${apiBaseUrl}${path}${search}`
}

/**
 * One request. `heard` learns what an answer said of the provider beyond its data: how long the
 * provider itself took, when the gateway says (provider-timing.ts).
 */
async function send<E extends Endpoint>(
  endpoint: E,
  options: CallOptions,
  timeoutMs: number,
  heard?: (facts: AttemptFacts) => void,
): Promise<ResponseOf<E>> {
  const capability = endpoint.capability
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  const headers: Record<string, string> = {
    Accept:
      endpoint.response === 'pdf' ? 'application/pdf' : endpoint.response === 'csv' ? 'text/csv' : 'application/json',
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey
  const accountScoped = !isIdentity(endpoint) && endpoint.auth !== 'none'
  const account = options.account ?? requestContext.accountId
  if (accountScoped && account !== null) headers[accountHeader] = account

  const fail = (error: unknown): never => {
    if (error instanceof ApiError) throw error
    if (timeout.aborted) throw new ApiError('timeout', `No answer within ${timeoutMs} ms`, { capability, cause: error })
    if (options.signal?.aborted) throw new ApiError('aborted', 'Cancelled', { capability, cause: error })
    throw new ApiError('network', 'The billing API could not be reached', { capability, cause: error })
  }

  try {
    const response = await fetch(endpointUrl(endpoint, options), {
      method: endpoint.method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      // A public endpoint (the status report) goes without cookies, so a CDN can answer it for everyone.
      credentials: endpoint.auth === 'none' ? 'omit' : 'include',
      keepalive: options.keepalive,
      signal,
    })
    if (!response.ok) {
      const error = await errorFromResponse(response, capability)
      // A session that ended, or moved to another account in another tab: the whole app must
      // follow (sign in again, or show the new account), not only this call's section.
      // (A refused sign-in, 401 for a wrong password, is not a session that ended.)
      const signingIn = endpoint.path === '/session' && endpoint.method === 'POST'
      if (error.status === 401 && endpoint.path !== '/me' && !signingIn) requestContext.onSessionChanged('signed-out')
      if (error.status === 409 && error.code === 'account_changed') requestContext.onSessionChanged('account-changed')
      throw error
    }
    options.onHeaders?.(response.headers)
    heard?.({ providerMs: providerTimingMs(response.headers.get('Server-Timing')) })
    if (endpoint.response === 'empty') return undefined as ResponseOf<E>
    // A file is a Blob. Answered from the server's copy (the CSV export may be), it is still the
    // file asked for, never retried as a failure (a whole CSV again, five times): its caller reads
    // the copy's time from the headers (onHeaders).
    if (endpoint.response === 'pdf' || endpoint.response === 'csv') return (await response.blob()) as ResponseOf<E>
    const data = parseBody(await response.text(), endpoint.response, capability)
    // Only the provider-backed reads the contract names may answer from the server's copy; on any
    // other endpoint (the vendor's own, a write) the header means nothing.
    const copyAsOf =
      endpoint.mayAnswerFromCopy && endpoint.method === 'GET' && capability !== null
        ? parseCopyAsOf(response.headers.get(copyAsOfHeader), Date.now())
        : null
    if (copyAsOf !== null)
      throw new ApiError('copy', `The billing API answered from its copy of ${new Date(copyAsOf).toISOString()}`, {
        capability,
        copy: { asOf: copyAsOf, data },
      })
    return data as ResponseOf<E>
  } catch (error) {
    return fail(error)
  }
}

function parseBody(text: string, schema: z.ZodMiniType, capability: Endpoint['capability']): unknown {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new ApiError('invalid-response', 'The billing API sent an answer that is not JSON', { capability, cause })
  }
  const result = schema.safeParse(json)
  if (!result.success) {
    const where = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ')
    throw new ApiError('invalid-response', `The billing API sent an unexpected answer (${where})`, {
      capability,
      cause: result.error,
    })
  }
  return result.data
}

async function errorFromResponse(response: Response, capability: Endpoint['capability']): Promise<ApiError> {
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'))
  let body: z.infer<typeof apiErrorSchema> | undefined
  try {
    body = apiErrorSchema.parse(JSON.parse(await response.text()))
  } catch {
    body = undefined // an error page or an empty body: the status says enough
  }
  return new ApiError('http', body?.error.message ?? `The billing API answered ${response.status}`, {
    status: response.status,
    code: body?.error.code,
    fields: body?.error.fields,
    reason: body?.error.reason,
    retryAfterMs,
    capability,
  })
}
