/**
 * The key-value store of a single gateway instance (and of the gateway inside MSW): the same
 * contract as the Redis one a fleet uses, so the stores built on it cannot lean on being in-process.
 *
 * - TTLs run on the injected clock, so tests and the fleet model move time themselves. An expired
 *   entry is gone for every method at once (read lazily, swept when the budget is tight).
 * - Bounded in bytes: keys and values counted as UTF-8 (what Redis holds). Past the budget the least
 *   recently used entries go first, as Redis does under `maxmemory-policy allkeys-lru`; a read or a
 *   write makes an entry recent.
 * - `setIfAbsent` and `compareAndSet` are atomic: the check and the write happen in one synchronous
 *   step, as `SET NX` and the Redis store's script do.
 */
import type { Clock, KeyValueStore } from '../ports'
import { utf8Length } from './encoding'

/** 32 MiB: the stale copies of a few thousand accounts, order keys and sessions with room to spare. */
export const DEFAULT_MEMORY_STORE_BYTES = 32 * 1024 * 1024

/** What one entry costs beyond its text: Map slot, object and timestamps (an estimate). */
const ENTRY_OVERHEAD_BYTES = 64

/** `hash`: a hash kept as one JSON object (hashSet), never handed out as a plain value by `entries`. */
type Entry = { value: string; expiresAt: number | null; bytes: number; hash?: true }

export type MemoryStoreStats = { entries: number; bytes: number; maxBytes: number; evictions: number }

export type MemoryStore = KeyValueStore & {
  stats(): MemoryStoreStats
  /**
   * Every live plain entry (hashes left out) with what is left of its TTL (null: none): what a
   * fleet instance restores a lost Redis from.
   */
  entries(): { key: string; value: string; ttlMs: number | null }[]
}

function readHash(text: string | undefined): Record<string, string> {
  if (text === undefined) return {}
  try {
    const parsed = JSON.parse(text) as unknown
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, string>)
      : {}
  } catch {
    return {}
  }
}

export function createMemoryStore(options: { clock: Clock; maxBytes?: number }): MemoryStore {
  const { clock } = options
  const maxBytes = options.maxBytes ?? DEFAULT_MEMORY_STORE_BYTES
  if (!(maxBytes > 0)) throw new RangeError(`maxBytes must be positive, got ${maxBytes}`)
  // A Map iterates in insertion order: deleting and inserting again on each use keeps the least
  // recently used entry first.
  const entries = new Map<string, Entry>()
  let usedBytes = 0
  let evictions = 0

  const remove = (key: string, entry: Entry) => {
    entries.delete(key)
    usedBytes -= entry.bytes
  }

  const isExpired = (entry: Entry, now: number) => entry.expiresAt !== null && entry.expiresAt <= now

  /** The live entry under key, made most recently used; an expired one is dropped. */
  const touch = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (!entry) return undefined
    entries.delete(key)
    if (isExpired(entry, clock.now())) {
      usedBytes -= entry.bytes
      return undefined
    }
    entries.set(key, entry)
    return entry
  }

  const makeRoom = () => {
    if (usedBytes <= maxBytes) return
    // Expired entries go before any live one is given up.
    const now = clock.now()
    for (const [key, entry] of entries) if (isExpired(entry, now)) remove(key, entry)
    for (const [key, entry] of entries) {
      if (usedBytes <= maxBytes) break
      remove(key, entry)
      evictions++
    }
  }

  const write = (key: string, value: string, ttlMs: number | undefined, hash = false) => {
    const previous = entries.get(key)
    if (previous) remove(key, previous)
    const entry: Entry = {
      value,
      expiresAt: ttlMs === undefined ? null : clock.now() + ttlMs,
      bytes: utf8Length(key) + utf8Length(value) + ENTRY_OVERHEAD_BYTES,
      ...(hash ? { hash: true as const } : {}),
    }
    if (entry.bytes > maxBytes) throw new RangeError(`value of ${entry.bytes} bytes is larger than the store`)
    entries.set(key, entry)
    usedBytes += entry.bytes
    makeRoom()
  }

  /** Redis refuses a non-positive or fractional expiry (`PX`); so does this, so a bug shows here first. */
  const checkTtl = (ttlMs: number | undefined) => {
    if (ttlMs !== undefined && !(Number.isInteger(ttlMs) && ttlMs > 0)) {
      throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`)
    }
  }

  return {
    async get(key) {
      return touch(key)?.value ?? null
    },
    async set(key, value, setOptions) {
      checkTtl(setOptions?.ttlMs)
      write(key, value, setOptions?.ttlMs)
    },
    async setIfAbsent(key, value, setOptions) {
      checkTtl(setOptions?.ttlMs)
      if (touch(key)) return false
      write(key, value, setOptions?.ttlMs)
      return true
    },
    async compareAndSet(key, expected, value, setOptions) {
      checkTtl(setOptions?.ttlMs)
      if ((touch(key)?.value ?? null) !== expected) return false
      write(key, value, setOptions?.ttlMs)
      return true
    },
    async delete(key) {
      const entry = entries.get(key)
      if (entry) remove(key, entry)
    },
    // A hash is kept as one JSON object, so that it is counted and evicted like any other value.
    async hashSet(key, field, value, setOptions) {
      checkTtl(setOptions.ttlMs)
      const current = touch(key)
      write(
        key,
        JSON.stringify({ ...(current?.hash ? readHash(current.value) : {}), [field]: value }),
        setOptions.ttlMs,
        true,
      )
    },
    async hashGetAll(key) {
      const entry = touch(key)
      return entry?.hash ? readHash(entry.value) : {}
    },
    stats: () => ({ entries: entries.size, bytes: usedBytes, maxBytes, evictions }),
    entries: () => {
      const now = clock.now()
      return [...entries]
        .filter(([, entry]) => !entry.hash && !isExpired(entry, now))
        .map(([key, entry]) => ({
          key,
          value: entry.value,
          ttlMs: entry.expiresAt === null ? null : Math.max(1, Math.floor(entry.expiresAt - now)),
        }))
    },
  }
}
