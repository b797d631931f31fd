/**
 * The contract backend (mocks/db.ts, mocks/handlers) as this file's API, in place of the test
 * gateway tests/setup.ts puts in front: for the tests of that backend itself, which stay while it
 * still serves the mock server and `?backend=contract`, and go with it (issue 16).
 */
import { afterEach, beforeEach, onTestFinished } from 'vitest'
import { db } from '../../mocks/db'
import { handlers } from '../../mocks/handlers'
import { server } from '../../mocks/node'
import type { ScenarioOptions } from '../../mocks/scenarios/options'
import type { ScenarioName } from '../../mocks/scenarios/registry'
import { createScenarioRunner, type ScenarioRunner } from '../../mocks/scenarios/scenario-runner'

beforeEach(() => {
  server.resetHandlers(...handlers)
})

afterEach(() => {
  db.reset()
})

let active: ScenarioRunner | null = null

/** The contract backend's scenarios (scripted reports), as tests/support/scenario.ts had them before the gateway. */
export function useContractScenario(name: ScenarioName, options: ScenarioOptions = {}): ScenarioRunner {
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
