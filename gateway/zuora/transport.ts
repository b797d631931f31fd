/**
 * Every call to Zuora goes through `createZuoraTransport().call`: the token, the pinned
 * `Zuora-Version`, our request id as `Zuora-Track-Id`, the concurrency cap, the call's time-out,
 * and ONE reading of the answer into a result or a classified ZuoraCallError (Zuora's 200 with
 * `success: false` included: "HTTP 200 doesn't mean your call succeeded"). The observer sees every
 * call start and end: it feeds the health detector and the metrics, so the report is computed
 * from what Zuora actually did.
 */
import type { z } from 'zod'
import type { Capability } from '../../src/lib/api/schemas'
import type { Clock, HttpClient } from '../ports'
import { createSemaphore, defaultPoolLimits, QueueFullError, type Pool, type Semaphore } from './concurrency'
import { retryAfterMs, ZuoraCallError, type ZuoraReason } from './errors'
import { createTokenSource } from './oauth'
import { RETRYABLE_CATEGORIES, ZUORA_VERSION } from './spec'

/** Zuora's API minor version, pinned: response shapes change with it (spec/headers.ts). */
export const PINNED_ZUORA_VERSION = ZUORA_VERSION

export type ZuoraRequest<T> = {
  /** Our name of the operation (gateway/zuora/spec/operations.ts), for logs and metrics. */
  operation: string
  /** The capability whose health this call tells; null for calls that tell none (catalog sync). */
  capability: Capability | null
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path with its parameters already encoded, e.g. `/v1/accounts/A00000001`. */
  path: string
  query?: ReadonlyArray<readonly [string, string]>
  body?: unknown
  /** The schema of a JSON answer, or 'binary' for a file. */
  response: z.ZodType<T> | 'binary'
  pool?: Pool
  /** Zuora keeps it 24 h and replays the first answer (POST and PATCH only: a PUT with it is a 400). */
  idempotencyKey?: string
  /** Our request id: Zuora logs it, so a support ticket can name the call. */
  trackId: string
  timeoutMs: number
  /** The caller gave up (the client went away): the call is abandoned, not counted against Zuora. */
  signal?: AbortSignal
  /** The one call the open breaker let through to see whether Zuora is back. */
  probe?: boolean
}

export type BinaryAnswer = { bytes: ArrayBuffer; contentType: string }

export type CallStart = {
  id: number
  operation: string
  capability: Capability | null
  startedAt: number
  probe: boolean
}
export type CallEnd = CallStart & {
  endedAt: number
  status: number | null
  error: ZuoraCallError | null
  trackId: string
  /** The caller abandoned it: neither a success nor Zuora's fault. */
  abandoned: boolean
}

export type ZuoraCallObserver = {
  started?(call: CallStart): void
  finished?(call: CallEnd): void
}

export type ZuoraTransportConfig = {
  baseUrl: string
  clientId: string
  clientSecret: string
  version?: string
  poolLimits?: Partial<Record<Pool, number>>
  /** Calls allowed to wait for a free slot, per pool. */
  maxQueue?: number
}

export function createZuoraTransport(
  config: ZuoraTransportConfig,
  deps: { http: HttpClient; clock: Clock; observer?: ZuoraCallObserver },
) {
  const { http, clock, observer } = deps
  const tokens = createTokenSource(config, http, clock)
  const version = config.version ?? PINNED_ZUORA_VERSION
  const semaphores = Object.fromEntries(
    (Object.keys(defaultPoolLimits) as Pool[]).map((pool) => [
      pool,
      createSemaphore(config.poolLimits?.[pool] ?? defaultPoolLimits[pool], config.maxQueue ?? 200),
    ]),
  ) as Record<Pool, Semaphore>
  let nextId = 1

  async function send(request: ZuoraRequest<unknown>, signal: AbortSignal): Promise<Response> {
    const url = new URL(request.path, config.baseUrl)
    for (const [name, value] of request.query ?? []) url.searchParams.append(name, value)
    const attempt = async (token: string) => {
      const headers = new Headers({
        Authorization: `Bearer ${token}`,
        Accept: request.response === 'binary' ? '*/*' : 'application/json',
        'Zuora-Version': version,
        'Zuora-Track-Id': request.trackId,
      })
      if (request.body !== undefined) headers.set('Content-Type', 'application/json')
      if (request.idempotencyKey !== undefined) headers.set('Idempotency-Key', request.idempotencyKey)
      return http(
        new Request(url, {
          method: request.method,
          headers,
          body: request.body === undefined ? null : JSON.stringify(request.body),
          signal,
        }),
      )
    }
    const token = await tokens.token()
    const first = await attempt(token)
    if (first.status !== 401) return first
    // One refresh and one retry: a token revoked or expired early. A second 401 is not ours to fix.
    await first.body?.cancel()
    return attempt(await tokens.token({ forceRefresh: token }))
  }

  async function run<T>(request: ZuoraRequest<T>): Promise<T | BinaryAnswer> {
    const timeout = AbortSignal.timeout(request.timeoutMs)
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
    const start: CallStart = {
      id: nextId++,
      operation: request.operation,
      capability: request.capability,
      startedAt: clock.now(),
      probe: request.probe === true,
    }
    let status: number | null = null
    let error: ZuoraCallError | null = null
    let slot: { release(): void } | null = null
    observer?.started?.(start)
    try {
      slot = await semaphores[request.pool ?? 'default'].acquire(signal)
      // Raced against the signal as well as handed to it: an HTTP client that ignores the signal (an
      // in-process simulator, a body that trickles) must still be cut off at the time-out.
      const response = await untilAborted(send(request as ZuoraRequest<unknown>, signal), signal)
      status = response.status
      return await untilAborted(read(request, response, clock.now()), signal)
    } catch (caught) {
      error = classify(caught, timeout, request.signal)
      throw error
    } finally {
      slot?.release()
      observer?.finished?.({
        ...start,
        endedAt: clock.now(),
        status,
        error,
        trackId: request.trackId,
        abandoned: request.signal?.aborted === true && !timeout.aborted,
      })
    }
  }

  return {
    tokens,
    callJson: <T>(request: ZuoraRequest<T> & { response: z.ZodType<T> }) => run(request) as Promise<T>,
    callBinary: (request: Omit<ZuoraRequest<never>, 'response'>) =>
      run({ ...request, response: 'binary' }) as Promise<BinaryAnswer>,
    pools: () =>
      Object.fromEntries(
        Object.entries(semaphores).map(([pool, s]) => [pool, { active: s.active, waiting: s.waiting }]),
      ) as Record<Pool, { active: number; waiting: number }>,
  }
}

