/**
 * The key-value store a fleet of gateways shares (`REDIS_URL`), on ioredis. Built so that Redis
 * failing is never the next incident (the one this product answers was a failed cache layer):
 *
 * - no offline queue: while the connection is down every command rejects at once, instead of
 *   piling up requests that wait for Redis to come back;
 * - a short command time-out: a slow Redis is a failed one, and the caller (fallback-store.ts)
 *   answers from this instance's own state;
 * - reconnects for ever, at most every 2 s, and says when it is ready again so the fallback can
 *   rejoin.
 *
 * Keys get a prefix (`bgw:` by default) so that the gateway can share a Redis without trampling
 * anyone's keys. Values are strings; TTLs are milliseconds (`PX`).
 */
import { Redis } from 'ioredis'
import type { KeyValueStore } from '../ports'

export type SharedStore = KeyValueStore & {
  /** The value and what is left of its TTL (null: none), in one round trip. */
  getWithTtl(key: string): Promise<{ value: string | null; ttlMs: number | null }>
  /** Calls `listener` each time the connection is (again) ready. */
  onReady(listener: () => void): () => void
  readonly ready: boolean
  /** Resolves true once connected, false after `timeoutMs` (the caller starts alone, and rejoins later). */
  waitUntilReady(timeoutMs: number): Promise<boolean>
  close(): Promise<void>
}

export type RedisStoreOptions = {
  url: string
  /** A command not answered within this is failed (the caller falls back). */
  commandTimeoutMs?: number
  connectTimeoutMs?: number
  keyPrefix?: string
  log?: (event: Record<string, unknown>) => void
}

/**
 * A command not answered within this fails and the instance answers from its own state. Short, so
 * no request waits on a slow Redis; not so short that a busy event loop alone trips it.
 */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 250

/** Sets KEYS[1] to ARGV[3] (PX ARGV[4] when > 0) only if it is absent (ARGV[1] = 1) or equals ARGV[2]. */
const compareAndSetScript = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
if tonumber(ARGV[4]) > 0 then
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
else
  redis.call('SET', KEYS[1], ARGV[3])
end
return 1
`

/** Redis refuses a non-positive or fractional PX; so does the memory store, so both fail alike. */
function checkTtl(ttlMs: number | undefined): void {
  if (ttlMs !== undefined && !(Number.isInteger(ttlMs) && ttlMs > 0)) {
    throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`)
  }
}

export function createRedisStore(options: RedisStoreOptions): SharedStore {
  const log = options.log ?? (() => undefined)
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: options.connectTimeoutMs ?? 1_000,
    // A command is tried once: the fallback, not a retry loop, is what answers when Redis fails.
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    keyPrefix: options.keyPrefix ?? 'bgw:',
    lazyConnect: false,
  })
  const listeners = new Set<() => void>()
  let lastErrorLoggedAt = 0
  let wasReady = false
  redis.on('ready', () => {
    wasReady = true
    log({ event: 'redis_ready' })
    for (const listener of listeners) listener()
  })
  // Once per lost connection (not per reconnect attempt).
  redis.on('close', () => {
    if (!wasReady) return
    wasReady = false
    log({ event: 'redis_down' })
  })
  // Without a listener an 'error' event would end the process; one line every 10 s at most.
  redis.on('error', (error: Error) => {
    const now = Date.now()
    if (now - lastErrorLoggedAt < 10_000) return
    lastErrorLoggedAt = now
    log({ event: 'redis_error', message: error.message })
  })

  const px = (ttlMs: number | undefined): ['PX', number] | [] => (ttlMs === undefined ? [] : ['PX', ttlMs])

  return {
    get ready() {
      return redis.status === 'ready'
    },
    async get(key) {
      return redis.get(key)
    },
    async getWithTtl(key) {
      const results = await redis.multi().get(key).pttl(key).exec()
      if (!results) throw new Error('Redis dropped the transaction')
      const [[getError, value], [ttlError, ttl]] = results as [[Error | null, string | null], [Error | null, number]]
      if (getError) throw getError
      if (ttlError) throw ttlError
      return { value, ttlMs: typeof ttl === 'number' && ttl > 0 ? ttl : null }
    },
    async set(key, value, setOptions) {
      checkTtl(setOptions?.ttlMs)
      const ttl = px(setOptions?.ttlMs)
      await (ttl.length ? redis.set(key, value, ...ttl) : redis.set(key, value))
    },
    async setIfAbsent(key, value, setOptions) {
      checkTtl(setOptions?.ttlMs)
      const answer = setOptions?.ttlMs
        ? await redis.set(key, value, 'PX', setOptions.ttlMs, 'NX')
        : await redis.set(key, value, 'NX')
      return answer === 'OK'
    },
    async compareAndSet(key, expected, value, setOptions) {
      checkTtl(setOptions?.ttlMs)
      const answer = await redis.eval(
        compareAndSetScript,
        1,
        key,
        expected === null ? '1' : '0',
        expected ?? '',
        value,
        String(setOptions?.ttlMs ?? 0),
      )
      return answer === 1
    },
    async delete(key) {
      await redis.del(key)
    },
    async hashSet(key, field, value, setOptions) {
      checkTtl(setOptions.ttlMs)
      const results = await redis.multi().hset(key, field, value).pexpire(key, setOptions.ttlMs).exec()
      const failed = results?.find(([error]) => error !== null)
      if (!results || failed) throw failed?.[0] ?? new Error('Redis dropped the transaction')
    },
    async hashGetAll(key) {
      return redis.hgetall(key)
    },
    onReady(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    waitUntilReady(timeoutMs) {
      if (redis.status === 'ready') return Promise.resolve(true)
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          listeners.delete(onReady)
          resolve(false)
        }, timeoutMs)
        const onReady = () => {
          clearTimeout(timer)
          listeners.delete(onReady)
          resolve(true)
        }
        listeners.add(onReady)
      })
    },
    async close() {
      listeners.clear()
      try {
        await redis.quit()
      } catch {
        redis.disconnect()
      }
    },
  }
}
