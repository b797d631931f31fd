import { expect, test } from 'vitest'
import { retries } from '@/config/resilience'
import { ApiError } from '@/lib/api/errors'
import { isRetriable, retryDelayMs } from '@/lib/resilience/provider-policy'

const http = (status: number, retryAfterMs?: number) =>
  new ApiError('http', `status ${status}`, { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })

test('reads are retried on network errors and gateway failures only', () => {
  expect(isRetriable(new ApiError('network', 'offline'))).toBe(true)
  for (const status of [502, 503, 504, 429]) expect(isRetriable(http(status))).toBe(true)
  for (const status of [400, 401, 403, 404, 409, 422, 500]) expect(isRetriable(http(status))).toBe(false)
})

test('never retried: a time-out, a cancelled call, an answer that broke the contract, an open breaker', () => {
  expect(isRetriable(new ApiError('timeout', 'hung'))).toBe(false)
  expect(isRetriable(new ApiError('aborted', 'cancelled'))).toBe(false)
  expect(isRetriable(new ApiError('invalid-response', 'bad json'))).toBe(false)
  expect(isRetriable(new ApiError('circuit-open', 'open'))).toBe(false)
  expect(isRetriable(new Error('not an api error'))).toBe(false)
})

test('a Retry-After longer than the cap is not waited for within a call', () => {
  expect(isRetriable(http(429, retries.maxRetryAfterMs))).toBe(true)
  expect(isRetriable(http(429, retries.maxRetryAfterMs + 1))).toBe(false)
})

test('backoff is capped and jittered, and never sooner than Retry-After', () => {
  const low = () => 0
  const high = () => 0.999999
  expect(retryDelayMs(1, http(503), low)).toBe(retries.initialDelayMs / 2)
  expect(retryDelayMs(1, http(503), high)).toBeLessThanOrEqual(retries.initialDelayMs)
  expect(retryDelayMs(10, http(503), high)).toBeLessThanOrEqual(retries.maxDelayMs)
  expect(retryDelayMs(1, http(429, 3_000), low)).toBe(3_000)
})
