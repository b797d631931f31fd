/**
 * What a sick Zuora sends, and the faults the scenarios are made of. A fault sits in front of the
 * simulated tenant: it answers instead of it, delays it, or reworks its answer. Down is the edge's
 * HTML 503 (not JSON: a gateway must cope with both); the incident's cache layer failed with the
 * application's JSON 500 and the edge's HTML 502.
 */
import { json, reasonCodes } from './responses'

export type SimOperation = string

/** One call as the faults see it: which operation, and whether it is a JSON read. */
export type Call = { operation: SimOperation; request: Request; jsonRead: boolean }
export type Next = () => Promise<Response>
export type Fault = (call: Call, next: Next) => Promise<Response>

export type FaultTools = {
  now: () => number
  sleep: (ms: number) => Promise<void>
}

export const passThrough: Fault = (_call, next) => next()

const html = (status: number, title: string): Response =>
  new Response(`<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center></body></html>`, {
    status,
    headers: { 'Content-Type': 'text/html' },
  })

export const serviceUnavailable = (): Response => html(503, '503 Service Temporarily Unavailable')

export const badGateway = (): Response => html(502, '502 Bad Gateway')

export const internalError = (): Response =>
  json(
    {
      success: false,
      processId: 'SIMULATED',
      reasons: [{ code: reasonCodes.internal, message: 'Internal Server Error' }],
    },
    500,
  )

export const RETRY_AFTER_SECONDS = 30

/** Zuora's 429, with the headers its guide shows (the window's limits, none left, when it resets). */
export const tooManyRequests = (retryAfterSeconds = RETRY_AFTER_SECONDS): Response =>
  json({ message: 'Too many requests' }, 429, {
    'Retry-After': String(retryAfterSeconds),
    'ratelimit-limit': '2250000, 50000;w=60, 2250000;w=3600, 27000000;w=86400',
    'ratelimit-remaining': '0',
    'ratelimit-reset': String(retryAfterSeconds),
  })

/** Fails the calls of these operations (all when none are named) with `answer`. */
export const failing =
  (answer: () => Response, operations?: readonly SimOperation[]): Fault =>
  (call, next) =>
    operations === undefined || operations.includes(call.operation) ? Promise.resolve(answer()) : next()

/** Never answers: only the caller's time-out or abort ends the call (handled by the simulator). */
export const hanging: Fault = () => new Promise<Response>(() => {})

export const slow =
  (ms: number, { sleep }: FaultTools): Fault =>
  async (_call, next) => {
    await sleep(ms)
    return next()
  }

/** A seeded share of calls answers 503: one generator for the whole run, so the same calls fail. */
export const flaky =
  (share: number, random: () => number): Fault =>
  (_call, next) =>
    random() < share ? Promise.resolve(serviceUnavailable()) : next()

/** A 200 whose JSON is cut off half-way, as a proxy that drops the connection leaves it. */
const truncated = (text: string, status: number): Response =>
  new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })

function numbersAsStrings(value: unknown): unknown {
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.map(numbersAsStrings)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, numbersAsStrings(inner)]))
  return value
}

/**
 * JSON reads alternate between a body cut off half-way and the data in a shape the schema refuses:
 * numbers as strings (quantity "25", amounts "49"), an upstream serializer's classic drift; a body
 * with no number is wrapped in an array, which no object schema takes. Writes pass.
 */
export function malformedReads(): Fault {
  let reads = 0
  return async (call, next) => {
    const answer = await next()
    if (!call.jsonRead || !answer.ok) return answer
    const text = await answer.text()
    reads += 1
    if (reads % 2 === 1) return truncated(text, answer.status)
    const body: unknown = JSON.parse(text)
    const reshaped = numbersAsStrings(body)
    const broken = JSON.stringify(reshaped) === text ? [body] : reshaped
    return json(broken, answer.status)
  }
}
