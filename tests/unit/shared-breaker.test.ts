// @vitest-environment node
import { BrokenCircuitError } from 'cockatiel'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { breaker as settings } from '@/config/resilience'
import { ApiError } from '@/lib/api/errors'
import { SharedBreaker, type BreakerTransition } from '@/lib/resilience/shared-breaker'
import { MemoryStorage } from '../support/memory-storage'

const deps = (storage: Storage) => ({ storage, now: () => Date.now(), newId: () => crypto.randomUUID() })
const down = () => Promise.reject(new ApiError('http', 'down', { status: 503 }))
const up = () => Promise.resolve('ok')
const attempt = (breaker: SharedBreaker, call: () => Promise<string>) =>
  breaker.execute(call).catch((error: unknown) => error)

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-28T12:00:00Z'))
})
afterEach(() => vi.useRealTimers())

test('opens after the configured consecutive provider failures, then refuses without calling', async () => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  for (let i = 1; i < settings.consecutiveFailures; i++) await attempt(breaker, down)
  expect(breaker.state).toBe('closed')
  await attempt(breaker, down)
  expect(breaker.state).toBe('open')

  const call = vi.fn(up)
  const error = await attempt(breaker, call)
  expect(call).not.toHaveBeenCalled()
  expect(error).toBeInstanceOf(BrokenCircuitError)
})

test('a success in between resets the count: the failures must be consecutive', async () => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  for (let i = 1; i < settings.consecutiveFailures; i++) await attempt(breaker, down)
  await attempt(breaker, up)
  for (let i = 1; i < settings.consecutiveFailures; i++) await attempt(breaker, down)
  expect(breaker.state).toBe('closed')
})

test('the failure-rate window opens on a provider that fails most calls even when no run is long enough', async () => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  // Four failures, one success, over and over: 80 % fail, never five in a row.
  for (let round = 0; round < 4 && breaker.state === 'closed'; round++) {
    for (let i = 0; i < 4; i++) await attempt(breaker, down)
    if (breaker.state === 'closed') await attempt(breaker, up)
  }
  expect(breaker.state).toBe('open')
})

test('a provider failing 40 % of calls at random does not open the breaker', async () => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  // A fixed pattern with 40 % failures and runs of at most two.
  const pattern = [down, up, down, up, up, down, down, up, up, up]
  for (let i = 0; i < 50; i++) await attempt(breaker, pattern[i % pattern.length]!)
  expect(breaker.state).toBe('closed')
})

test.each([
  ['a time-out (a hang)', () => Promise.reject(new ApiError('timeout', 'no answer'))],
  ['an answer that breaks the contract', () => Promise.reject(new ApiError('invalid-response', 'garbage'))],
  [
    'a 429 asking to wait longer than a call can',
    () => Promise.reject(new ApiError('http', 'busy', { status: 429, retryAfterMs: 30_000 })),
  ],
])('one decisive failure opens the breaker at once: %s', async (_, fail) => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  await attempt(breaker, fail)
  expect(breaker.state).toBe('open')
})

test('a Retry-After that opened the breaker is its shortest wait, in every tab', async () => {
  const storage = new MemoryStorage()
  const breaker = new SharedBreaker('subscription', deps(storage))
  const otherTab = new SharedBreaker('subscription', deps(storage))
  await attempt(breaker, () => Promise.reject(new ApiError('http', 'busy', { status: 429, retryAfterMs: 30_000 })))
  otherTab.adoptFromStorage()
  const probe = vi.fn(up)
  vi.advanceTimersByTime(29_000)
  await attempt(breaker, probe)
  await attempt(otherTab, probe)
  otherTab.release() // even the report saying it is back does not call sooner than asked
  await attempt(otherTab, probe)
  expect(probe).not.toHaveBeenCalled()
  expect(breaker.trialDueAt).toBe(Date.now() + 1_000)
  vi.advanceTimersByTime(1_000)
  await attempt(breaker, probe)
  expect(probe).toHaveBeenCalledTimes(1)
})

test('released by the health report: edits are no longer paused and the next real call is the trial, at once', async () => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  for (let i = 0; i < settings.consecutiveFailures; i++) await attempt(breaker, down)
  breaker.release()
  expect(breaker.current).toMatchObject({ state: 'half-open', released: true })
  const call = vi.fn(up)
  expect(await attempt(breaker, call)).toBe('ok')
  expect(call).toHaveBeenCalledTimes(1)
  expect(breaker.state).toBe('closed')
})

test('a trial answered 401 (a session that ended) says nothing of the provider: the breaker stays as it was', async () => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  for (let i = 0; i < settings.consecutiveFailures; i++) await attempt(breaker, down)
  vi.advanceTimersByTime(settings.probeInitialDelayMs)
  await attempt(breaker, () => Promise.reject(new ApiError('http', 'signed out', { status: 401 })))
  expect(breaker.state).toBe('open')
  // Still due: the next call is a trial again.
  expect(await attempt(breaker, up)).toBe('ok')
  expect(breaker.state).toBe('closed')
})

