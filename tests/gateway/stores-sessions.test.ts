// @vitest-environment node
import { expect, test, vi } from 'vitest'
import { createMemoryStore } from '../../gateway/stores/memory-store'
import { createSessionStore } from '../../gateway/stores/sessions'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function setup() {
  let now = 1_700_000_000_000
  const clock = { now: () => now, advance: (ms: number) => (now += ms) }
  const store = createMemoryStore({ clock })
  const sessions = createSessionStore({ store, clock })
  return { clock, store, sessions }
}

test('a session id is 256 random bits in base64url, new each time', async () => {
  const { sessions } = setup()
  const a = await sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  const b = await sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/)
  expect(b.id).not.toBe(a.id)
})

test('the store holds the session under a hash of its id, never the id itself', async () => {
  const { sessions, store } = setup()
  const set = vi.spyOn(store, 'set')
  const { id } = await sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  const [key, value] = set.mock.calls[0] ?? []
  expect(key).toMatch(/^session:[0-9a-f]{64}$/)
  expect(`${key}${value}`).not.toContain(id)
  expect(JSON.parse(value ?? '')).toEqual({
    userId: 'usr_ana',
    accountId: 'acc_acme',
    createdAt: expect.any(Number),
    lastSeenAt: expect.any(Number),
  })
})

test('a session ends after 12 idle hours', async () => {
  const { clock, sessions } = setup()
  const { id } = await sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  clock.advance(12 * HOUR - 1)
  expect(await sessions.read(id)).not.toBeNull()
  const again = setup()
  const other = await again.sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  again.clock.advance(12 * HOUR)
  expect(await again.sessions.read(other.id)).toBeNull()
})

test('use slides the idle time, but a session is written back at most once a minute', async () => {
  const { clock, sessions, store } = setup()
  const { id } = await sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  const set = vi.spyOn(store, 'set')
  for (let i = 0; i < 10; i++) {
    clock.advance(5_000)
    await sessions.read(id)
  }
  expect(set).toHaveBeenCalledTimes(0)
  clock.advance(10_000) // a minute since it was created
  expect((await sessions.read(id))?.lastSeenAt).toBe(clock.now())
  expect(set).toHaveBeenCalledTimes(1)
  // Seen every 11 hours, it outlives many idle periods.
  for (let i = 0; i < 5; i++) {
    clock.advance(11 * HOUR)
    expect(await sessions.read(id)).not.toBeNull()
  }
})

test('however much it is used, a session ends 7 days after sign-in', async () => {
  const { clock, sessions } = setup()
  const { id } = await sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  for (let t = HOUR; t < 7 * DAY; t += HOUR) {
    clock.advance(HOUR)
    expect(await sessions.read(id)).not.toBeNull()
  }
  clock.advance(HOUR)
  expect(await sessions.read(id)).toBeNull()
})

test('switching account keeps the session and its sign-in time', async () => {
  const { clock, sessions } = setup()
  const { id, session } = await sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  clock.advance(MINUTE)
  expect(await sessions.switchAccount(id, 'acc_globex')).toMatchObject({
    accountId: 'acc_globex',
    createdAt: session.createdAt,
  })
  expect((await sessions.read(id))?.accountId).toBe('acc_globex')
})

test('a destroyed session, an unknown id and garbage all read as no session', async () => {
  const { sessions } = setup()
  const { id } = await sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  await sessions.destroy(id)
  expect(await sessions.read(id)).toBeNull()
  expect(await sessions.switchAccount(id, 'acc_globex')).toBeNull()
  expect(await sessions.read('A'.repeat(43))).toBeNull()
  expect(await sessions.read('not a session; id=1')).toBeNull()
  expect(await sessions.read('')).toBeNull()
})

test('a store that fails to read rejects (the caller answers 503), a failed slide does not', async () => {
  const { clock, sessions, store } = setup()
  const { id } = await sessions.create({ userId: 'usr_ana', accountId: 'acc_acme' })
  clock.advance(2 * MINUTE)
  vi.spyOn(store, 'set').mockRejectedValue(new Error('down'))
  expect((await sessions.read(id))?.userId).toBe('usr_ana')
  vi.spyOn(store, 'get').mockRejectedValue(new Error('down'))
  await expect(sessions.read(id)).rejects.toThrow('down')
})