/** The promise, or a rejection as soon as the signal aborts (whichever comes first). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

function classify(caught: unknown, timeout: AbortSignal, callerSignal: AbortSignal | undefined): ZuoraCallError {
  if (caught instanceof ZuoraCallError) return caught
  if (caught instanceof QueueFullError) return new ZuoraCallError('overloaded', caught.message)
  if (timeout.aborted) return new ZuoraCallError('timeout', 'Zuora did not answer in time.')
  if (callerSignal?.aborted) return new ZuoraCallError('network', 'The call was abandoned by its caller.')
  return new ZuoraCallError(
    'network',
    `Zuora could not be reached: ${caught instanceof Error ? caught.message : String(caught)}`,
  )
}

/** The answer as the operation documents it, or the one classified failure it is. */
async function read<T>(request: ZuoraRequest<T>, response: Response, nowMs: number): Promise<T | BinaryAnswer> {
  const { status } = response
  if (status === 429) {
    await response.body?.cancel()
    const wait = retryAfterMs(response.headers.get('Retry-After'), nowMs)
    throw new ZuoraCallError('shed', 'Zuora is limiting our requests (429).', { status, retryAfterMs: wait })
  }
  if (status >= 500) {
    await response.body?.cancel()
    throw new ZuoraCallError('unavailable', `Zuora answered ${status}.`, { status })
  }
  if (status === 401 || status === 403) {
    await response.body?.cancel()
    throw new ZuoraCallError('auth', `Zuora refused our credentials (${status}).`, { status })
  }
  if (request.response === 'binary' && response.ok) {
    return { bytes: await response.arrayBuffer(), contentType: response.headers.get('Content-Type') ?? '' }
  }
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    if (!response.ok) throw new ZuoraCallError('rejected', `Zuora refused the request (${status}).`, { status })
    throw new ZuoraCallError('malformed', `Zuora's answer to ${request.operation} is not JSON.`, { status })
  }
  const reasons = reasonsOf(json)
  if (status === 409 && request.idempotencyKey !== undefined)
    throw new ZuoraCallError('in_progress', 'Zuora is still processing the first request with this key.', {
      status,
      reasons,
    })
  if (status === 422 && request.idempotencyKey !== undefined)
    throw new ZuoraCallError('key_reused', 'Zuora has this key for another request.', { status, reasons })
  if (!response.ok)
    throw new ZuoraCallError('rejected', describe(reasons, `Zuora refused the request (${status}).`), {
      status,
      reasons,
    })
  if (isObject(json) && json.success === false) {
    const retryable = reasons.some((reason) => RETRYABLE_CATEGORIES.has(reason.code % 100))
    throw new ZuoraCallError(retryable ? 'unavailable' : 'rejected', describe(reasons, 'Zuora could not do it.'), {
      status,
      reasons,
    })
  }
  if (request.response === 'binary') throw new ZuoraCallError('malformed', 'Zuora sent JSON where a file was expected.')
  const parsed = request.response.safeParse(json)
  if (!parsed.success) {
    throw new ZuoraCallError(
      'malformed',
      `Zuora's answer to ${request.operation} does not have the documented shape: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
      { status },
    )
  }
  return parsed.data
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

function reasonsOf(json: unknown): ZuoraReason[] {
  if (!isObject(json) || !Array.isArray(json.reasons)) return []
  return json.reasons.flatMap((reason: unknown) =>
    isObject(reason) && typeof reason.code === 'number'
      ? [{ code: reason.code, message: typeof reason.message === 'string' ? reason.message : '' }]
      : [],
  )
}

const describe = (reasons: readonly ZuoraReason[], fallback: string) =>
  reasons.length > 0 ? reasons.map((r) => `${r.message} (${r.code})`).join('; ') : fallback

export type ZuoraTransport = ReturnType<typeof createZuoraTransport>
