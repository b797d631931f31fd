import { expect, test } from 'vitest'
import { callHealth } from '@/config/resilience'
import { createCallWindow } from '@/lib/resilience/call-window'

const fast = { failed: false, durationMs: 120 }
const slow = { failed: false, durationMs: callHealth.slowCallMs + 500 }
const verySlow = { failed: false, durationMs: callHealth.slowAloneMs + 200 }
const failed = { failed: true, durationMs: 80 }

test('a healthy provider never raises a notice', () => {
  const window = createCallWindow()
  for (let at = 0; at < 300_000; at += 4_000) window.record(fast, at)
  expect(window.signal(300_000)).toBeNull()
})

test('one slow answer is not slow, two in a row are, at once', () => {
  const window = createCallWindow()
  window.record(fast, 0)
  window.record(fast, 4_000)
  window.record(slow, 8_000)
  expect(window.signal(8_000)).toBeNull()
  window.record(slow, 12_000)
  expect(window.signal(12_000)).toBe('slow')
})

test('one read that took slowAloneMs says slow until a fast answer comes; it does not hold', () => {
  const window = createCallWindow()
  window.record(fast, 0)
  window.record(fast, 4_000)
  window.record(verySlow, 8_000)
  expect(window.signal(8_000)).toBe('slow')
  expect(window.signal(11_000)).toBe('slow')
  window.record(fast, 12_000)
  expect(window.signal(12_000)).toBeNull()
})

test('a read the gateway says took the provider providerSlowMs says slow alone, though it reached this browser under slowAloneMs', () => {
  // Zuora took 2.2 s (Server-Timing); the answer reached the browser in 2.3 s.
  const marked = {
    failed: false,
    durationMs: callHealth.providerSlowMs + 300,
    providerMs: callHealth.providerSlowMs + 200,
  }
  expect(marked.durationMs).toBeLessThan(callHealth.slowAloneMs)
  const under = createCallWindow()
  under.record(fast, 0)
  under.record({ ...marked, providerMs: callHealth.providerSlowMs - 1 }, 4_000)
  expect(under.signal(4_000)).toBeNull()

  const window = createCallWindow()
  window.record(fast, 0)
  window.record(fast, 4_000)
  window.record(marked, 8_000)
  expect(window.signal(8_000)).toBe('slow')
  // Until a fast answer, which the gateway's measure does not contradict; it does not hold.
  window.record({ ...fast, providerMs: 90 }, 12_000)
  expect(window.signal(12_000)).toBeNull()
  // A write the provider took long over says nothing alone (a purchase may take seconds).
  const writes = createCallWindow()
  writes.record(fast, 0)
  writes.record({ ...marked, write: true }, 4_000)
  expect(writes.signal(4_000)).toBeNull()
})

test('two slow answers in a row say slow and hold it past the next fast answer', () => {
  const window = createCallWindow()
  window.record(fast, 0)
  window.record(slow, 4_000)
  window.record(slow, 8_000)
  window.record(fast, 12_000)
  expect(window.signal(12_000)).toBe('slow')
})

test('a read still on its way says slow from slowAloneMs on, before it answers', () => {
  const window = createCallWindow()
  window.record(fast, 0)
  const attempt = window.begin(1_000)
  expect(window.signal(1_000 + callHealth.slowAloneMs - 1)).toBeNull()
  expect(window.signal(1_000 + callHealth.slowAloneMs)).toBe('slow')
  // It answers at last, slow: it says so until a fast answer comes.
  attempt.end({ failed: false }, 1_000 + callHealth.slowAloneMs + 1_000)
  expect(window.signal(1_000 + callHealth.slowAloneMs + 1_000)).toBe('slow')
})

test('reads on their way say slow only while they are: two at once make no notice that holds', () => {
  const window = createCallWindow()
  const first = window.begin(0)
  const second = window.begin(100)
  expect(window.signal(100 + callHealth.slowAloneMs)).toBe('slow')
  // Neither answer counts (cancelled): the notice goes with them, where a pair of answers would hold.
  first.end(null, 100 + callHealth.slowAloneMs + 50)
  second.end(null, 100 + callHealth.slowAloneMs + 60)
  expect(window.signal(100 + callHealth.slowAloneMs + 60)).toBeNull()
})

test('an attempt that ends fast, or says nothing (cancelled), leaves no slow answer behind', () => {
  const window = createCallWindow()
  window.begin(0).end({ failed: false }, 150)
  const cancelled = window.begin(1_000)
  cancelled.end(null, 1_500)
  expect(window.signal(1_000 + callHealth.slowAloneMs + 1)).toBeNull()
  // Ending twice records once: one failure in six is under a fifth, two in seven would not be.
  for (const at of [6_000, 7_000, 8_000, 9_000]) window.record(fast, at)
  const twice = window.begin(10_000, { retry: true })
  twice.end({ failed: true }, 10_050)
  twice.end({ failed: true }, 10_060)
  expect(window.signal(10_060)).toBeNull()
})

test('a fifth of recent attempts failing is unreliable, once there are enough of them', () => {
  const window = createCallWindow()
  window.record({ ...failed, retry: true }, 0)
  expect(window.signal(0)).toBeNull() // one attempt says little
  for (const [index, outcome] of [fast, fast, fast].entries()) window.record(outcome, 1_000 * (index + 1))
  expect(window.signal(3_000)).toBe('unreliable')
})

test('a read whose first attempt failed says unreliable until a read gets through at once; it does not hold', () => {
  const window = createCallWindow()
  for (const at of [0, 1_000, 2_000, 3_000, 3_500]) window.record(fast, at)
  window.record(failed, 4_000)
  expect(window.signal(4_000)).toBe('unreliable')
  // Its retry got through: the admin still waited for it.
  window.record({ ...fast, retry: true }, 4_500)
  expect(window.signal(4_500)).toBe('unreliable')
  // The next page view's read gets through at its first attempt (one failure in eight: under a fifth).
  window.record(fast, 8_000)
  expect(window.signal(8_000)).toBeNull()
})

test('a failed write says nothing alone: its error is on the form', () => {
  const window = createCallWindow()
  for (const at of [0, 1_000, 2_000, 3_000, 3_500]) window.record(fast, at)
  window.record({ ...failed, write: true }, 4_000)
  expect(window.signal(4_000)).toBeNull()
})

test('a notice holds for a while after its last reason, so it does not flicker; then it goes', () => {
  const window = createCallWindow()
  window.record(slow, 0)
  window.record(slow, 4_000)
  window.record(fast, 8_000)
  expect(window.signal(8_000)).toBe('slow')
  expect(window.signal(4_000 + callHealth.holdMs - 1)).toBe('slow')
  expect(window.signal(4_000 + callHealth.holdMs)).toBeNull()
})

test('old answers age out of the window: a fault that began seconds ago is not diluted by the healthy minute before', () => {
  const window = createCallWindow()
  for (let at = 0; at < 60_000; at += 4_000) window.record(fast, at)
  window.record(failed, 60_000 + callHealth.windowMs)
  for (let i = 1; i <= 3; i++) window.record(fast, 60_000 + callHealth.windowMs + i * 1_000)
  expect(window.signal(60_000 + callHealth.windowMs + 3_000)).toBe('unreliable')
})

test('a slow write alone says nothing (a purchase may take Zuora seconds); two in a row do', () => {
  const window = createCallWindow()
  const slowWrite = { ...verySlow, write: true }
  window.record(fast, 0)
  window.record(slowWrite, 4_000)
  expect(window.signal(4_000)).toBeNull()
  window.record(slowWrite, 8_000)
  expect(window.signal(8_000)).toBe('slow')
})
