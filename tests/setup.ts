import '@testing-library/jest-dom/vitest'
// IndexedDB (the saved query cache) in memory, as the browser would have it.
import 'fake-indexeddb/auto'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { installProviderPolicy } from '@/lib/api/request'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { forgetSavedCache } from '@/lib/persistence/saved-cache-store'
import { server } from '../mocks/node'
import { forgetReportOverrides } from './support/billing-status'
import { startTestGateway, stopTestGateway } from './support/test-gateway'

// The whole app renders in each test (lazy routes, restored cache): on a shared, noisy machine the
// default one second for findBy* is too tight to be a fair "the admin sees it".
configure({ asyncUtilTimeout: 4_000 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))

// Each test's API is a fresh billing gateway on a fresh simulated Zuora (tests/support/test-gateway.ts),
// at the base of MSW's handlers: a test's own server.use() goes in front of it.
beforeEach(() => {
  server.resetHandlers(...startTestGateway().handlers)
})

// A test that makes React (or anything) print an error or a warning fails: those are bugs.
beforeEach(() => {
  for (const level of ['error', 'warn'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      throw new Error(`console.${level} called: ${args.map(String).join(' ')}`)
    })
  }
})

afterEach(async () => {
  cleanup()
  stopTestGateway()
  forgetReportOverrides()
  server.resetHandlers()
  server.events.removeAllListeners()
  globalThis.localStorage?.clear()
  globalThis.sessionStorage?.clear()
  // Each test starts with an empty saved cache (after the app unmounted: no write of it follows).
  await forgetSavedCache()
  // The app's resilience runtime is created with each rendered app: nothing of it to reset here.
  installProviderPolicy(null)
  useLocaleStore.setState({ locale: 'en' })
})

afterAll(() => server.close())
