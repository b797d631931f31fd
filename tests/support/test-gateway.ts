/**
 * The billing gateway every page test runs on: the production gateway's request handling
 * (gateway/compose.ts) inside MSW, with the Zuora simulator as its Zuora, as `npm start` runs it
 * (mocks/in-page). tests/setup.ts makes a fresh one before each test, seeded and healthy, and puts
 * its handler at the base of MSW's: a test's own `server.use(...)` goes in front of it.
 *
 *   testGateway().scenarios.select('provider-down', {})   // Zuora fails; the gateway sees it
 *   testGateway().simulator.control.exportState()         // what Zuora holds
 */
import { mockOrigin, simulatedApiBase } from '../../mocks/api-base'
import { createInPageGateway, type InPageGateway } from '../../mocks/in-page/in-page-gateway'

let current: InPageGateway | null = null

/** A new gateway for the test about to run (the last one stopped); its handlers are for MSW's base. */
export function startTestGateway(): InPageGateway {
  stopTestGateway()
  current = createInPageGateway({ apiBase: simulatedApiBase, origin: mockOrigin, storage: globalThis.localStorage })
  return current
}

export function stopTestGateway(): void {
  current?.stop()
  current = null
  if (typeof document !== 'undefined') document.cookie = 'billing_session=; Path=/; Max-Age=0'
}

/** This test's gateway. */
export function testGateway(): InPageGateway {
  if (!current) throw new Error('No test gateway: tests/setup.ts starts one before each page test')
  return current
}
