/**
 * Percentiles for the gateway figures (`--only gateway`). The rest of the bench prints medians of
 * 5; the gateway's targets are about the slow tail (p95 of 30 seeds, p99 of 500 requests), so its
 * figures are nearest-rank percentiles, and a run that never reached the state counts as the cap.
 */
import { median } from './stats'

/** Nearest rank: the smallest sample at or below which `p` of the samples lie (p in 0–1). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  if (p === 0.5) return median(values)
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)))
  return sorted[rank - 1]!
}

/** Runs that never got there (null) as the cap, so that they weigh on the percentiles. */
export const cappedAt = (cap: number, values: readonly (number | null)[]): number[] =>
  values.map((value) => (value === null ? cap : Math.min(cap, value)))

/** "not reached in 2 of 30 runs (counted as 20 s)", or null when every run got there. */
export function notReachedNote(values: readonly (number | null)[], cap: number): string | null {
  const missing = values.filter((value) => value === null).length
  if (missing === 0) return null
  return `not reached in ${missing} of ${values.length} runs (counted as ${seconds(cap)})`
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0)
