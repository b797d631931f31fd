/**
 * The chosen scenario as stored in the browser (localStorage `billing-scenario`), so that it
 * survives reloads and every tab follows it. What is read back is validated: anything unreadable
 * counts as nothing stored, and a name this code does not know as `healthy`.
 */
import { z } from 'zod'
import type { KeyValueStorage } from '../in-page/key-value-storage'
import { scenarioOptionsSchema, type ScenarioOptions } from './options'
import { isScenarioName, type ScenarioName } from './names'

export const SCENARIO_STORAGE_KEY = 'billing-scenario'

export type ScenarioChoice = {
  name: ScenarioName
  options: ScenarioOptions
  /** When it was chosen (ms since the epoch): where a timeline stands is counted from here. */
  startedAt: number
  /** The last timeline step whose entry effects ran for this start time (-1: none yet). */
  stepApplied: number
}

const storedSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  options: scenarioOptionsSchema,
  startedAt: z.number(),
  stepApplied: z.number().int().min(-1),
})

export function readScenarioChoice(storage: KeyValueStorage): ScenarioChoice | null {
  let raw: string | null
  try {
    raw = storage.getItem(SCENARIO_STORAGE_KEY)
  } catch {
    return null // storage blocked
  }
  if (raw === null) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return null
  }
  const result = storedSchema.safeParse(parsed)
  if (!result.success) return null
  const { name, options, startedAt, stepApplied } = result.data
  if (!isScenarioName(name)) return { name: 'healthy', options: {}, startedAt, stepApplied: -1 }
  return { name, options, startedAt, stepApplied }
}

export function writeScenarioChoice(storage: KeyValueStorage, choice: ScenarioChoice): void {
  try {
    storage.setItem(SCENARIO_STORAGE_KEY, JSON.stringify({ version: 1, ...choice }))
  } catch {
    // Storage full or blocked: this tab still runs the scenario, it just is not shared.
  }
}

/** For Node, where there is no localStorage: the choice lives as long as the runner. */
export function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>()
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  }
}

/** A window, or a test's stand-in for one: where another tab's writes are announced. */
export type StorageEventTarget = {
  addEventListener(type: 'storage', listener: (event: StorageEvent) => void): void
  removeEventListener(type: 'storage', listener: (event: StorageEvent) => void): void
}

/** Calls `changed` when another tab writes the stored choice or clears storage; returns how to stop. */
export function watchStoredChoice(target: StorageEventTarget, changed: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === SCENARIO_STORAGE_KEY || event.key === null) changed()
  }
  target.addEventListener('storage', onStorage)
  return () => target.removeEventListener('storage', onStorage)
}
