/**
 * What the scenario toolbar shows of the scenario in force (mocks/in-page/gateway-scenario-runner.ts
 * computes it from the Zuora simulator's scenario and the gateway's hold-back).
 */
import type { ScenarioName } from './names'
import type { ResolvedScenarioOptions } from './options'

export type TimelineState = {
  steps: { label: string; failing: boolean }[]
  index: number
  label: string
  failing: boolean
  /** When the current step ends (ms since the epoch); null for the last step. */
  endsAt: number | null
  canRecover: boolean
  canFail: boolean
}

/** A new object after every change, the same one in between. */
export type ScenarioState = {
  name: ScenarioName
  description: string
  options: ResolvedScenarioOptions
  /** The options this scenario reads, with their values: "seed 7"; statusDelayMs when set; orderCommitMs when set. */
  optionsInUse: Partial<ResolvedScenarioOptions>
  startedAt: number
  timeline: TimelineState | null
}
