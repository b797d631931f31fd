import { expect, test, vi } from 'vitest'
import { callHealth, retries, timeouts as timeouts_ } from '@/config/resilience'
import { ApiError } from '@/lib/api/errors'
import type { Capability } from '@/lib/api/schemas'
import { capabilityList } from '@/lib/availability/availability-store'
import { createCallWindow } from '@/lib/resilience/call-window'
import { createHealthReport } from '@/lib/resilience/health-report'
import { createProviderPolicy, isRetriable, retryDelayMs } from '@/lib/resilience/provider-policy'
import { SharedBreaker } from '@/lib/resilience/shared-breaker'
import { MemoryStorage } from '../support/memory-storage'

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

// ------------------------------------------------------------------ the policy, on a fake clock

function policyWith({ reportDown = false } = {}) {
  let clock = 0
  const deps = { storage: new MemoryStorage(), now: () => clock, newId: () => 'incident' }
  const breakers = Object.fromEntries(capabilityList.map((c) => [c, new SharedBreaker(c, deps)])) as Record<
    Capability,
    SharedBreaker
  >
  const windows = Object.fromEntries(capabilityList.map((c) => [c, createCallWindow()])) as Record<
    Capability,
    ReturnType<typeof createCallWindow>
  >
  const report = createHealthReport()
  if (reportDown) report.update({ subscription: 'down' })
  const sleeps: number[] = []
  const run = createProviderPolicy({
    breakers,
    windows,
    report,
    now: () => clock,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms)
      clock += ms
    },
    onMaintenanceRefusal: () => undefined,
  })
  return { run, sleeps, advance: (ms: number) => (clock += ms), breakers, windows, now: () => clock }
}

const gateway = () => Promise.reject(http(502))

test('a safe write (same idempotency key, full replace) is retried on gateway failures, with the time-out each attempt has left', async () => {
  const { run, sleeps } = policyWith()
  const timeouts: number[] = []
  let calls = 0
  const result = await run({ capability: 'subscription', kind: 'safe-write', signal: undefined }, (_, timeoutMs) => {
    timeouts.push(timeoutMs)
    return ++calls < 3 ? gateway() : Promise.resolve('placed')
  })
  expect(result).toBe('placed')
  expect(calls).toBe(3)
  expect(sleeps).toHaveLength(2)
  // Every attempt fits in the one write time-out: what is left of it, never a fresh 15 s.
  expect(timeouts[0]).toBe(timeouts_.providerWriteMs)
  expect(timeouts[1]).toBe(timeouts_.providerWriteMs - sleeps[0]!)
})

test('a write whose outcome is unknown (a time-out) is never sent again: reconciliation settles it', async () => {
  const { run } = policyWith()
  let calls = 0
  const error = await run({ capability: 'subscription', kind: 'safe-write', signal: undefined }, () => {
    calls++
    return Promise.reject(new ApiError('timeout', 'no answer'))
  }).catch((caught: unknown) => caught)
  expect(error).toMatchObject({ kind: 'timeout' })
  expect(calls).toBe(1)
})

test('a plain write is never retried, whatever the failure', async () => {
  const { run } = policyWith()
  let calls = 0
  await run({ capability: 'subscription', kind: 'write', signal: undefined }, () => (calls++, gateway())).catch(
    () => undefined,
  )
  expect(calls).toBe(1)
})

test('a safe write does not start an attempt the write time-out could not cover', async () => {
  const { run, advance } = policyWith()
  let calls = 0
  await run({ capability: 'subscription', kind: 'safe-write', signal: undefined }, () => {
    calls++
    advance(timeouts_.providerWriteMs - 1_000) // the first attempt took most of the time-out
    return gateway()
  }).catch(() => undefined)
  expect(calls).toBe(1)
})

test('while the health report says the capability is down, nothing is sent, not even a first attempt', async () => {
  const { run } = policyWith({ reportDown: true })
  let calls = 0
  const error = await run(
    { capability: 'subscription', kind: 'read', signal: undefined },
    () => (calls++, Promise.resolve('x')),
  ).catch((caught: unknown) => caught)
  expect(error).toMatchObject({ kind: 'circuit-open' })
  expect(calls).toBe(0)
  // Other capabilities are not held by it.
  expect(await run({ capability: 'invoices', kind: 'read', signal: undefined }, () => Promise.resolve('ok'))).toBe('ok')
})

