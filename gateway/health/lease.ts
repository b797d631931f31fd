/**
 * Who may send the breaker's probe. One instance uses the local lease; a fleet passes one over its
 * shared store (issue 17), so that one probe at a time goes to Zuora from all instances together.
 */
import type { Clock } from '../ports'
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
