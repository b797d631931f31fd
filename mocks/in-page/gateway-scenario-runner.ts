/**
 * The scenario toolbar's runner when the gateway is the page's backend: the same choice, kept in
 * the same storage (`billing-scenario`, so reloads and other tabs follow it, and `?scenario=` links
 * work as before), applied at the Zuora simulator with the gateway's hold-back. The report is
 * never set here: the gateway computes it from what its calls meet.
 *
 * A timeline's position comes from the stored start time, so a reload or another tab takes it up
 * where it stands; "recover now" / "fail now" store a new start time.
 */
import type { KeyValueStorage } from './key-value-storage'
import type { ScenarioName } from '../scenarios/names'
import type { ScenarioOptions } from '../scenarios/options'
import type { SimScenarioState as ScenarioState } from '../zuora/scenario-control'
import {
  memoryStorage,
  readScenarioChoice,
  watchStoredChoice,
  writeScenarioChoice,
  type ScenarioChoice,
  type StorageEventTarget,
} from '../scenarios/scenario-state'
import type { InPageGateway } from './in-page-gateway'

export type GatewayScenarioRunner = ReturnType<typeof createGatewayScenarioRunner>

export function createGatewayScenarioRunner(parts: {
  backend: InPageGateway
  storage?: KeyValueStorage
  now?: () => number
}) {
  const { backend, storage = memoryStorage(), now = () => Date.now() } = parts
  const fresh = (): ScenarioChoice => ({ name: 'healthy', options: {}, startedAt: now(), stepApplied: -1 })
  let choice: ScenarioChoice = readScenarioChoice(storage) ?? fresh()
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopWatching: (() => void) | undefined
  /** The last apply: a later one waits for it, so two quick switches land in order. */
  let applying: Promise<void> = Promise.resolve()
  const listeners = new Set<() => void>()

  function describe(): ScenarioState {
    const atZuora = backend.scenarios.describe()
    const optionsInUse = { ...atZuora.optionsInUse }
    if (atZuora.statusDelayMs > 0) optionsInUse.statusDelayMs = atZuora.statusDelayMs
    return {
      name: atZuora.name,
      description: atZuora.description,
      options: { ...atZuora.options, statusDelayMs: atZuora.statusDelayMs },
      optionsInUse,
      startedAt: atZuora.startedAt,
      timeline: atZuora.timeline,
    }
  }

  let state = describe()

  /** Tells the toolbar, and wakes up again when the timeline's step ends. */
  function refresh(): void {
    state = describe()
    clearTimeout(timer)
    const endsAt = state.timeline?.endsAt ?? null
    timer = endsAt === null ? undefined : setTimeout(refresh, Math.max(0, endsAt - now()) + 5)
    for (const listener of listeners) listener()
  }

  function apply(): Promise<void> {
    const target = choice
    applying = applying
      .then(() => backend.scenarios.select(target.name, target.options, target.startedAt))
      .then(() => backend.save())
      .then(
        () => refresh(),
        (error: unknown) => console.error('The scenario could not be applied', error),
      )
    return applying
  }

  const save = () => writeScenarioChoice(storage, choice)

  /** A timeline jumped at the simulator: its new start time is the choice's. */
  function jumped(): void {
    choice = { ...choice, startedAt: backend.simulator.control.state().startedAt }
    save()
    refresh()
  }

  function adoptStored(): void {
    const stored = readScenarioChoice(storage)
    if (!stored) {
      save() // storage cleared (a sign-out, a test): the scenario is the backend's, not the tab's
      return
    }
    if (JSON.stringify(stored) === JSON.stringify(choice)) return
    choice = stored
    void apply()
  }

  return {
    /** Switches to a scenario now (a timeline starts over). */
    select(name: ScenarioName, scenarioOptions: ScenarioOptions = {}): Promise<void> {
      choice = { name, options: scenarioOptions, startedAt: now(), stepApplied: -1 }
      save()
      return apply()
    },
    /** Applies the stored choice (a reload, a new tab), or `healthy` when there is none. */
    async restore(): Promise<ScenarioName> {
      choice = readScenarioChoice(storage) ?? fresh()
      save()
      await apply()
      return choice.name
    },
    recoverNow(): void {
      backend.simulator.control.recoverNow()
      jumped()
    },
    failNow(): void {
      backend.simulator.control.failNow()
      jumped()
    },
    watchOtherTabs(target: StorageEventTarget): void {
      stopWatching?.()
      stopWatching = watchStoredChoice(target, adoptStored)
    },
    getState: (): ScenarioState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose(): void {
      clearTimeout(timer)
      timer = undefined
      stopWatching?.()
      stopWatching = undefined
      listeners.clear()
    },
  }
}