test('a retry waiting out a Retry-After stops waiting once the report says the capability is down, and sends nothing more', async () => {
  const report = createHealthReport()
  const storage = new MemoryStorage()
  const breakerDeps = { storage, now: () => 0, newId: () => 'incident' }
  const breakers = Object.fromEntries(capabilityList.map((c) => [c, new SharedBreaker(c, breakerDeps)])) as Record<
    Capability,
    SharedBreaker
  >
  const windows = Object.fromEntries(capabilityList.map((c) => [c, createCallWindow()])) as Record<
    Capability,
    ReturnType<typeof createCallWindow>
  >
  let waiting: ((value: unknown) => void) | null = null
  const run = createProviderPolicy({
    breakers,
    windows,
    report,
    now: () => 0,
    random: () => 0.5,
    // Nothing but an abort ends this wait: the Retry-After is never over.
    sleep: (_ms, signal) =>
      new Promise<void>((_resolve, reject) => {
        waiting = reject
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
      }),
    onMaintenanceRefusal: () => undefined,
  })
  let calls = 0
  const ended = run({ capability: 'subscription', kind: 'read', signal: undefined }, () => {
    calls++
    return Promise.reject(http(503, 5_000))
  }).catch((caught: unknown) => caught)
  await vi.waitFor(() => expect(waiting).not.toBeNull())
  report.update({ invoices: 'down' }) // another capability: still waiting
  await Promise.resolve()
  expect(calls).toBe(1)
  report.update({ invoices: 'down', subscription: 'down' })
  expect(await ended).toMatchObject({ kind: 'circuit-open' })
  expect(calls).toBe(1)
})

test('a keyed write (an order) is retried on any server error: the key makes the repeat harmless', async () => {
  const { run } = policyWith()
  let calls = 0
  const result = await run({ capability: 'subscription', kind: 'safe-write', signal: undefined, keyed: true }, () =>
    ++calls === 1 ? Promise.reject(http(500)) : Promise.resolve('placed'),
  )
  expect(result).toBe('placed')
  expect(calls).toBe(2)
  // Without a key (a quote), a 500 is not retried.
  let unkeyed = 0
  await run(
    { capability: 'subscription', kind: 'safe-write', signal: undefined },
    () => (unkeyed++, Promise.reject(http(500))),
  ).catch(() => undefined)
  expect(unkeyed).toBe(1)
})

test("a write's unreadable answer is one lost answer, not an outage: it does not open the breaker as a read's would", async () => {
  const { run, breakers } = policyWith()
  const garbage = () => Promise.reject(new ApiError('invalid-response', 'cut off'))
  await run({ capability: 'subscription', kind: 'safe-write', signal: undefined, keyed: true }, garbage).catch(
    () => undefined,
  )
  expect(breakers.subscription.state).toBe('closed')
  await run({ capability: 'subscription', kind: 'read', signal: undefined }, garbage).catch(() => undefined)
  expect(breakers.subscription.state).toBe('open')
})

// ------------------------------------------------------------------ first reads (docs/decisions/026)

const read = (firstRead?: string) => ({
  capability: 'subscription' as const,
  kind: 'read' as const,
  signal: undefined,
  firstRead,
})
const copyOf = (data: unknown) => new ApiError('copy', 'from the copy', { copy: { asOf: 0, data } })

test('while the report says down, a query with nothing to show is read once; its failure ends as the refusal, its copy as the copy', async () => {
  const { run, breakers } = policyWith({ reportDown: true })
  let calls = 0
  const unavailable = () => (calls++, Promise.reject(http(503)))
  expect(await run(read('acme subscription'), unavailable).catch((caught: unknown) => caught)).toMatchObject({
    kind: 'circuit-open',
  })
  expect(calls).toBe(1)
  // Not again for that query in this page load, whatever comes: no retry, no loop.
  await run(read('acme subscription'), unavailable).catch(() => undefined)
  expect(calls).toBe(1)
  // Another query with nothing to show has its own first read; its copy is the call's outcome.
  const copy = copyOf({ seats: 1 })
  expect(
    await run(read('acme invoices'), () => (calls++, Promise.reject(copy))).catch((caught: unknown) => caught),
  ).toBe(copy)
  expect(calls).toBe(2)
  // A query that shows data, and a write, are never sent while down.
  await run(read(), unavailable).catch(() => undefined)
  await run({ ...read('x'), kind: 'safe-write' }, unavailable).catch(() => undefined)
  expect(calls).toBe(2)
  expect(breakers.subscription.state).toBe('closed')
})

