/**
 * Which scenario the simulated Zuora is in, and the fault it puts in front of the tenant now. A
 * timeline's position is computed from its start time and the clock on every call (the same
 * helpers as the contract-level runner: mocks/scenarios/timeline.ts), so there are no timers, and
 * "recover now" / "fail now" are nothing but a new start time. A seeded fault keeps its generator
 * for the whole step, so the same calls fail on every run.
 */
import type { ScenarioName } from '../scenarios/names'
import { resolveScenarioOptions, type ResolvedScenarioOptions, type ScenarioOptions } from '../scenarios/options'
import { nextStepIndex, startTimeForStep, timelinePosition } from '../scenarios/timeline'
import { passThrough, type Fault, type FaultTools } from './faults'
import { simScenarios, type SimTimelineStep } from './scenarios'

export type SimTimelineState = {
  steps: { label: string; failing: boolean }[]
  index: number
  label: string
  failing: boolean
  /** When the current step ends (ms since the epoch); null for the last step. */
  endsAt: number | null
  canRecover: boolean
  canFail: boolean
}

export type SimScenarioState = {
  name: ScenarioName
  description: string
  options: ResolvedScenarioOptions
  /** The options this scenario reads, with their values; orderCommitMs when set. */
  optionsInUse: Partial<ResolvedScenarioOptions>
  startedAt: number
  timeline: SimTimelineState | null
}

export type ScenarioControl = ReturnType<typeof createScenarioControl>

export function createScenarioControl(tools: FaultTools) {
  let name: ScenarioName = 'healthy'
  let chosen: ScenarioOptions = {}
  let startedAt = tools.now()
  /** The fault in force and the step it was made for (-1: no timeline). */
  let installed: { step: number; fault: Fault } | null = null

  const scenario = () => simScenarios[name]
  const options = () => resolveScenarioOptions(chosen)
  const steps = (): readonly SimTimelineStep[] | null => scenario().timeline ?? null
  const position = () => {
    const timeline = steps()
    return timeline ? timelinePosition(timeline, options(), startedAt, tools.now()) : null
  }

  function currentFault(): Fault {
    const at = position()
    const step = at?.index ?? -1
    if (installed?.step !== step) {
      const make = step >= 0 ? steps()?.[step]?.fault : scenario().fault
      installed = { step, fault: make ? make(options(), tools) : passThrough }
    }
    return installed.fault
  }

  function jumpTo(index: number | null): void {
    const timeline = steps()
    if (!timeline || index === null) return
    startedAt = startTimeForStep(timeline, options(), index, tools.now())
    installed = null
  }

  function state(): SimScenarioState {
    const at = position()
    const timeline = steps()
    const inUse: Partial<ResolvedScenarioOptions> = Object.fromEntries(
      (scenario().options ?? []).map((option) => [option, options()[option]]),
    )
    if (options().orderCommitMs > 0) inUse.orderCommitMs = options().orderCommitMs
    return {
      name,
      description: scenario().description,
      options: options(),
      optionsInUse: inUse,
      startedAt,
      timeline:
        timeline && at
          ? {
              steps: timeline.map(({ label, failing }) => ({ label, failing })),
              index: at.index,
              label: at.step.label,
              failing: at.step.failing,
              endsAt: at.endsAt,
              canRecover: nextStepIndex(timeline, at.index, false) !== null,
              canFail: nextStepIndex(timeline, at.index, true) !== null,
            }
          : null,
    }
  }

  return {
    /**
     * Switches now (a timeline starts over); a seeded fault starts its sequence again. `since`: the
     * choice was made earlier (a page reloaded during a timeline takes it up where it stands).
     */
    select(next: ScenarioName, scenarioOptions: ScenarioOptions = {}, since = tools.now()): SimScenarioState {
      name = next
      chosen = scenarioOptions
      startedAt = since
      installed = null
      return state()
    },
    state,
    /** Timelines: jump to the next step where Zuora works. */
    recoverNow(): SimScenarioState {
      const at = position()
      const timeline = steps()
      if (at && timeline) jumpTo(nextStepIndex(timeline, at.index, false))
      return state()
    },
    /** Timelines: jump to the (next) step where Zuora fails; its countdown starts again. */
    failNow(): SimScenarioState {
      const at = position()
      const timeline = steps()
      if (at && timeline) jumpTo(nextStepIndex(timeline, at.index, true))
      return state()
    },
    currentFault,
    options,
  }
}
