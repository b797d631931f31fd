/**
 * The fleet's shared store with this instance's own memory behind it (decision record 029). While
 * Redis answers, it is the truth: every read and write goes there, and this instance keeps a
 * mirror of what it wrote and read (bounded, LRU) so that it has something to stand on when Redis
 * goes. When a command fails or times out, this instance answers from its own state for
 * `retryAfterMs`, then tries Redis again with one command; no request waits on Redis longer than
 * its command time-out, and none fails because of it.
 *
 * What was written while alone is remembered by key (bounded), and pushed to Redis before this
 * instance trusts it again: a session or order key made during the outage is not lost, and a
 * sign-out made during it is carried over (a key made and deleted while alone is simply forgotten:
 * the one in Redis may be another instance's). A key another instance wrote meanwhile wins over ours
 * (logged as a conflict): for an order key that is harmless, since the key sent to Zuora and the
 * order number are derived from the request itself.
 */
import type { Clock, KeyValueStore } from '../ports'
import type { MemoryStore } from './memory-store'
import type { SharedStore } from './redis-store'

export type StoreMode = 'shared' | 'local'

export type FallbackStoreCounters = {
  /** Operations answered from this instance's own state because Redis failed or was skipped. */
  localAnswers: number
  /** Times this instance went from Redis to its own state. */
  fallbacks: number
  rejoins: number
  /** Keys written while alone that another instance had written too (theirs kept). */
  conflicts: number
}

export type FallbackStore = KeyValueStore & {
  readonly mode: StoreMode
  counters(): FallbackStoreCounters
}

const EPOCH_KEY = 'fleet:epoch'

/**
 * What to do with a key on rejoining: write our value, or delete it as we did while alone.
 * `created`: the key was not in this instance's mirror when it was first written alone.
 */
type Orphan = { kind: 'written'; expiresAt: number | null; created: boolean } | { kind: 'deleted' }