test('with the breaker open, a first read goes out once, outside the breaker: its answer neither closes it nor moves its trial', async () => {
  const { run, breakers } = policyWith()
  let calls = 0
  const hang = () => (calls++, Promise.reject(new ApiError('timeout', 'hung')))
  // The subscription's first call went out and opened the breaker: the server has answered it already.
  await run(read('acme subscription'), hang).catch(() => undefined)
  expect(breakers.subscription.state).toBe('open')
  const trialDueAt = breakers.subscription.trialDueAt
  await run(read('acme subscription'), hang).catch(() => undefined)
  expect(calls).toBe(1)

  // Other queries with nothing to show: one read each, whatever it brings.
  expect(await run(read('acme invoice inv_1'), () => Promise.resolve('fresh'))).toBe('fresh')
  expect(breakers.subscription.state).toBe('open')
  expect(await run(read('acme invoices'), hang).catch((caught: unknown) => caught)).toMatchObject({
    kind: 'circuit-open',
  })
  await run(read('acme invoices'), hang).catch(() => undefined)
  expect(calls).toBe(2)
  expect(breakers.subscription.state).toBe('open')
  expect(breakers.subscription.trialDueAt).toBe(trialDueAt)
})

test('later calls of a query with nothing to show get its first read’s outcome, on its way or come back, without another request', async () => {
  const { run } = policyWith({ reportDown: true })
  let calls = 0
  let answer: (value: string) => void = () => undefined
  const held = () => (calls++, new Promise<string>((resolve) => (answer = resolve)))
  // React Query dropped the first call and asked again while it was on its way, and once more after.
  const dropped = run(read('acme subscription'), held)
  const again = run(read('acme subscription'), held)
  answer('from the gateway')
  expect(await dropped).toBe('from the gateway')
  expect(await again).toBe('from the gateway')
  expect(await run(read('acme subscription'), held)).toBe('from the gateway')
  expect(calls).toBe(1)
})

test('a read still on its way past slowAloneMs says slow before it answers; a cancelled one leaves nothing', async () => {
  const { run, advance, windows, now } = policyWith()
  let answer: (value: string) => void = () => undefined
  const pending = run({ capability: 'subscription', kind: 'read', signal: undefined }, () => {
    return new Promise<string>((resolve) => (answer = resolve))
  })
  await Promise.resolve()
  advance(callHealth.slowAloneMs - 1)
  expect(windows.subscription.signal(now())).toBeNull()
  advance(1)
  expect(windows.subscription.signal(now())).toBe('slow')
  answer('late')
  await expect(pending).resolves.toBe('late')

  const cancelled = new AbortController()
  const gone = run({ capability: 'invoices', kind: 'read', signal: cancelled.signal }, () =>
    Promise.reject(new ApiError('aborted', 'Cancelled')),
  )
  await expect(gone).rejects.toMatchObject({ kind: 'aborted' })
  advance(callHealth.slowAloneMs * 2)
  expect(windows.invoices.signal(now())).toBeNull()
})

test('a write on its way past slowAloneMs says nothing; it is recorded, with its duration, when it ends', async () => {
  const { run, advance, windows, now } = policyWith()
  let answer: (value: string) => void = () => undefined
  const pending = run({ capability: 'subscription', kind: 'write', signal: undefined }, () => {
    return new Promise<string>((resolve) => (answer = resolve))
  })
  await Promise.resolve()
  advance(callHealth.slowAloneMs + 1_000)
  expect(windows.subscription.signal(now())).toBeNull()
  answer('placed')
  await expect(pending).resolves.toBe('placed')
  expect(windows.subscription.signal(now())).toBeNull()
})

test('a read that got through only at its retry says unreliable; the next read through at once clears it', async () => {
  const { run, windows, now } = policyWith()
  let calls = 0
  const read = () =>
    run({ capability: 'subscription', kind: 'read', signal: undefined }, () =>
      ++calls === 1 ? Promise.reject(http(502)) : Promise.resolve('data'),
    )
  await expect(read()).resolves.toBe('data')
  expect(calls).toBe(2)
  expect(windows.subscription.signal(now())).toBe('unreliable')
  await expect(read()).resolves.toBe('data')
  expect(windows.subscription.signal(now())).toBeNull()
})

test('a read whose answer says the provider took providerSlowMs says slow, though it came back at once; the next fast one clears it', async () => {
  const { run, windows, now } = policyWith()
  const read = (providerMs: number | null) =>
    run({ capability: 'subscription', kind: 'read', signal: undefined }, (_signal, _timeoutMs, heard) => {
      heard?.({ providerMs })
      return Promise.resolve('data')
    })
  await expect(read(callHealth.providerSlowMs - 1)).resolves.toBe('data')
  expect(windows.subscription.signal(now())).toBeNull()
  await expect(read(callHealth.providerSlowMs)).resolves.toBe('data')
  expect(windows.subscription.signal(now())).toBe('slow')
  await expect(read(null)).resolves.toBe('data')
  expect(windows.subscription.signal(now())).toBeNull()
})
