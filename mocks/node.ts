import { setupServer } from 'msw/node'

/**
 * MSW in Node for the page tests. tests/setup.ts gives it, before each test, a fresh billing
 * gateway with its simulated Zuora (tests/support/test-gateway.ts) as its handlers.
 */
export const server = setupServer()
