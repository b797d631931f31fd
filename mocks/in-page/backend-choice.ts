/**
 * Which simulated backend a development or demo page runs: the contract backend (mocks/backend,
 * whose report each scenario scripts) or the billing gateway in the page with the Zuora simulator
 * (whose report is computed from what its calls meet). `?backend=gateway` or `?backend=contract`
 * chooses and is remembered in localStorage, so a reload and other tabs keep it; without a choice,
 * the build's default (VITE_SIMULATED_BACKEND), else the gateway. The designers' gallery frames
 * never ask: each runs a gateway of its own (src/dev/gallery/start-gallery-frame.ts). The Vitest
 * suites still run the contract backend (docs/decisions/031).
 */
import type { KeyValueStorage } from '../backend/persistence'

export const BACKEND_STORAGE_KEY = 'billing-simulated-backend'

export const simulatedBackends = ['contract', 'gateway'] as const
export type SimulatedBackend = (typeof simulatedBackends)[number]

const isBackend = (value: string | null | undefined): value is SimulatedBackend =>
  simulatedBackends.includes(value as SimulatedBackend)

export type BackendChoice = {
  backend: SimulatedBackend
  /** The address without `?backend=` (other parameters stay), or null when it had none. */
  cleanUrl: string | null
  /** What to tell QA when the link named a backend that does not exist. */
  problems: string[]
}

export function chooseSimulatedBackend(
  href: string,
  storage: KeyValueStorage | null,
  buildDefault: string | undefined,
): BackendChoice {
  const url = new URL(href)
  const asked = url.searchParams.get('backend')
  const problems: string[] = []
  let stored: string | null
  try {
    stored = storage?.getItem(BACKEND_STORAGE_KEY) ?? null
  } catch {
    stored = null // storage blocked: the build's default
  }
  const fallback: SimulatedBackend = isBackend(stored) ? stored : isBackend(buildDefault) ? buildDefault : 'gateway'
  if (asked === null) return { backend: fallback, cleanUrl: null, problems }
  url.searchParams.delete('backend')
  const cleanUrl = `${url.pathname}${url.search}${url.hash}`
  if (!isBackend(asked)) {
    problems.push(`Unknown backend "${asked}": using ${fallback} (choose contract or gateway).`)
    return { backend: fallback, cleanUrl, problems }
  }
  try {
    storage?.setItem(BACKEND_STORAGE_KEY, asked)
  } catch {
    // not remembered: this page load still uses it
  }
  return { backend: asked, cleanUrl, problems }
}
