/**
 * Reads the vendor's health report: one poll per browser, not per tab, and none from a browser
 * nobody looks at.
 * - Every visible tab checks once a tick whether the browser's poll is due (the interval the
 *   server advises in `X-Poll-Interval`, bounded); the first to find it due takes a Web Lock (when
 *   the browser has them), checks again, polls, and writes the answer to localStorage. The other
 *   tabs, visible or hidden, get it from the `storage` event: one request per interval for the
 *   whole browser, whatever the number of tabs.
 * - Hidden tabs never poll; a tab that is shown polls at once if the browser's last poll is due.
 * - A new tab (or a reload) starts from the last answer saved, and asks again at once unless
 *   another tab has just asked.
 * - Storage blocked: each tab polls for itself (nothing is shared, nothing breaks).
 * The endpoint is public and cacheable (Cache-Control, ETag), so a CDN answers most polls.
 */
import { z } from 'zod/mini'
import { statusPolling } from '@/config/resilience'
import { billingStatusSchema, type BillingStatus } from '@/lib/api/schemas'

export type StatusAnswer = {
  status: BillingStatus
  /** From `X-Poll-Interval` (seconds on the wire), when the server gave one. */
  pollIntervalMs: number | null
  /** How long the answer sat in a cache (its `Age`), when it says. */
  ageMs: number
}

/** A poll's outcome as every tab sees it: the report, or null when it could not be read. */
export type StatusResult = { status: BillingStatus | null; fetchedAt: number }

export type Visibility = {
  visible(): boolean
  /** Calls back on every change; returns the way to stop. */
  subscribe(onChange: () => void): () => void
}

export type Locks = {
  /** Runs `task` holding the lock if nobody holds it; does nothing otherwise. */
  ifAvailable(name: string, task: () => Promise<void>): Promise<void>
}

export type Timers = {
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export type StatusPollerDeps = {
  fetchStatus: () => Promise<StatusAnswer>
  now: () => number
  timers: Timers
  visibility: Visibility
  online: () => boolean
  locks: Locks | null
  storage: Storage | undefined
  /** Calls back with `storage` events of other tabs: the key, or null when storage was cleared. */
  onStorage: (listener: (key: string | null) => void) => () => void
  onResult: (result: StatusResult) => void
}

export const statusReportStorageKey = 'billing-status-report'
/** When a tab last started a poll: the others wait for its answer instead of asking too. */
export const statusClaimStorageKey = 'billing-status-poll-claim'

const sharedSchema = z.object({
  fetchedAt: z.number(),
  intervalMs: z.number(),
  status: z.nullable(billingStatusSchema),
})
type Shared = z.infer<typeof sharedSchema>

const clampInterval = (ms: number | null) =>
  Math.min(statusPolling.maxIntervalMs, Math.max(statusPolling.minIntervalMs, ms ?? statusPolling.defaultIntervalMs))

export function createStatusPoller(deps: StatusPollerDeps) {
  /** This tab's copy of the browser's last poll (the only one when storage is blocked). */
  let last: Shared | null = null
  let polling = false
  let stopped = true
  const stops: (() => void)[] = []

  /** The last entry read and what it parsed to: every visible tab reads it every tick; it changes once a poll. */
  let parsedEntry: { raw: string; shared: Shared | null } | null = null

  const readShared = (): Shared | null => {
    try {
      const raw = deps.storage?.getItem(statusReportStorageKey)
      if (!raw) return null
      if (parsedEntry?.raw !== raw) {
        const parsed = sharedSchema.safeParse(JSON.parse(raw))
        parsedEntry = { raw, shared: parsed.success ? parsed.data : null }
      }
      const { shared } = parsedEntry
      // A time in the future (tampered, or another clock) would stop this browser polling.
      return shared && shared.fetchedAt <= deps.now() + 5_000 ? shared : null
    } catch {
      return null
    }
  }

  const writeShared = (shared: Shared) => {
    try {
      deps.storage?.setItem(statusReportStorageKey, JSON.stringify(shared))
    } catch {
      // Full or blocked: other tabs poll for themselves.
    }
  }

  const latest = (): Shared | null => {
    const shared = readShared()
    if (shared && (!last || shared.fetchedAt > last.fetchedAt)) return shared
    return last
  }

  const readClaim = (): number => {
    try {
      const claimedAt = Number(deps.storage?.getItem(statusClaimStorageKey))
      return Number.isFinite(claimedAt) && claimedAt <= deps.now() ? claimedAt : 0
    } catch {
      return 0
    }
  }

  const isDue = () => {
    const seen = latest()
    if (!seen) return deps.now() - readClaim() >= statusPolling.defaultIntervalMs
    return deps.now() - Math.max(seen.fetchedAt, readClaim()) >= seen.intervalMs
  }

  const adopt = (shared: Shared) => {
    if (last && shared.fetchedAt <= last.fetchedAt) return
    last = shared
    deps.onResult({ status: shared.status, fetchedAt: shared.fetchedAt })
  }

  async function poll(): Promise<void> {
    if (polling || stopped) return
    polling = true
    try {
      // Claim this interval before asking, so a tab that checks meanwhile does not ask too.
      try {
        deps.storage?.setItem(statusClaimStorageKey, String(deps.now()))
      } catch {
        // Blocked: see writeShared.
      }
      let shared: Shared
      try {
        const answer = await deps.fetchStatus()
        const tooOld = answer.ageMs > statusPolling.maxReportAgeMs
        shared = {
          fetchedAt: deps.now(),
          intervalMs: clampInterval(answer.pollIntervalMs),
          status: tooOld ? null : answer.status,
        }
      } catch {
        shared = { fetchedAt: deps.now(), intervalMs: clampInterval(null), status: null }
      }
      if (stopped) return
      writeShared(shared)
      adopt(shared)
    } finally {
      polling = false
    }
  }

  function tick(): void {
    if (stopped || !deps.visibility.visible() || !deps.online() || polling || !isDue()) return
    const run = () => (isDue() ? poll() : Promise.resolve())
    if (deps.locks) void deps.locks.ifAvailable('billing-status-poll', run)
    else void run()
  }

  return {
    start(): void {
      stopped = false
      const saved = readShared()
      if (saved && saved.status !== null) adopt(saved)
      stops.push(
        deps.onStorage((key) => {
          if (key !== statusReportStorageKey) return
          const shared = readShared()
          if (shared) adopt(shared)
        }),
        deps.visibility.subscribe(tick),
      )
      const handle = deps.timers.setInterval(tick, statusPolling.tickMs)
      stops.push(() => deps.timers.clearInterval(handle))
      // A page load asks at once unless another tab has just asked: the saved answer is shown
      // meanwhile, but a reload during an outage must not wait a whole interval to hear of it.
      const justAsked = deps.now() - Math.max(saved?.fetchedAt ?? 0, readClaim()) < statusPolling.minIntervalMs
      if (!justAsked && deps.visibility.visible() && deps.online()) void poll()
      else tick()
    },
    stop(): void {
      stopped = true
      for (const stop of stops.splice(0)) stop()
    },
    /** Ask now, whatever the interval (a refused write said "maintenance": see what changed). */
    pollNow: (): Promise<void> => poll(),
  }
}

export type StatusPoller = ReturnType<typeof createStatusPoller>
