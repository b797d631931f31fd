/**
 * Runs the chosen scenario on an MSW "handler host" (the service worker in the browser, the Node
 * server in tests: both can `resetHandlers()` and `use()`): puts its handlers in front of the
 * healthy ones, applies its changes to the simulated backend (the status report included, from
 * the stored start time, so statusDelayMs holds across reloads and tabs), moves its timeline
 * along, and keeps the choice in storage, where reloads and other tabs find it. Switching never
 * reloads the page.
 */
import type { RequestHandler } from 'msw'
import type { KeyValueStorage } from '../backend/persistence'
import type { Db } from '../db'
import { reportProviderHealth, reportsTrouble } from './maintenance-effects'
import { resolveScenarioOptions, type ResolvedScenarioOptions, type ScenarioOptions } from './options'
import { scenarios, type ScenarioName } from './registry'
import {
  memoryStorage,
  readScenarioChoice,
  watchStoredChoice,
  writeScenarioChoice,
  type ScenarioChoice,
  type StorageEventTarget,
} from './scenario-state'
import { nextStepIndex, startTimeForStep, timelinePosition, type TimelinePosition } from './timeline'

export type HandlerHost = {
  use(...handlers: RequestHandler[]): void
  resetHandlers(): void
}

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

/** What the toolbar shows; a new object after every change, the same one in between. */
export type ScenarioState = {
  name: ScenarioName
  description: string
  options: ResolvedScenarioOptions
  /** The options this scenario reads, with their values: "seed 7"; statusDelayMs when set and it applies; orderCommitMs when set. */
  optionsInUse: Partial<ResolvedScenarioOptions>
  startedAt: number
  timeline: TimelineState | null
}

export type ScenarioRunnerOptions = {
  host: HandlerHost
  db: Db
  /** localStorage in the browser; memory when omitted. */
  storage?: KeyValueStorage
  now?: () => number
}

export type ScenarioRunner = ReturnType<typeof createScenarioRunner>