test('client errors and cancellations do not count against the provider', async () => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  for (let i = 0; i < 5; i++) {
    await attempt(breaker, () => Promise.reject(new ApiError('http', 'bad input', { status: 422 })))
    await attempt(breaker, () => Promise.reject(new ApiError('aborted', 'cancelled')))
  }
  expect(breaker.state).toBe('closed')
})

test('after the jittered wait one probe goes through; success closes the breaker', async () => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  for (let i = 0; i < settings.consecutiveFailures; i++) await attempt(breaker, down)
  const probe = vi.fn(up)

  vi.advanceTimersByTime(settings.probeInitialDelayMs / 2 - 1) // half-jitter: never sooner than half
  await attempt(breaker, probe)
  expect(probe).not.toHaveBeenCalled()

  vi.advanceTimersByTime(settings.probeInitialDelayMs / 2 + 1) // never later than the full delay
  expect(await attempt(breaker, probe)).toBe('ok')
  expect(probe).toHaveBeenCalledTimes(1)
  expect(breaker.state).toBe('closed')
})

test('a failed probe opens the breaker again for a longer wait', async () => {
  const breaker = new SharedBreaker('subscription', deps(new MemoryStorage()))
  for (let i = 0; i < settings.consecutiveFailures; i++) await attempt(breaker, down)
  vi.advanceTimersByTime(settings.probeInitialDelayMs)
  await attempt(breaker, down) // the probe
  expect(breaker.state).toBe('open')
  const probe = vi.fn(up)
  vi.advanceTimersByTime(settings.probeInitialDelayMs - 1) // second wait is at least the first's full length
  await attempt(breaker, probe)
  expect(probe).not.toHaveBeenCalled()
  vi.advanceTimersByTime(settings.probeInitialDelayMs + 1)
  await attempt(breaker, probe)
  expect(probe).toHaveBeenCalledTimes(1)
})

test('two tabs share the state: one tab opening opens the other, with the same incident', async () => {
  const storage = new MemoryStorage()
  const tabA = new SharedBreaker('invoices', deps(storage))
  const tabB = new SharedBreaker('invoices', deps(storage))
  const seenByB: BreakerTransition[] = []
  tabB.subscribe((transition) => seenByB.push(transition))

  for (let i = 0; i < settings.consecutiveFailures; i++) await attempt(tabA, down)
  tabB.adoptFromStorage() // what the storage event does in a browser

  expect(tabB.state).toBe('open')
  expect(tabB.current.incidentId).toBe(tabA.current.incidentId)
  expect(seenByB).toMatchObject([{ from: 'closed', to: 'open', local: false }])
  const call = vi.fn(up)
  await attempt(tabB, call)
  expect(call).not.toHaveBeenCalled()
})

test('while one tab probes, the other waits a whole interval instead of probing too', async () => {
  const storage = new MemoryStorage()
  const tabA = new SharedBreaker('subscription', deps(storage))
  const tabB = new SharedBreaker('subscription', deps(storage))
  for (let i = 0; i < settings.consecutiveFailures; i++) await attempt(tabA, down)
  tabB.adoptFromStorage()
  vi.advanceTimersByTime(settings.probeInitialDelayMs)

  let finishProbe: (value: string) => void = () => {}
  const slowProbe = () => new Promise<string>((resolve) => (finishProbe = resolve))
  const probing = attempt(tabA, slowProbe)
  expect(tabA.state).toBe('half-open')
  tabB.adoptFromStorage()

  const callFromB = vi.fn(up)
  await attempt(tabB, callFromB)
  expect(callFromB).not.toHaveBeenCalled()

  finishProbe('ok')
  await probing
  tabB.adoptFromStorage()
  expect(tabB.state).toBe('closed')
})

test('the state survives a reload, and an unreadable saved state is ignored', async () => {
  const storage = new MemoryStorage()
  const before = new SharedBreaker('payments', deps(storage))
  for (let i = 0; i < settings.consecutiveFailures; i++) await attempt(before, down)
  const afterReload = new SharedBreaker('payments', deps(storage))
  expect(afterReload.state).toBe('open')
  expect(afterReload.current.incidentId).toBe(before.current.incidentId)

  storage.setItem('billing-breaker:payments', '{"version":1,"cockatiel":"garbage"')
  expect(new SharedBreaker('payments', deps(storage)).state).toBe('closed')
})

test.each([
  ['opened in the future', { value: 1, openedAt: Date.now() + 3_600_000, attemptNo: 1 }],
  ['half-open (a trial that no tab is running any more)', { value: 2, attemptNo: 1 }],
  ['isolated', { value: 3 }],
  ['an absurd attempt count', { value: 1, openedAt: 0, attemptNo: 10_000 }],
])('a poisoned saved state (%s) is treated as closed: nothing to clear by hand', (_, ownState) => {
  const storage = new MemoryStorage()
  const stored = { version: 2, cockatiel: { ownState, breakerState: null }, incidentId: 'x', since: 0, writtenAt: 0 }
  storage.setItem('billing-breaker:subscription', JSON.stringify(stored))
  expect(new SharedBreaker('subscription', deps(storage)).state).toBe('closed')
})
