/**
 * Tools for the resilience fault tests: failing answers as a gateway or the provider would send
 * them, counts from the request log, a watch on the availability banner, and the wall clock that
 * the circuit breaker reads. (The saved cache has its own: saved-cache.ts.)
 */
import { act, screen } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { onTestFinished, vi } from 'vitest'
import type { LoggedRequest } from './request-log'
import { banners } from './banner-texts'

export { banners }

/** The short reasons beneath disabled controls (the banner tells the rest, once). */
export const reasons = {
  breaker: 'Paused: the billing provider is not responding',
  healthReport: 'Paused: the billing provider is unavailable',
  operators: 'Paused: billing is in maintenance',
} as const

/** An error answer in the API's error format, with an optional Retry-After (seconds). */
export function errorAnswer(
  status: number,
  { retryAfter, code = 'upstream_error' }: { retryAfter?: number; code?: string } = {},
) {
  return HttpResponse.json(
    { error: { code, message: `The provider answered ${status}` } },
    { status, headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) } },
  )
}

/** The requests of the log to one path (and method). */
export const requestsTo = (log: LoggedRequest[], path: string, method = 'GET') =>
  log.filter((request) => request.path === path && request.method === method)

/** The pauses between consecutive requests, in ms. */
export const gapsBetween = (requests: LoggedRequest[]) =>
  requests.slice(1).map((request, index) => request.at - requests[index]!.at)

/** A request held until the test lets it go, to see what the admin sees while it is on its way. */
export function gate() {
  let open: () => void = () => undefined
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

/**
 * Lets `ms` pass. On the fake clock (useFakeClock) it is moved on at once, firing the app's timers
 * on the way; otherwise it is a real wait.
 */
export const sleep = (ms: number): Promise<unknown> =>
  fakeClockOn
    ? act(() => vi.advanceTimersByTimeAsync(ms))
    : act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)))

let fakeClockOn = false

/**
 * Puts this test's timers (timeouts, intervals) and Date on Vitest's fake clock, so that `sleep`
 * proves "nothing more happens in that time" without waiting for it. Call it before rendering: the
 * app's timers (runtime ticks, retries, time-outs) are then on it. The clock also flows with real
 * time (shouldAdvanceTime), so Testing Library's waits, MSW and React work as on the real one.
 * Not with stopWallClock, which keeps the timers real while Date stands still.
 */
export function useFakeClock(): void {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    shouldAdvanceTime: true,
  })
  fakeClockOn = true
  onTestFinished(() => {
    fakeClockOn = false
    vi.useRealTimers()
  })
}

// ------------------------------------------------------------------ the banner over time

/**
 * Every banner title that appeared at any moment, even briefly, from now on: a flickering banner
 * shows up here although it is gone by the time the test looks.
 */
export function watchBanners(): string[] {
  const seen: string[] = []
  const titles = Object.values(banners)
  const look = () => {
    const text = document.body.textContent ?? ''
    for (const title of titles) if (text.includes(title) && seen.at(-1) !== title) seen.push(title)
  }
  const observer = new MutationObserver(look)
  observer.observe(document.body, { childList: true, subtree: true, characterData: true })
  onTestFinished(() => observer.disconnect())
  look()
  return seen
}

export const queryBanner = (title: string) => screen.queryByText(title)

// ------------------------------------------------------------------ the wall clock

/**
 * Stops the wall clock (Date only: timers, the prober's one-second tick and time-outs stay real).
 * cockatiel decides whether a probe is due from Date.now(), so a stopped clock means "the probe
 * wait has not ended": every request counted after this is one the breaker let through anyway.
 */
export function stopWallClock(): void {
  vi.useFakeTimers({ toFake: ['Date'] })
  onTestFinished(() => {
    vi.useRealTimers()
  })
}

/** Moves the stopped wall clock forward, as if that much time had passed. */
export function advanceWallClock(ms: number): void {
  vi.setSystemTime(Date.now() + ms)
}

/** The user comes back to the tab: TanStack Query refetches what is stale (refetchOnWindowFocus). */
export function returnToTab(): void {
  act(() => {
    window.dispatchEvent(new Event('visibilitychange'))
  })
}
