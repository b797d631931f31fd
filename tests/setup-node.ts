/**
 * Setup of the tests that run in Node (the gateway, the build, the contract, the lint rules): no
 * DOM, no MSW interceptor (they talk real HTTP on loopback or call functions), none of the app's
 * stores to reset. What stays from tests/setup.ts: a test that prints an error or a warning fails.
 */
import { beforeEach, vi } from 'vitest'

beforeEach(() => {
  for (const level of ['error', 'warn'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      throw new Error(`console.${level} called: ${args.map(String).join(' ')}`)
    })
  }
})
