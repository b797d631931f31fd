/**
 * The knobs a scenario takes, shared by the registry, the persisted choice, the link
 * (`?outageMs=`, `?seed=`, `?slowMs=`, `?statusDelayMs=`, `?orderCommitMs=`), the test helpers and
 * the simulated gateway (`npm run gateway:sim -- --option name=value`, `POST /__control/scenario`).
 * Every one has a default, so a scenario chosen by name alone always does the same thing.
 */
import { z } from 'zod'

export const scenarioOptionsSchema = z.object({
  /** Seed of the pseudo-random faults (`provider-flaky`, `cache-layer-failure`): same seed, same calls fail. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  /** How long `outage-then-recovery` stays down before it recovers. */
  outageMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3_600_000)
    .optional(),
  /** How long `provider-slow` takes to answer. */
  slowMs: z.number().int().min(0).max(60_000).optional(),
  /**
   * How long the vendor's status report keeps saying every provider capability is operational
   * after the scenario's fault starts (when it is chosen; for a timeline, when its failing step
   * starts), before it says what the scenario reports: a status page that lags behind the outage.
   * Every scenario that reports provider health; never the operators' maintenance flag.
   */
  statusDelayMs: z.number().int().min(0).max(600_000).optional(),
  /**
   * How long the provider takes to process an order: `POST /orders` holds its answer that long and
   * the order commits at that moment, even if the client gave up earlier (the app's write time-out
   * is 15 s); meanwhile `GET /orders/by-key/{key}` answers it `pending` and a repeat of the key 409.
   * Every scenario (where orders get through at all).
   */
  orderCommitMs: z.number().int().min(0).max(120_000).optional(),
})

export type ScenarioOptions = z.infer<typeof scenarioOptionsSchema>
export type ResolvedScenarioOptions = Required<ScenarioOptions>
export type ScenarioOptionName = keyof ScenarioOptions

export const scenarioOptionNames = Object.keys(scenarioOptionsSchema.shape) as ScenarioOptionName[]

export const defaultScenarioOptions: ResolvedScenarioOptions = {
  seed: 1,
  outageMs: 60_000,
  // "Several seconds", yet under the app's 5 s time-out for reads: slow, but it does answer.
  slowMs: 3_000,
  statusDelayMs: 0,
  orderCommitMs: 0,
}

export const resolveScenarioOptions = (options: ScenarioOptions = {}): ResolvedScenarioOptions => ({
  seed: options.seed ?? defaultScenarioOptions.seed,
  outageMs: options.outageMs ?? defaultScenarioOptions.outageMs,
  slowMs: options.slowMs ?? defaultScenarioOptions.slowMs,
  statusDelayMs: options.statusDelayMs ?? defaultScenarioOptions.statusDelayMs,
  orderCommitMs: options.orderCommitMs ?? defaultScenarioOptions.orderCommitMs,
})
