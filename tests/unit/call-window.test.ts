import { expect, test } from 'vitest'
import { callHealth } from '@/config/resilience'
import { createCallWindow } from '@/lib/resilience/call-window'

const fast = { failed: false, durationMs: 120 }
const slow = { failed: false, durationMs: callHealth.slowCallMs + 500 }
const failed = { failed: true, durationMs: 80 }

test('a healthy provider never raises a notice', () => {
  const window = createCallWindow()
  for (let at = 0; at < 300_000; at += 4_000) window.record(fast, at)
  expect(window.signal(300_000)).toBeNull()
})

test('one slow answer is not slow; two in a row are, at once', () => {
  const window = createCallWindow()
  window.record(fast, 0)
  window.record(fast, 4_000)
  window.record(slow, 8_000)
  expect(window.signal(8_000)).toBeNull()
  window.record(slow, 12_000)
  expect(window.signal(12_000)).toBe('slow')
})

test('a fifth of recent attempts failing is unreliable, once there are enough of them', () => {
  const window = createCallWindow()
  window.record(failed, 0)
  expect(window.signal(0)).toBeNull() // one call says little
  for (const [index, outcome] of [fast, fast, fast].entries()) window.record(outcome, 1_000 * (index + 1))
  expect(window.signal(3_000)).toBe('unreliable')
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