export function createScenarioRunner({
  host,
  db,
  storage = memoryStorage(),
  now = () => Date.now(),
}: ScenarioRunnerOptions) {
  const fresh = (): ScenarioChoice => ({ name: 'healthy', options: {}, startedAt: now(), stepApplied: -1 })
  // What is in force already (a previous page load, another tab): choosing another one leaves it.
  let choice: ScenarioChoice = readScenarioChoice(storage) ?? fresh()
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopWatching: (() => void) | undefined
  const listeners = new Set<() => void>()

  const scenario = () => scenarios[choice.name]
  const options = () => resolveScenarioOptions(choice.options)
  const steps = () => scenario().timeline ?? null
  const position = (): TimelinePosition | null => {
    const timeline = steps()
    return timeline ? timelinePosition(timeline, options(), choice.startedAt, now()) : null
  }
  const save = () => writeScenarioChoice(storage, choice)

  let state = describe(position())

  /**
   * statusDelayMs is in use when it is set and the scenario reports some provider trouble to
   * withhold; orderCommitMs whenever it is set (every scenario).
   */
  function optionsInUse(): Partial<ResolvedScenarioOptions> {
    const inUse: Partial<ResolvedScenarioOptions> = Object.fromEntries(
      (scenario().options ?? []).map((name) => [name, options()[name]]),
    )
    const reportsHealth =
      reportsTrouble(scenario().reports) || (steps() ?? []).some((step) => reportsTrouble(step.reports))
    if (options().statusDelayMs > 0 && reportsHealth) inUse.statusDelayMs = options().statusDelayMs
    if (options().orderCommitMs > 0) inUse.orderCommitMs = options().orderCommitMs
    return inUse
  }

  function describe(at: TimelinePosition | null): ScenarioState {
    const timeline = steps()
    return {
      name: choice.name,
      description: scenario().description,
      options: options(),
      optionsInUse: optionsInUse(),
      startedAt: choice.startedAt,
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

  /** Puts the current scenario (and timeline step) in place, and plans the next step. */
  function install(): void {
    const at = position()
    const handlers = [...(scenario().handlers?.(options()) ?? []), ...(at?.step.handlers?.(options()) ?? [])]
    host.resetHandlers()
    if (handlers.length > 0) host.use(...handlers)
    db.setOrderCommitMs(options().orderCommitMs)
    runStepEffects(at)
    reportHealth(at)
    clearTimeout(timer)
    timer = at?.endsAt == null ? undefined : setTimeout(install, Math.max(0, at.endsAt - now()))
    state = describe(at)
    for (const listener of listeners) listener()
  }

  /**
   * A step's entry effects (a new maintenance generation) run once per run of the timeline, for
   * all tabs together: the tab that runs them records it in the stored choice, and a tab that
   * finds it recorded there (same start time) skips them.
   */
  function runStepEffects(at: TimelinePosition | null): void {
    const timeline = steps()
    if (!timeline || !at || at.index <= choice.stepApplied) return
    const stored = readScenarioChoice(storage)
    if (
      stored &&
      stored.name === choice.name &&
      stored.startedAt === choice.startedAt &&
      stored.stepApplied >= at.index
    ) {
      choice = { ...choice, stepApplied: stored.stepApplied }
      return
    }
    for (let index = choice.stepApplied + 1; index <= at.index; index += 1) timeline[index]?.enter?.(db)
    choice = { ...choice, stepApplied: at.index }
    save()
  }

  /**
   * The status report of the scenario (or timeline step) in force, from when it began: operational
   * for statusDelayMs, then what it reports. Derived from the stored start time, so applying it
   * again (a reload, another tab, the next step's timer) changes nothing.
   */
  function reportHealth(at: TimelinePosition | null): void {
    const report = at ? at.step.reports : scenario().reports
    reportProviderHealth(db, report, at ? at.startsAt : choice.startedAt, options().statusDelayMs)
  }

  function jumpTo(index: number | null): void {
    const timeline = steps()
    if (!timeline || index === null) return
    choice = {
      ...choice,
      startedAt: startTimeForStep(timeline, options(), index, now()),
      stepApplied: Math.min(choice.stepApplied, index - 1),
    }
    save()
    install()
  }

  /** Another tab changed the stored choice (or cleared storage): follow it. */
  function adoptStored(): void {
    const stored = readScenarioChoice(storage)
    if (!stored) {
      // Storage cleared (a sign-out, a test): the scenario is the backend's state, not the tab's.
      save()
      return
    }
    const sameRun =
      stored.name === choice.name &&
      stored.startedAt === choice.startedAt &&
      JSON.stringify(stored.options) === JSON.stringify(choice.options)
    if (sameRun) {
      choice = { ...choice, stepApplied: Math.max(choice.stepApplied, stored.stepApplied) }
      return
    }
    // The tab that chose it has already changed the backend's data (enter/leave): only follow.
    choice = stored
    install()
  }

  return {
    /** Switches to a scenario now (a timeline starts over), leaving the current one. */
    select(name: ScenarioName, scenarioOptions: ScenarioOptions = {}): void {
      if (name !== choice.name) scenario().leave?.(db)
      choice = { name, options: scenarioOptions, startedAt: now(), stepApplied: -1 }
      save()
      scenarios[name].enter?.(db)
      install()
    },
    /** Applies the stored choice (a reload, a new tab), or `healthy` when there is none. */
    restore(): ScenarioName {
      choice = readScenarioChoice(storage) ?? fresh()
      save()
      scenario().enter?.(db)
      install()
      return choice.name
    },
    /** Timelines: jump to the next step where the provider works. */
    recoverNow(): void {
      const at = position()
      const timeline = steps()
      if (at && timeline) jumpTo(nextStepIndex(timeline, at.index, false))
    },
    /** Timelines: jump to the (next) step where the provider fails; the countdown starts again. */
    failNow(): void {
      const at = position()
      const timeline = steps()
      if (at && timeline) jumpTo(nextStepIndex(timeline, at.index, true))
    },
    /** In the browser: follow the choice made in other tabs. */
    watchOtherTabs(target: StorageEventTarget): void {
      stopWatching?.()
      stopWatching = watchStoredChoice(target, adoptStored)
    },
    getState: (): ScenarioState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** Stops timers and listeners; leaves the handlers and data as they are (tests reset those). */
    dispose(): void {
      clearTimeout(timer)
      timer = undefined
      stopWatching?.()
      stopWatching = undefined
      listeners.clear()
    },
  }
}
