/**
 * The gateway inside MSW keeps what a server would keep across requests (the simulated Zuora
 * tenant, and the gateway's store: sessions, order keys, its own state, stale copies) in the
 * page's localStorage, so a reload, the payment page and other tabs see the same billing.
 *
 * - Written after every request the page makes; read back before the next one when another tab
 *   wrote since (the raw text differs from what this tab last wrote or read).
 * - Each entry keeps its absolute expiry, so a session or a stale copy ages across reloads.
 * - Storage full: the stale copies are left out first (they are a convenience); then nothing is
 *   written and the page goes on from memory.
 * - Unreadable, tampered with or from another version: ignored, the tenant is seeded afresh.
 */
import type { MemoryStore } from '../../gateway/stores/memory-store'
import type { Clock } from '../../gateway/ports'
import type { KeyValueStorage } from '../backend/persistence'
import type { ZuoraSimulator } from '../zuora'

export const PAGE_GATEWAY_STORAGE_KEY = 'billing-gateway-page'
/** Bump when what is stored changes shape (the simulator's data has its own version inside). */
const VERSION = 1

type StoredEntry = { key: string; value: string; expiresAt: number | null }

/** Keys that may be left out when storage is full: an older answer kept for outages. */
const isExpendable = (key: string) => key.startsWith('stale:')

export type PageState = ReturnType<typeof createPageState>

export function createPageState(parts: {
  storage: KeyValueStorage | null
  simulator: ZuoraSimulator
  store: MemoryStore
  clock: Clock
}) {
  const { storage, simulator, store, clock } = parts
  /** What this tab last wrote or read: anything else in storage is another tab's. */
  let known: string | null = null

  function read(): string | null {
    try {
      return storage?.getItem(PAGE_GATEWAY_STORAGE_KEY) ?? null
    } catch {
      return null
    }
  }

  function parse(raw: string): { sim: unknown; entries: StoredEntry[] } | null {
    try {
      const parsed = JSON.parse(raw) as { version?: unknown; sim?: unknown; entries?: unknown }
      if (parsed.version !== VERSION || !Array.isArray(parsed.entries)) return null
      const entries = parsed.entries.filter(
        (entry): entry is StoredEntry =>
          typeof entry === 'object' &&
          entry !== null &&
          typeof (entry as StoredEntry).key === 'string' &&
          typeof (entry as StoredEntry).value === 'string' &&
          (typeof (entry as StoredEntry).expiresAt === 'number' || (entry as StoredEntry).expiresAt === null),
      )
      return { sim: parsed.sim, entries }
    } catch {
      return null
    }
  }

  /** Puts the stored data in place of this tab's; false when it could not be read (nothing changed). */
  async function apply(raw: string): Promise<boolean> {
    const stored = parse(raw)
    if (!stored || !simulator.control.importState(stored.sim)) return false
    const now = clock.now()
    for (const { key } of store.entries()) await store.delete(key)
    for (const { key, value, expiresAt } of stored.entries) {
      if (expiresAt !== null && expiresAt <= now) continue
      await store.set(key, value, expiresAt === null ? undefined : { ttlMs: expiresAt - now })
    }
    return true
  }

  function compose(leaveOutExpendable: boolean): string {
    const now = clock.now()
    const entries: StoredEntry[] = store
      .entries()
      .filter(({ key }) => !(leaveOutExpendable && isExpendable(key)))
      .map(({ key, value, ttlMs }) => ({ key, value, expiresAt: ttlMs === null ? null : now + ttlMs }))
    return JSON.stringify({ version: VERSION, sim: simulator.control.exportState(), entries })
  }

  function write(raw: string): boolean {
    try {
      storage?.setItem(PAGE_GATEWAY_STORAGE_KEY, raw)
      return true
    } catch {
      return false // full or blocked
    }
  }

  return {
    /** At start: what an earlier page load or another tab left. True when there was something to take. */
    async restore(): Promise<boolean> {
      const raw = read()
      if (raw === null || !(await apply(raw))) return false
      known = raw
      return true
    },
    /** Before a request: another tab wrote since, so its data is the latest. */
    async adoptOtherTabs(): Promise<void> {
      const raw = read()
      if (raw === null || raw === known) return
      if (await apply(raw)) known = raw
    },
    /** After a request: this tab's data for the next page load and the other tabs. */
    save(): void {
      if (!storage) return
      const full = compose(false)
      if (write(full)) {
        known = full
        return
      }
      const lean = compose(true)
      if (write(lean)) known = lean
    },
    /** A reset: the seed again everywhere. */
    clear(): void {
      try {
        storage?.removeItem(PAGE_GATEWAY_STORAGE_KEY)
      } catch {
        // nothing to clear
      }
      known = null
    },
  }
}
