/**
 * What the scenario toolbar shows of the scenario in force: the Zuora simulator's own view of it
 * (mocks/zuora/scenario-control.ts), with the gateway's hold-back among the options
 * (mocks/in-page/gateway-scenario-runner.ts computes it).
 */
import type { SimScenarioState } from '../zuora/scenario-control'

/** A new object after every change, the same one in between. */
export type ScenarioState = SimScenarioState
