/**
 * Who may send the breaker's probe. One instance uses the local lease; a fleet passes one over its
 * shared store (issue 17), so that one probe at a time goes to Zuora from all instances together.
 */
import type { Clock, KeyValueStore } from '../ports'
import type { Capability } from './calls'

export type ProbeLease = {
  /** True when this caller now holds the capability's lease; it lapses by itself after `ttlMs`. */
  tryAcquire(capability: Capability, ttlMs: number): Promise<boolean>
  release(capability: Capability): Promise<void>
}

/** In memory, for one gateway instance (and the browser-hosted gateway). */
export function createLocalProbeLease(clock: Clock): ProbeLease {
  const heldUntil = new Map<Capability, number>()
  return {
    async tryAcquire(capability, ttlMs) {
      const now = clock.now()
      if ((heldUntil.get(capability) ?? -Infinity) > now) return false
      heldUntil.set(capability, now + ttlMs)
      return true
    },
    async release(capability) {
      heldUntil.delete(capability)
    },
  }
}

/**
 * Over the store the fleet shares: one probe at a time from all instances together, and at most one
 * per `intervalMs` (the breaker's probe interval) from all of them, not one per instance: three
 * instances would otherwise send three a second during an outage. Both are keys with a TTL written
 * only when absent (`SET NX PX`), so a holder that dies frees them by itself; `release` deletes the
 * lease only while it still holds this instance's name, and the interval always runs out.
 */
export function createStoreProbeLease(
  store: KeyValueStore,
  instanceId: string,
  { intervalMs = 0 }: { intervalMs?: number } = {},
): ProbeLease {
  const keyOf = (capability: Capability) => `probe-lease:${capability}`
  return {
    async tryAcquire(capability, ttlMs) {
      if (
        intervalMs > 0 &&
        !(await store.setIfAbsent(`probe-interval:${capability}`, instanceId, { ttlMs: intervalMs }))
      )
        return false
      return store.setIfAbsent(keyOf(capability), instanceId, { ttlMs: Math.ceil(ttlMs) })
    },
    async release(capability) {
      if ((await store.get(keyOf(capability))) === instanceId) await store.delete(keyOf(capability))
    },
  }
}
