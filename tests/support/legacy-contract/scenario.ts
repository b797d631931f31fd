/**
 * Puts the simulated backend of the current test into an outage scenario, by the same names as
 * the toolbar and the `?scenario=` link (mocks/scenarios/registry.ts):
 *
 *   const scenario = useScenario('outage-then-recovery', { outageMs: 1_000 })
 *   ...
 *   scenario.recoverNow()
 *
 * Calling it again in the same test switches scenario (leaving the first one properly, so
 * `maintenance` is switched off again). After the test its timers stop; the setup already resets
 * the handlers and the data. Add `server.use()` overrides after this call: choosing a scenario or
 * moving to a timeline's next step replaces the handlers put in front of the healthy ones.
 */
import { onTestFinished } from 'vitest'
import { db } from '../../../mocks/db'
import { server } from '../../../mocks/node'
import type { ScenarioOptions } from '../../../mocks/scenarios/options'
import type { ScenarioName } from '../../../mocks/scenarios/registry'
import { createScenarioRunner, type ScenarioRunner } from '../../../mocks/scenarios/scenario-runner'

let active: ScenarioRunner | null = null

export function useScenario(name: ScenarioName, options: ScenarioOptions = {}): ScenarioRunner {
  if (!active) {
    const runner = createScenarioRunner({ host: server, db })
    active = runner
    onTestFinished(() => {
      runner.dispose()
      if (active === runner) active = null
    })
  }
  active.select(name, options)
  return active
}

/** For an `afterEach` that must not depend on onTestFinished (a scenario chosen in a hook). */
export function disposeScenarios(): void {
  active?.dispose()
  active = null
}
