/**
 * Puts this test's simulated Zuora into an outage scenario, by the same names as the toolbar and
 * the `?scenario=` link (mocks/scenarios/names.ts, mocks/zuora/scenarios.ts): the scenario acts at Zuora, and the gateway
 * in front of it (test-gateway.ts) answers and reports what its calls meet, as in `npm start`.
 *
 *   const scenario = await useScenario('outage-then-recovery', { outageMs: 1_000 })
 *   ...
 *   scenario.recoverNow()
 *
 * Calling it again in the same test switches scenario (leaving `maintenance` switches the flag off
 * again). The setup makes a fresh gateway and simulator for the next test. Add `server.use()`
 * overrides after or before this call: they go in front of the gateway either way.
 */
import type { ScenarioOptions } from '../../mocks/scenarios/options'
import type { ScenarioName } from '../../mocks/scenarios/names'
import { testGateway } from './test-gateway'

export type TestScenario = {
  /** A timeline jumps to its next healthy step now. */
  recoverNow(): void
  /** A timeline jumps to its next failing step now. */
  failNow(): void
}

export async function useScenario(name: ScenarioName, options: ScenarioOptions = {}): Promise<TestScenario> {
  const page = testGateway()
  await page.scenarios.select(name, options)
  return {
    recoverNow: () => void page.simulator.control.recoverNow(),
    failNow: () => void page.simulator.control.failNow(),
  }
}
