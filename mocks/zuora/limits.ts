/**
 * Zuora's limits and the headers that tell of them, on every answer: `ratelimit-limit`,
 * `ratelimit-remaining`, `ratelimit-reset` (a minute's window of 50,000 requests), and on `/v1`
 * calls `Concurrency-Limit-Type`, `-Limit`, `-Remaining` (40 at once by default, 200 for orders and
 * payment pages, 80 for object queries). A call over its pool's concurrency limit answers 429 with
 * a `success: false` reason in the concurrency category (…70). `Zuora-Request-Id` names every
 * answer; `Zuora-Track-Id` is echoed when the caller sent a valid one.
 */
import { trackIdSchema, ZUORA_POOL_LIMITS, type ZuoraPool } from '../../gateway/zuora/spec'
import { fail, reasonCodes } from './responses'

export const REQUESTS_PER_MINUTE = 50_000
const WINDOW_MS = 60_000

const poolTypes: Record<ZuoraPool, string> = {
  default: 'Default',
  orders: 'High-Volume-Transactions',
  paymentPages: 'High-Volume-Transactions',
  objectQuery: 'Object-Query',
}

export type Limits = ReturnType<typeof createLimits>

export function createLimits(now: () => number) {
  const inFlight: Record<ZuoraPool, number> = { default: 0, orders: 0, objectQuery: 0, paymentPages: 0 }
  let windowStart = 0
  let windowCount = 0

  function countRequest(): void {
    const at = now()
    if (at - windowStart >= WINDOW_MS) {
      windowStart = at - (at % WINDOW_MS)
      windowCount = 0
    }
    windowCount += 1
  }

  return {
    /** Runs `work` holding a slot of `pool`, or answers 429 when the pool is full. */
    async withinConcurrency(pool: ZuoraPool, work: () => Promise<Response>): Promise<Response> {
      if (inFlight[pool] >= ZUORA_POOL_LIMITS[pool])
        return fail(
          reasonCodes.concurrencyLimit,
          'The total number of concurrent requests has exceeded the limit allowed by the system. Please resubmit your request later.',
          429,
        )
      inFlight[pool] += 1
      try {
        return await work()
      } finally {
        inFlight[pool] -= 1
      }
    },
    countRequest,
    /** The answer with Zuora's headers added (a fault's own, a 429's say, are kept). */
    decorate(response: Response, request: Request, pool: ZuoraPool | null, requestId: string): Response {
      const headers = new Headers(response.headers)
      const setDefault = (name: string, value: string) => {
        if (!headers.has(name)) headers.set(name, value)
      }
      setDefault('Zuora-Request-Id', requestId)
      const trackId = request.headers.get('Zuora-Track-Id')
      if (trackId !== null && trackIdSchema.safeParse(trackId).success) setDefault('Zuora-Track-Id', trackId)
      setDefault('ratelimit-limit', `${REQUESTS_PER_MINUTE}, ${REQUESTS_PER_MINUTE};w=60`)
      setDefault('ratelimit-remaining', String(Math.max(0, REQUESTS_PER_MINUTE - windowCount)))
      setDefault('ratelimit-reset', String(Math.ceil((windowStart + WINDOW_MS - now()) / 1000)))
      if (pool !== null && new URL(request.url).pathname.startsWith('/v1/')) {
        setDefault('Concurrency-Limit-Type', poolTypes[pool])
        setDefault('Concurrency-Limit-Limit', String(ZUORA_POOL_LIMITS[pool]))
        setDefault('Concurrency-Limit-Remaining', String(Math.max(0, ZUORA_POOL_LIMITS[pool] - inFlight[pool])))
      }
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
    },
  }
}
