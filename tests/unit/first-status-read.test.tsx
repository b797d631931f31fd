/**
 * The signed-in page waits up to `firstStatusWaitMs` for the first health report, so that an outage
 * banner arrives with the page (use-first-status-read.ts). Offline no report is asked for, so
 * the page must not wait for one (the gallery's Offline frame spent that wait on every start).
 */
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, expect, test, vi } from 'vitest'
import { firstStatusWaitMs, useFirstStatusRead } from '@/app/layout/use-first-status-read'
import { ResilienceProvider } from '@/lib/resilience/runtime-context'
import type { ResilienceRuntime } from '@/lib/resilience/runtime'

afterEach(() => vi.useRealTimers())

/** A runtime that has read no report and hears of none: only what the hook asks of it. */
function runtimeWith({ online }: { online: boolean }): ResilienceRuntime {
  return {
    latestStatus: () => null,
    online: () => online,
    subscribe: () => () => undefined,
  } as unknown as ResilienceRuntime
}

function render(runtime: ResilienceRuntime) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ResilienceProvider runtime={runtime}>{children}</ResilienceProvider>
  )
  return renderHook(() => useFirstStatusRead(), { wrapper })
}

test('online, the page waits for the first report, then no longer than the wait', () => {
  vi.useFakeTimers()
  const { result } = render(runtimeWith({ online: true }))
  expect(result.current).toBe(false)
  act(() => vi.advanceTimersByTime(firstStatusWaitMs))
  expect(result.current).toBe(true)
})

test('offline, the page shows at once: no report is asked for, so none is waited for', () => {
  vi.useFakeTimers()
  const { result } = render(runtimeWith({ online: false }))
  expect(result.current).toBe(true)
})
