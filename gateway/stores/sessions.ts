/**
 * Who is signed in: cookie sessions kept in the shared key-value store, so any instance of a fleet
 * reads a session another made (issue 16, item 7).
 *
 * - The id is 256 random bits (base64url); the store holds it only as its SHA-256, so a copy of the
 *   store (a Redis dump, a debug listing) hands out no usable session.
 * - Idle expiry (12 h) slides, but a request writes the session back at most once a minute: reads
 *   stay reads on a busy page. The absolute limit (7 days) never moves.
 * - Reading a session rejects when the store does: the caller answers 503, it does not sign anyone out.
 *
 * The cookie and cross-site rules are in session-cookie.ts.
 */
import { z } from 'zod'
import type { Clock, KeyValueStore } from '../ports'
import { base64url, sha256Hex } from './encoding'

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000
/** A session seen again within this is not written back (its idle time is that much shorter at worst). */
export const SESSION_TOUCH_EVERY_MS = 60 * 1000

/** 32 random bytes in base64url: 43 characters of [A-Za-z0-9_-]. */
export const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/

const sessionSchema = z.object({
  userId: z.string(),
  accountId: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
})
export type Session = z.infer<typeof sessionSchema>

export type SessionStore = {
  /** A new session (a new id on every sign-in: an id set before it, by anyone, is never promoted). */
  create(who: { userId: string; accountId: string }): Promise<{ id: string; session: Session }>
  /** The live session, or null (unknown, garbage, idle or past its absolute limit). */
  read(id: string): Promise<Session | null>
  /** The caller has checked that the user may see `accountId`. Null when the session is gone. */
  switchAccount(id: string, accountId: string): Promise<Session | null>
  destroy(id: string): Promise<void>
}

export function createSessionStore(options: {
  store: KeyValueStore
  clock: Clock
  idleMs?: number
  absoluteMs?: number
  touchEveryMs?: number
}): SessionStore {
  const { store, clock } = options
  const idleMs = options.idleMs ?? SESSION_IDLE_MS
  const absoluteMs = options.absoluteMs ?? SESSION_ABSOLUTE_MS
  const touchEveryMs = options.touchEveryMs ?? SESSION_TOUCH_EVERY_MS

  const storeKey = async (id: string) => `session:${await sha256Hex(id)}`

  /** Until idle or the absolute limit, whichever comes first; null once either has passed. */
  const ttlAt = (session: Session, now: number): number | null => {
    const left = Math.min(session.lastSeenAt + idleMs, session.createdAt + absoluteMs) - now
    return left > 0 ? Math.ceil(left) : null
  }

  const save = async (key: string, session: Session, now: number): Promise<Session | null> => {
    const ttlMs = ttlAt(session, now)
    if (ttlMs === null) {
      await store.delete(key)
      return null
    }
    await store.set(key, JSON.stringify(session), { ttlMs })
    return session
  }

  const load = async (key: string): Promise<Session | null> => {
    const text = await store.get(key)
    if (text === null) return null
    try {
      const parsed = sessionSchema.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  /** The live session under key as of now, dropped from the store when it has run out. */
  const live = async (id: string): Promise<{ key: string; session: Session } | null> => {
    if (!sessionIdPattern.test(id)) return null
    const key = await storeKey(id)
    const session = await load(key)
    if (!session) return null
    if (ttlAt(session, clock.now()) === null) {
      // The store's TTL would drop it too; on our clock it is already over.
      await store.delete(key)
      return null
    }
    return { key, session }
  }

  return {
    async create(who) {
      const id = base64url(crypto.getRandomValues(new Uint8Array(32)))
      const now = clock.now()
      const session: Session = { userId: who.userId, accountId: who.accountId, createdAt: now, lastSeenAt: now }
      await save(await storeKey(id), session, now)
      return { id, session }
    },

    async read(id) {
      const found = await live(id)
      if (!found) return null
      const now = clock.now()
      if (now - found.session.lastSeenAt < touchEveryMs) return found.session
      const touched = { ...found.session, lastSeenAt: now }
      try {
        await save(found.key, touched, now)
      } catch {
        // The session is valid now; failing to slide it only shortens its idle time.
      }
      return touched
    },

    async switchAccount(id, accountId) {
      const found = await live(id)
      if (!found) return null
      const now = clock.now()
      return save(found.key, { ...found.session, accountId, lastSeenAt: now }, now)
    },

    async destroy(id) {
      if (sessionIdPattern.test(id)) await store.delete(await storeKey(id))
    },
  }
}
