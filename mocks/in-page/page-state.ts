/**
 * The gateway inside MSW keeps what a server would keep across requests (the simulated Zuora
 * tenant, and the gateway's store: sessions, order keys, its own state, stale copies) in the
 * page's localStorage, so a reload, the payment page and other tabs see the same billing.
 *
 * - Written after every request the page makes; read back before the next one when another tab
 *   wrote since (the raw text differs from what this tab last wrote or read). A tab that finds
 *   another's write, when it reads or saves, merges its own changes onto it (page-document.ts).
 * - Each entry keeps its absolute expiry, so a session or a stale copy ages across reloads.
 * - Storage full: the stale copies are left out first (they are a convenience); then nothing is
 *   written and the page goes on from memory.
 * - Unreadable, tampered with or from another version: ignored, the tenant is seeded afresh.
 */
import type { MemoryStore } from '../../gateway/stores/memory-store'
import type { Clock } from '../../gateway/ports'
import type { KeyValueStorage } from './key-value-storage'
import type { ZuoraSimulator } from '../zuora'
import {
  mergePageDocuments,
  PAGE_DOCUMENT_VERSION,
  parsePageDocument,
  type PageDocument,
  type StoredEntry,
} from './page-document'

export const PAGE_GATEWAY_STORAGE_KEY = 'billing-gateway-page'

/** The gateway's copies of answers (gateway/stores/stale-copy.ts): kept for outages, a convenience. */
export const isStaleCopyKey = (key: string) => key.startsWith('stale:')

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

  /** Puts the document in place of this tab's data; false when it could not be read (nothing changed). */
  async function apply(document: PageDocument): Promise<boolean> {
    if (!simulator.control.importState(document.sim)) return false
    const now = clock.now()
    for (const { key } of store.entries()) await store.delete(key)
    for (const { key, value, expiresAt } of document.entries) {
      if (expiresAt !== null && expiresAt <= now) continue
      await store.set(key, value, expiresAt === null ? undefined : { ttlMs: expiresAt - now })
    }
    return true
  }

  async function adopt(raw: string): Promise<boolean> {
    const document = parsePageDocument(raw)
    if (!document || !(await apply(document))) return false
    known = raw
    return true
  }

  function compose(): PageDocument {
    const now = clock.now()
    const entries: StoredEntry[] = store
      .entries()
      .map(({ key, value, ttlMs }) => ({ key, value, expiresAt: ttlMs === null ? null : now + ttlMs }))
    return { version: PAGE_DOCUMENT_VERSION, sim: simulator.control.exportState(), entries }
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
    /** At start: what an earlier page load or another tab left, or the seed written for them. */
    async restore(): Promise<boolean> {
      const raw = read()
      if (raw !== null && (await adopt(raw))) return true
      await this.save()
      return false
    },
    /**
     * Before a request: another tab wrote since, so its data is the latest; what this tab changed
     * since its last save (its gateway works between requests too: the report it publishes, its
     * probes' tokens) goes onto it, as in `save`, rather than being dropped.
     */
    async adoptOtherTabs(): Promise<void> {
      const raw = read()
      if (raw === null || raw === known) return
      const base = known === null ? null : parsePageDocument(known)
      const theirs = parsePageDocument(raw)
      if (!base || !theirs) {
        await adopt(raw)
        return
      }
      if (await apply(mergePageDocuments(base, compose(), theirs))) known = raw
    },
    /**
     * After a request: this tab's data for the next page load and the other tabs. When another tab
     * wrote since this one last read, what this tab changed goes onto theirs (page-document.ts),
     * and this tab takes the result too.
     */
    async save(): Promise<void> {
      if (!storage) return
      let document = compose()
      const stored = read()
      const theirs = stored !== null && stored !== known ? parsePageDocument(stored) : null
      const base = known === null ? null : parsePageDocument(known)
      if (theirs && base) {
        document = mergePageDocuments(base, document, theirs)
        await apply(document)
      }
      const full = JSON.stringify(document)
      if (write(full)) {
        known = full
        return
      }
      const lean = JSON.stringify({ ...document, entries: document.entries.filter(({ key }) => !isStaleCopyKey(key)) })
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