export function createFallbackStore(options: {
  shared: SharedStore
  local: MemoryStore
  clock: Clock
  log?: (event: Record<string, unknown>) => void
  /** After a failure, how long to answer locally before trying Redis again. */
  retryAfterMs?: number
  /** At most this many keys written while alone are remembered for the rejoin (the oldest go). */
  maxOrphans?: number
}): FallbackStore {
  const { shared, local, clock } = options
  const log = options.log ?? (() => undefined)
  const retryAfterMs = options.retryAfterMs ?? 1_000
  const maxOrphans = options.maxOrphans ?? 10_000
  const counters: FallbackStoreCounters = { localAnswers: 0, fallbacks: 0, rejoins: 0, conflicts: 0 }
  const orphans = new Map<string, Orphan>()
  let mode: StoreMode = 'shared'
  let retryAt = 0
  let rejoining: Promise<void> | null = null
  /** The fleet's epoch as this instance last read it (null: not yet). */
  let knownEpoch: string | null = null
  // Redis (again) ready: rejoin now rather than with the next command after the wait. Also when no
  // command failed meanwhile: a Redis restarted between two commands may have come back empty.
  shared.onReady(() => {
    retryAt = 0
    startRejoin()
  })
  // Already connected when made: learn the fleet's epoch now (the ready event is past).
  if (shared.ready) queueMicrotask(startRejoin)

  const remember = (key: string, orphan: Orphan) => {
    orphans.delete(key)
    orphans.set(key, orphan)
    if (orphans.size > maxOrphans) orphans.delete(orphans.keys().next().value as string)
  }

  /** A write made alone; `existed`: whether this instance's mirror held the key just before it. */
  const rememberWritten = (key: string, expiresAt: number | null, existed: boolean) => {
    const earlier = orphans.get(key)
    const created = earlier === undefined ? !existed : earlier.kind === 'written' && earlier.created
    remember(key, { kind: 'written', expiresAt, created })
  }

  /**
   * A delete made alone. A key this instance created alone and now deletes alone leaves nothing to
   * give back: pushing the delete would remove what another instance wrote under the same key
   * meanwhile, which this one never saw (an order key it could not find while alone, tried and
   * forgotten, would erase the real one).
   */
  const rememberDeleted = (key: string) => {
    const earlier = orphans.get(key)
    if (earlier?.kind === 'written' && earlier.created) orphans.delete(key)
    else remember(key, { kind: 'deleted' })
  }

  const goLocal = (error: unknown) => {
    retryAt = clock.now() + retryAfterMs
    if (mode === 'local') return
    mode = 'local'
    counters.fallbacks++
    log({ event: 'shared_store_down', message: error instanceof Error ? error.message : String(error) })
  }

  /**
   * Redis came back without its data (restarted with nothing saved, or failed over to an empty
   * replica) when the fleet's epoch is not the one this instance last knew: the first instance to
   * find it gone writes a new one, and every instance that knew the old one gives back everything
   * it holds, first writer winning, so that nobody is signed out and no order key is forgotten.
   */
  async function restoreIfEmptied(): Promise<number> {
    await shared.setIfAbsent(EPOCH_KEY, `${clock.now()}-${Math.random().toString(36).slice(2, 10)}`)
    const epoch = await shared.get(EPOCH_KEY)
    const emptied = knownEpoch !== null && epoch !== knownEpoch
    knownEpoch = epoch
    if (!emptied) return 0
    let restored = 0
    for (const entry of local.entries()) {
      const ttl = entry.ttlMs === null ? undefined : { ttlMs: entry.ttlMs }
      if (await shared.setIfAbsent(entry.key, entry.value, ttl)) restored++
    }
    return restored
  }

  /** Pushes what was done alone, then trusts Redis again; on any failure stays alone. */
  async function rejoin(): Promise<void> {
    const restored = await restoreIfEmptied()
    let pushed = 0
    for (const [key, orphan] of [...orphans]) {
      if (orphan.kind === 'deleted') {
        await shared.delete(key)
      } else {
        const value = await local.get(key)
        const ttlMs = orphan.expiresAt === null ? undefined : Math.floor(orphan.expiresAt - clock.now())
        if (value !== null && (ttlMs === undefined || ttlMs > 0)) {
          const won = await shared.setIfAbsent(key, value, ttlMs === undefined ? undefined : { ttlMs })
          if (!won && (await shared.get(key)) !== value) {
            counters.conflicts++
            log({ event: 'shared_store_conflict', key })
          }
        }
      }
      orphans.delete(key)
      pushed++
    }
    if (mode === 'local' || restored > 0) {
      counters.rejoins++
      log({ event: 'shared_store_back', pushed, restored })
    }
    mode = 'shared'
  }

  function startRejoin() {
    if (rejoining) return
    rejoining = rejoin()
      .catch(goLocal)
      .finally(() => {
        rejoining = null
      })
  }

  /** Redis when it is trusted; `alone` when it is not (or fails now). */
  async function run<T>(onShared: () => Promise<T>, alone: () => Promise<T>): Promise<T> {
    if (mode === 'local') {
      if (rejoining || clock.now() < retryAt) {
        counters.localAnswers++
        return alone()
      }
      startRejoin()
      counters.localAnswers++
      return alone()
    }
    try {
      return await onShared()
    } catch (error) {
      if (error instanceof RangeError) throw error // our bug, not Redis failing
      goLocal(error)
      counters.localAnswers++
      return alone()
    }
  }

  /** Keeps this instance's mirror in step; a value too large for it is simply not mirrored. */
  const mirror = (write: () => Promise<unknown>) => write().catch(() => undefined)
  const expiry = (ttlMs: number | undefined) => (ttlMs === undefined ? null : clock.now() + ttlMs)

  return {
    get mode() {
      return mode
    },
    counters: () => ({ ...counters }),
    get: (key) =>
      run(
        async () => {
          const { value, ttlMs } = await shared.getWithTtl(key)
          await mirror(() =>
            value === null ? local.delete(key) : local.set(key, value, ttlMs === null ? undefined : { ttlMs }),
          )
          return value
        },
        () => local.get(key),
      ),
    set: (key, value, setOptions) =>
      run(
        async () => {
          await shared.set(key, value, setOptions)
          await mirror(() => local.set(key, value, setOptions))
        },
        async () => {
          const existed = (await local.get(key)) !== null
          await local.set(key, value, setOptions)
          rememberWritten(key, expiry(setOptions?.ttlMs), existed)
        },
      ),
    setIfAbsent: (key, value, setOptions) =>
      run(
        async () => {
          const won = await shared.setIfAbsent(key, value, setOptions)
          if (won) await mirror(() => local.set(key, value, setOptions))
          return won
        },
        async () => {
          const won = await local.setIfAbsent(key, value, setOptions)
          if (won) rememberWritten(key, expiry(setOptions?.ttlMs), false)
          return won
        },
      ),
    compareAndSet: (key, expected, value, setOptions) =>
      run(
        async () => {
          const won = await shared.compareAndSet(key, expected, value, setOptions)
          if (won) await mirror(() => local.set(key, value, setOptions))
          return won
        },
        async () => {
          const won = await local.compareAndSet(key, expected, value, setOptions)
          if (won) rememberWritten(key, expiry(setOptions?.ttlMs), expected !== null)
          return won
        },
      ),
    // A hash is the fleet's shared view (health windows): while alone, this instance's own field is
    // all there is, and nothing of it is pushed back (it is rewritten every few hundred ms).
    hashSet: (key, field, value, setOptions) =>
      run(
        () => shared.hashSet(key, field, value, setOptions),
        () => local.hashSet(key, field, value, setOptions),
      ),
    hashGetAll: (key) =>
      run(
        () => shared.hashGetAll(key),
        () => local.hashGetAll(key),
      ),
    delete: (key) =>
      run(
        async () => {
          await shared.delete(key)
          await mirror(() => local.delete(key))
        },
        async () => {
          await local.delete(key)
          rememberDeleted(key)
        },
      ),
  }
}
