/**
 * What a page running the gateway keeps in localStorage (page-state.ts): the simulated tenant and
 * every entry of the gateway's store, as one document, and how two tabs' documents are merged.
 *
 * Each tab writes after each of its requests, and a read changes things too (a stale copy kept, a
 * token, the invoice index), so a plain "last write wins" would let a read that started before
 * another tab's order undo that order. Instead a tab merges: from the document it last read or
 * wrote (the base), what it changed itself goes onto what is stored now; the rest is the other
 * tab's. Store entries merge per key; the tenant per top-level field (accounts, subscriptions,
 * orders, payments, tokens...), its run-time number counter taking the larger. The same key or
 * field changed by both tabs is a conflict, and the write that landed first stands: every request
 * touches its session, so "this tab wins" would let a tab's incidental touch undo another tab's
 * account switch. A key this tab deleted stays deleted (a sign-out, a consumed key) even so.
 */
export type StoredEntry = { key: string; value: string; expiresAt: number | null }
export type PageDocument = {
  version: number
  sim: { version: number; state: Record<string, unknown> }
  entries: StoredEntry[]
}

/** Bump when the document changes shape (the simulator's data has its own version inside). */
export const PAGE_DOCUMENT_VERSION = 1

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isEntry = (entry: unknown): entry is StoredEntry =>
  isRecord(entry) &&
  typeof entry.key === 'string' &&
  typeof entry.value === 'string' &&
  (typeof entry.expiresAt === 'number' || entry.expiresAt === null)

/** The document in the text, or null when it is not one of this version (the simulator checks its own part). */
export function parsePageDocument(raw: string): PageDocument | null {
  try {
    const parsed = JSON.parse(raw) as unknown
    if (!isRecord(parsed) || parsed.version !== PAGE_DOCUMENT_VERSION || !Array.isArray(parsed.entries)) return null
    if (!isRecord(parsed.sim) || !isRecord(parsed.sim.state) || typeof parsed.sim.version !== 'number') return null
    return {
      version: PAGE_DOCUMENT_VERSION,
      sim: { version: parsed.sim.version, state: parsed.sim.state },
      entries: parsed.entries.filter(isEntry),
    }
  } catch {
    return null
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export function mergePageDocuments(base: PageDocument, ours: PageDocument, theirs: PageDocument): PageDocument {
  if (base.sim.version !== theirs.sim.version || base.sim.version !== ours.sim.version) return ours
  const baseEntries = new Map(base.entries.map((entry) => [entry.key, entry]))
  const ourEntries = new Map(ours.entries.map((entry) => [entry.key, entry]))
  const merged = new Map(theirs.entries.map((entry) => [entry.key, entry]))
  const theirEntries = new Map(merged)
  for (const key of new Set([...baseEntries.keys(), ...ourEntries.keys()])) {
    const mine = ourEntries.get(key)
    const before = baseEntries.get(key)
    if (same(mine, before)) continue
    if (!mine) merged.delete(key)
    else if (same(theirEntries.get(key), before)) merged.set(key, mine)
  }

  const state: Record<string, unknown> = { ...theirs.sim.state }
  for (const field of new Set([...Object.keys(base.sim.state), ...Object.keys(ours.sim.state)])) {
    const before = base.sim.state[field]
    if (same(ours.sim.state[field], before) || !same(theirs.sim.state[field], before)) continue
    state[field] = ours.sim.state[field]
  }
  // Numbers handed out by either tab are never handed out again.
  const counters = [ours.sim.state.nextNumber, theirs.sim.state.nextNumber].filter(
    (value): value is number => typeof value === 'number',
  )
  if (counters.length > 0) state.nextNumber = Math.max(...counters)
  return { version: PAGE_DOCUMENT_VERSION, sim: { version: ours.sim.version, state }, entries: [...merged.values()] }
}
