/**
 * The demo's mock service worker may be registered again as the page starts (it unregisters itself
 * when the last page it knew navigates away): the app's first requests wait until the page is under
 * its control, or go on after a bounded wait.
 */
import { afterEach, expect, test, vi } from 'vitest'
import { waitForWorkerControl } from '@/dev/wait-for-worker-control'

/** A ServiceWorkerContainer as far as the wait reads it: its controller and controllerchange. */
function container(controlled: boolean) {
  const target = new EventTarget() as EventTarget & { controller: object | null }
  target.controller = controlled ? {} : null
  return {
    container: target as unknown as ServiceWorkerContainer,
    claim() {
      target.controller = {}
      target.dispatchEvent(new Event('controllerchange'))
    },
  }
}

afterEach(() => {
  vi.useRealTimers()
})

test('a page already under the worker goes on at once', async () => {
  expect(await waitForWorkerControl(container(true).container)).toBe(true)
})

test('a page not yet under the worker waits until the worker claims it', async () => {
  vi.useFakeTimers()
  const page = container(false)
  let settled: boolean | null = null
  const waiting = waitForWorkerControl(page.container, 5_000).then((value) => (settled = value))
  await vi.advanceTimersByTimeAsync(1_000)
  expect(settled).toBeNull() // its requests would have gone to the network
  page.claim()
  await waiting
  expect(settled).toBe(true)
})

test('a page the worker never claims goes on after the bounded wait, saying so', async () => {
  vi.useFakeTimers()
  const waiting = waitForWorkerControl(container(false).container, 5_000)
  await vi.advanceTimersByTimeAsync(5_000)
  expect(await waiting).toBe(false)
})
