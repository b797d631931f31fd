/**
 * Zuora's Idempotency-Key (POST and PATCH only): the first answer to a key is kept for 24 hours
 * and replayed to every repeat "regardless of whether it succeeded or failed"; a repeat while the
 * first is still running gets 409; the same key on another URL or method gets 422 (the body is not
 * compared: Zuora documents nothing about it); a PUT or DELETE carrying a key gets 400.
 */
import { fail, reasonCodes } from './responses'

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000
const MAX_KEY_LENGTH = 255

type Snapshot = { status: number; headers: [string, string][]; body: ArrayBuffer }

type Entry = {
  method: string
  /** Path and query: Zuora's "URL". */
  target: string
  expiresAt: number
  answer: Snapshot | null
}

const snapshot = async (response: Response): Promise<Snapshot> => ({
  status: response.status,
  headers: [...response.headers.entries()],
  body: await response.clone().arrayBuffer(),
})

const replay = ({ status, headers, body }: Snapshot): Response => new Response(body.slice(0), { status, headers })

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>

export function createIdempotencyStore(now: () => number) {
  const entries = new Map<string, Entry>()

  function forgetExpired(): void {
    const at = now()
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key)
  }

  return {
    /**
     * Runs `work` once per key: the first request with a key runs it and keeps its answer; the
     * others get the kept answer, 409 or 422. `work` is the operation itself, so it goes on to
     * completion even when the client that sent it gives up.
     */
    async run(request: Request, work: () => Promise<Response>): Promise<Response> {
      const key = request.headers.get('Idempotency-Key')
      // Reads ignore it (object queries even list it among their headers); PUT and DELETE refuse it.
      if (key === null || request.method === 'GET' || request.method === 'HEAD') return work()
      if (request.method !== 'POST' && request.method !== 'PATCH')
        return fail(
          reasonCodes.unsupportedMethod,
          'The Idempotency-Key header is supported for POST and PATCH requests only.',
          400,
        )
      if (key.length === 0 || key.length > MAX_KEY_LENGTH)
        return fail(reasonCodes.invalidValue, `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`, 400)
      forgetExpired()
      const url = new URL(request.url)
      const target = `${url.pathname}${url.search}`
      const seen = entries.get(key)
      if (seen) {
        if (seen.method !== request.method || seen.target !== target)
          return fail(
            reasonCodes.invalidValue,
            'The Idempotency-Key was already used by a request with another URL or method.',
            422,
          )
        if (seen.answer === null)
          return fail(
            reasonCodes.businessRule,
            'A request with this Idempotency-Key is still being processed. Retry later.',
            409,
          )
        return replay(seen.answer)
      }
      const entry: Entry = { method: request.method, target, expiresAt: now() + IDEMPOTENCY_TTL_MS, answer: null }
      entries.set(key, entry)
      try {
        const response = await work()
        entry.answer = await snapshot(response)
        return response
      } catch (error) {
        // Nothing was answered (a simulator fault): the key may be used again.
        entries.delete(key)
        throw error
      }
    },
    clear(): void {
      entries.clear()
    },
  }
}
