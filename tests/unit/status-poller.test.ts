// @vitest-environment node
/**
 * One poll per browser, not per tab; none from a hidden browser; the server's advised interval
 * obeyed. Tabs are pollers sharing one storage, whose writes reach the others as storage events.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { statusPolling } from '@/config/resilience'
import type { BillingStatus } from '@/lib/api/schemas'
import { createStatusPoller, statusReportStorageKey, type StatusResult } from '@/lib/resilience/status-poller'
import { MemoryStorage } from '../support/memory-storage'

const status = (generation: number): BillingStatus => ({
  maintenance: { enabled: false, reason: null, message: null, since: null, nextUpdateAt: null, generation },
  components: [],
  timeline: [],
  checkedAt: '2026-11-28T12:00:00Z',
})

/** A browser: one localStorage, whose writes are announced to every other tab as a storage event. */
function browser() {
  const localStorage = new MemoryStorage()
  const fetchStatus = vi.fn(async () => ({ status: status(1), pollIntervalMs: null as number | null, ageMs: 0 }))
  function tab({ visible = true } = {}) {
    const { storage, onStorage } = localStorage.tab()
    const seen: StatusResult[] = []
    let isVisible = visible
    const onVisibility = new Set<() => void>()
    const poller = createStatusPoller({
      fetchStatus,
      now: () => Date.now(),
      timers: {
        setInterval: (callback, ms) => setInterval(callback, ms),
        clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
      },
      visibility: {
        visible: () => isVisible,
        subscribe: (callback) => (onVisibility.add(callback), () => onVisibility.delete(callback)),
      },
      online: () => true,
      locks: null,
      storage,
      onStorage,
      onResult: (result) => seen.push(result),
    })
    poller.start()
    return {
      seen,
      poller,
      show() {
        isVisible = true
        onVisibility.forEach((callback) => callback())
      },
      hide() {
        isVisible = false
        onVisibility.forEach((callback) => callback())
      },
    }
  }
  return { tab, fetchStatus, items: localStorage.items }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-28T12:00:00Z'))
})
afterEach(() => vi.useRealTimers())

test('three visible tabs of one browser make one poll per interval, and all three get every answer', async () => {
  const { tab, fetchStatus } = browser()
  const tabs = [tab(), tab(), tab()]
  await vi.advanceTimersByTimeAsync(0)
  expect(fetchStatus).toHaveBeenCalledTimes(1)
  await vi.advanceTimersByTimeAsync(60_000)
  expect(fetchStatus).toHaveBeenCalledTimes(1 + 60_000 / statusPolling.defaultIntervalMs)
  for (const { seen } of tabs) expect(seen.length).toBeGreaterThanOrEqual(12)
})

test('a hidden browser does not poll; shown again, it polls at once', async () => {
  const { tab, fetchStatus } = browser()
  const only = tab({ visible: false })
  await vi.advanceTimersByTimeAsync(120_000)
  expect(fetchStatus).not.toHaveBeenCalled()
  only.show()
  await vi.advanceTimersByTimeAsync(0)
  expect(fetchStatus).toHaveBeenCalledTimes(1)
  expect(only.seen).toHaveLength(1)
})

test('a hidden tab hears the visible tab’s answers without polling itself, and catches up when shown', async () => {
  const { tab, fetchStatus } = browser()
  const visible = tab()
  const hidden = tab({ visible: false })
  await vi.advanceTimersByTimeAsync(10_000)
  const polls = fetchStatus.mock.calls.length
  expect(hidden.seen.length).toBe(visible.seen.length)
  // The visible one closes: the hidden one is shown later and polls at once, as the last answer is old.
  visible.poller.stop()
  await vi.advanceTimersByTimeAsync(30_000)
  expect(fetchStatus).toHaveBeenCalledTimes(polls)
  hidden.show()
  await vi.advanceTimersByTimeAsync(0)
  expect(fetchStatus).toHaveBeenCalledTimes(polls + 1)
})

test('the interval the server advises (X-Poll-Interval) is obeyed, within bounds', async () => {
  const { tab, fetchStatus } = browser()
  fetchStatus.mockResolvedValue({ status: status(1), pollIntervalMs: 20_000, ageMs: 0 })
  tab()
  await vi.advanceTimersByTimeAsync(60_500)
  expect(fetchStatus).toHaveBeenCalledTimes(4) // at 0, 20, 40 and 60 s
  fetchStatus.mockClear()
  fetchStatus.mockResolvedValue({ status: status(1), pollIntervalMs: 10, ageMs: 0 })
  await vi.advanceTimersByTimeAsync(20_000)
  expect(fetchStatus.mock.calls.length).toBeLessThanOrEqual(20_000 / statusPolling.minIntervalMs + 1)
})

test('a report that sat in a cache too long, or that cannot be read, says nothing (null)', async () => {
  const { tab, fetchStatus } = browser()
  fetchStatus.mockResolvedValueOnce({
    status: status(1),
    pollIntervalMs: null,
    ageMs: statusPolling.maxReportAgeMs + 1,
  })
  fetchStatus.mockRejectedValueOnce(new Error('unreachable'))
  const only = tab()
  await vi.advanceTimersByTimeAsync(statusPolling.defaultIntervalMs)
  expect(only.seen.map((result) => result.status)).toEqual([null, null])
})

test('a new tab starts from the last answer saved; a tampered one is ignored', async () => {
  const { tab, items } = browser()
  items.set(
    statusReportStorageKey,
    JSON.stringify({ fetchedAt: Date.now() - 1_000, intervalMs: 5_000, status: status(7) }),
  )
  const fresh = tab({ visible: false })
  expect(fresh.seen.map((result) => result.status?.maintenance.generation)).toEqual([7])

  items.set(
    statusReportStorageKey,
    JSON.stringify({ fetchedAt: Date.now() + 3_600_000, intervalMs: 5_000, status: status(8) }),
  )
  expect(tab({ visible: false }).seen).toEqual([])
  items.set(statusReportStorageKey, '{"fetchedAt":')
  expect(tab({ visible: false }).seen).toEqual([])
})
