/**
 * Scenarios that change over time: a list of steps, each lasting a while (the last one until the
 * scenario changes). Where a timeline stands is computed from its start time and the clock only,
 * so a reload or another tab lands on the same step, and "recover now" / "fail now" are nothing
 * but a new start time.
 */
import type { ResolvedScenarioOptions } from './options'

/** What every step has (the Zuora simulator's steps add their fault: mocks/zuora/scenarios.ts). */
export type TimelineStep = {
  /** Shown in the toolbar: "Provider down". */
  label: string
  /** True while the provider fails: what "Fail now" jumps to, and "Recover now" jumps past. */
  failing: boolean
  /** How long the step lasts; none for the last step, which lasts until the scenario changes. */
  durationMs?: (options: ResolvedScenarioOptions) => number
}

export type TimelinePosition<Step extends TimelineStep = TimelineStep> = {
  index: number
  step: Step
  /** When the step began (ms since the epoch). */
  startsAt: number
  /** When the step ends (ms since the epoch), null for the last one. */
  endsAt: number | null
}

export function timelinePosition<Step extends TimelineStep>(
  steps: readonly Step[],
  options: ResolvedScenarioOptions,
  startedAt: number,
  now: number,
): TimelinePosition<Step> {
  let stepStart = startedAt
  for (const [index, step] of steps.entries()) {
    const endsAt = step.durationMs === undefined ? null : stepStart + step.durationMs(options)
    if (endsAt === null || now < endsAt || index === steps.length - 1)
      return { index, step, startsAt: stepStart, endsAt }
    stepStart = endsAt
  }
  throw new Error('A timeline needs at least one step')
}

/** The start time that puts the timeline at the beginning of step `index` at `now`. */
export function startTimeForStep(
  steps: readonly TimelineStep[],
  options: ResolvedScenarioOptions,
  index: number,
  now: number,
): number {
  const before = steps.slice(0, index).reduce((total, step) => total + (step.durationMs?.(options) ?? 0), 0)
  return now - before
}

/** The first step after `from` whose `failing` is as asked, or null. "Fail now" wraps around to the start. */
export function nextStepIndex(steps: readonly TimelineStep[], from: number, failing: boolean): number | null {
  const after = steps.findIndex((step, index) => index > from && step.failing === failing)
  if (after !== -1) return after
  if (!failing) return null
  const first = steps.findIndex((step) => step.failing)
  return first === -1 ? null : first
}
