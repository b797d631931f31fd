/**
 * Zuora limits concurrent requests per tenant (40 by default; 200 for orders and payment pages;
 * 80 for object queries) and answers 429 past them. The gateway keeps its own caps below those, so
 * a burst of admins queues here for a moment instead of being shed by Zuora, and a bounded queue:
 * past it a call is refused at once (`overloaded`) rather than waiting behind hundreds of others.
 */
import type { ZuoraPool } from './spec'

export type Pool = ZuoraPool

/** Below Zuora's limits, leaving room for the vendor's other integrations on the same tenant. */
export const defaultPoolLimits: Readonly<Record<Pool, number>> = {
  default: 24,
  orders: 100,
  objectQuery: 48,
  paymentPages: 50,
}

export type Slot = { release(): void }

export type Semaphore = {
  /** Resolves with a slot when one is free; rejects when the queue is full or the signal aborts. */
  acquire(signal?: AbortSignal): Promise<Slot>
  readonly active: number
  readonly waiting: number
}

export class QueueFullError extends Error {}

export function createSemaphore(limit: number, maxQueue: number): Semaphore {
  let active = 0
  const queue: Array<{ grant: (slot: Slot) => void }> = []

  const slot = (): Slot => {
    let released = false
    return {
      release() {
        if (released) return
        released = true
        const next = queue.shift()
        if (next) next.grant(slot())
        else active -= 1
      },
    }
  }

  return {
    acquire(signal) {
      if (active < limit) {
        active += 1
        return Promise.resolve(slot())
      }
      if (queue.length >= maxQueue) return Promise.reject(new QueueFullError('Too many calls waiting for Zuora.'))
      return new Promise<Slot>((resolve, reject) => {
        const entry = { grant: resolve }
        queue.push(entry)
        signal?.addEventListener(
          'abort',
          () => {
            const index = queue.indexOf(entry)
            if (index < 0) return
            queue.splice(index, 1)
            reject(signal.reason)
          },
          { once: true },
        )
      })
    },
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
  }
}
