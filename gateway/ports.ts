/**
 * What the gateway is given rather than reaching for: the clock, the HTTP client it calls Zuora
 * with, and the key-value store its shared state lives in. The request handling itself speaks only
 * Web `Request`/`Response`, so the same code answers on Node (the production service), inside MSW
 * (the browser, development and tests) and in simulated mode (gateway/node/sim-server.ts).
 */

/** Milliseconds since the epoch. Tests and the fleet model pass a simulated one. */
export type Clock = { now(): number }

export const systemClock: Clock = { now: () => Date.now() }

/** A `fetch`: the real one on Node, the Zuora simulator's handler in-process, or a fault proxy. */
export type HttpClient = (request: Request) => Promise<Response>

/**
 * The store the gateway's state lives in: memory for one instance, Redis for a fleet (issue 17).
 * Every method may reject (the shared store is down or slow): callers decide what to fall back on.
 * Values are strings (JSON), so the same code runs over both.
 */
export type KeyValueStore = {
  get(key: string): Promise<string | null>
  /** ttlMs: the value is gone after that long; omitted, it lives until deleted or evicted. */
  set(key: string, value: string, options?: { ttlMs?: number }): Promise<void>
  /** Sets only when the key is absent: true when it did (a lease, a first write wins). */
  setIfAbsent(key: string, value: string, options?: { ttlMs?: number }): Promise<boolean>
  /**
   * Sets only when the current value is exactly `expected` (null: absent), in one atomic step:
   * true when it did. Two instances changing one document both read, both change, and only one
   * of them writes; the other reads again.
   */
  compareAndSet(key: string, expected: string | null, value: string, options?: { ttlMs?: number }): Promise<boolean>
  delete(key: string): Promise<void>
  /**
   * One field of a hash (each instance of a fleet writes its own field of one key); the key's TTL
   * is set anew on each write, so a hash nobody writes any more goes by itself.
   */
  hashSet(key: string, field: string, value: string, options: { ttlMs: number }): Promise<void>
  /** Every field of the hash ({} when there is none). */
  hashGetAll(key: string): Promise<Record<string, string>>
}
