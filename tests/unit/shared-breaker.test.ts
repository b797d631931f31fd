// @vitest-environment node
import { BrokenCircuitError } from 'cockatiel'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { breaker as settings } from '@/config/resilience'
import { ApiError } from '@/lib/api/errors'
import { SharedBreaker, type BreakerTransition } from '@/lib/resilience/shared-breaker'

/** A localStorage shared by several "tabs" in one test. */
function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  }
}

const down = () => Promise.reject(new ApiError('http', 'down', { status: 503 }))
const up = () => Promise.resolve('ok')
const attempt = (breaker: SharedBreaker, call: () => Promise<string>) => breaker.execute(call).catch((error: unknown) => error)

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-28T12:00:00Z'))
})
afterEach(() => vi.useRealTimers())

test('opens after the configured consecutive provider failures, then refuses without calling', async () => {
  const breaker = new SharedBreaker('subscription', memoryStorage())
  for (let i = 1; i < settings.consecutiveFailures; i++) await attempt(breaker, down)
  expect(breaker.state).toBe('closed')
  await attempt(breaker, down)
  expect(breaker.state).toBe('open')

  const call = vi.fn(up)
  const error = await attempt(breaker, call)
  expect(call).not.toHaveBeenCalled()
  expect(error).toBeInstanceOf(BrokenCircuitError)
})

test('a success in between resets the count: three failures must be consecutive', async () => {
  const breaker = new SharedBreaker('subscription', memoryStorage())
  await attempt(breaker, down)
  await attempt(breaker, down)
  await attempt(breaker, up)
  await attempt(breaker, down)
  await attempt(breaker, down)
  expect(breaker.state).toBe('closed')
})

test('client errors and cancellations do not count against the provider', async () => {
  const breaker = new SharedBreaker('subscription', memoryStorage())
  for (let i = 0; i < 5; i++) {
    await attempt(breaker, () => Promise.reject(new ApiError('http', 'bad input', { status: 422 })))
    await attempt(breaker, () => Promise.reject(new ApiError('aborted', 'cancelled')))
  }
  expect(breaker.state).toBe('closed')
})

test('after the jittered wait one probe goes through; success closes the breaker', async () => {
  const breaker = new SharedBreaker('subscription', memoryStorage())
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
  const breaker = new SharedBreaker('subscription', memoryStorage())
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
  const storage = memoryStorage()
  const tabA = new SharedBreaker('invoices', storage)
  const tabB = new SharedBreaker('invoices', storage)
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
  const storage = memoryStorage()
  const tabA = new SharedBreaker('subscription', storage)
  const tabB = new SharedBreaker('subscription', storage)
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
  const storage = memoryStorage()
  const before = new SharedBreaker('payments', storage)
  for (let i = 0; i < settings.consecutiveFailures; i++) await attempt(before, down)
  const afterReload = new SharedBreaker('payments', storage)
  expect(afterReload.state).toBe('open')
  expect(afterReload.current.incidentId).toBe(before.current.incidentId)

  storage.setItem('billing-breaker:payments', '{"version":1,"cockatiel":"garbage"')
  expect(new SharedBreaker('payments', storage).state).toBe('closed')
})
