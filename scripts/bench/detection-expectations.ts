/**
 * What the detection bench (detection.ts) expects and how it times a run, shared by the runs,
 * their figures and the table: the right state per scenario, the warm-up, browsing and withheld
 * report timings, and the small helpers they all use.
 */
import type { ScenarioName } from '../../mocks/scenarios/names'
import type { ShownState } from './admin'

export type ReportMode = 'prompt' | 'withheld'

export type Expected = { status: 'operational' | 'degraded' | 'maintenance'; source?: string }

/**
 * The right state per scenario, once the app has noticed the fault (why:
 * docs/decisions/011-how-failures-are-weighed.md, 014-slow-unreliable-notice-never-pauses.md):
 * - edits paused (`maintenance`, any source but for the operators' own flag, which must say
 *   `operators`): the provider cannot take changes: down, hanging, rate-limited, answering what the
 *   schema refuses, the vendor's own API down with it, the failing step of outage-then-recovery;
 * - a degraded notice (`degraded`): the provider works, badly (slow, flaky, the incident's cache
 *   layer), or only one capability is down (partial-*), so edits are still possible;
 * - nothing (`operational` the whole time): healthy.
 */
export const RIGHT_STATE: Record<ScenarioName, Expected> = {
  healthy: { status: 'operational' },
  'provider-down': { status: 'maintenance' },
  'provider-hang': { status: 'maintenance' },
  'provider-slow': { status: 'degraded' },
  'provider-flaky': { status: 'degraded' },
  'cache-layer-failure': { status: 'degraded' },
  'partial-invoices': { status: 'degraded' },
  'partial-payments': { status: 'degraded' },
  maintenance: { status: 'maintenance', source: 'operators' },
  'rate-limited': { status: 'maintenance' },
  malformed: { status: 'maintenance' },
  'own-api-down': { status: 'maintenance' },
  'outage-then-recovery': { status: 'maintenance' },
}

export const BROWSE_EVERY_MS = 4_000
export const WARM_MS = 10_000
/** The report is withheld for longer than a run lasts (warm-up + cap). */
export const STATUS_DELAY_MS = 120_000
/** outage-then-recovery stays in its failing step for the whole run. */
export const OUTAGE_MS = 600_000
/** The read time-out (src/config/resilience.ts, providerReadMs) plus 3 s. */
export const FROM_ACTION_TARGET = '≤ 8 s (5 s time-out + 3 s)'
export const POLL_MS = 250

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
export const isRight = (state: ShownState, expected: Expected) =>
  state.status === expected.status && (expected.source === undefined || state.source === expected.source)
export const unique = (items: readonly string[]) => [...new Set(items)]
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

export const joinNotes = (notes: readonly (string | null)[]) =>
  notes.filter((note): note is string => !!note).join('; ') || undefined
