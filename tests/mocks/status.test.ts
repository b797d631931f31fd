// @vitest-environment node
/**
 * GET /billing-status is public and cacheable: no session, the same body for everyone, cache
 * headers and a strong ETag, 304 on a matching If-None-Match, and a body that changes only when
 * the status does or the simulated health check runs again (every 30 s).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { billingStatusSchema } from '../../src/lib/api/schemas'
import { db } from '../../mocks/db'
import { matchesIfNoneMatch, STATUS_CACHE, strongEtag } from '../../gateway/own/status-cache'
import { API, ok, refused, send, signInAs } from './support'
import '../support/legacy-contract/backend'

const T0 = Date.parse('2026-03-02T10:00:00.000Z')

/** Reads the status with optional request headers; the body as text (empty for a 304). */
async function readStatus(headers: Record<string, string> = {}) {
  const response = await fetch(`${API}/billing-status`, { headers })
  return { response, status: response.status, text: await response.text(), etag: response.headers.get('ETag') ?? '' }
}

const checkedAt = (text: string) => billingStatusSchema.parse(JSON.parse(text)).checkedAt

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db.reset() // seeded at T0: the health check last ran then
})

afterEach(() => {
  vi.useRealTimers()
})

describe('who may read and change the status', () => {
  it('answers a signed-out caller with the same body as a signed-in one', async () => {
    const signedIn = await readStatus()
    db.signOut()
    const anonymous = await readStatus()
    expect(anonymous.status).toBe(200)
    expect(anonymous.text).toBe(signedIn.text)
    expect(anonymous.etag).toBe(signedIn.etag)
    billingStatusSchema.parse(JSON.parse(anonymous.text))
  })

  it('still keeps the maintenance switch to signed-in operators', async () => {
    const maintenance = { body: { enabled: true, message: 'Provider outage' } }
    db.signOut()
    await refused(send('setMaintenance', maintenance), 401, 'unauthenticated')
    signInAs('owner@acme.test')
    await refused(send('setMaintenance', maintenance), 403, 'forbidden')
    signInAs('ops@vendor.test')
    expect((await ok('setMaintenance', maintenance)).maintenance.enabled).toBe(true)
  })
})

describe('caching headers', () => {
  it('sends Cache-Control, a strong ETag and X-Poll-Interval on a 200', async () => {
    const { response, text, etag } = await readStatus()
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe(
      'public, max-age=2, stale-while-revalidate=2, stale-if-error=600',
    )
    expect(response.headers.get('X-Poll-Interval')).toBe('5')
    expect(response.headers.get('Content-Type')).toBe('application/json')
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/)
    expect(etag).toBe(strongEtag(text))
  })

  it('keeps max-age + stale-while-revalidate + one poll interval under 10 s', () => {
    const { maxAgeSeconds, staleWhileRevalidateSeconds, pollIntervalSeconds } = STATUS_CACHE
    expect(maxAgeSeconds + staleWhileRevalidateSeconds + pollIntervalSeconds).toBe(9)
  })

  it('answers 304 with no body and the same headers when If-None-Match names the current ETag', async () => {
    const first = await readStatus()
    for (const ifNoneMatch of [
      first.etag,
      `W/${first.etag}`,
      `"other", ${first.etag}`,
      `W/"x,y", W/${first.etag}`,
      '*',
    ]) {
      const again = await readStatus({ 'If-None-Match': ifNoneMatch })
      expect(again.status, ifNoneMatch).toBe(304)
      expect(again.text).toBe('')
      expect(again.etag).toBe(first.etag)
      expect(again.response.headers.get('Cache-Control')).toBe(first.response.headers.get('Cache-Control'))
      expect(again.response.headers.get('X-Poll-Interval')).toBe('5')
    }
  })

  it('answers 200 with the new body when the ETag held is stale', async () => {
    const first = await readStatus()
    db.setComponentHealth('invoices', 'down')
    const again = await readStatus({ 'If-None-Match': first.etag })
    expect(again.status).toBe(200)
    expect(again.etag).not.toBe(first.etag)
    expect(JSON.parse(again.text)).toMatchObject({
      components: expect.arrayContaining([
        expect.objectContaining({ capability: 'invoices', status: 'down' }),
      ]) as unknown,
    })
    expect((await readStatus({ 'If-None-Match': '"stale", W/"older"' })).status).toBe(200)
  })

  it('reads If-None-Match lists and weak tags as HTTP does', () => {
    expect(matchesIfNoneMatch(null, '"a"')).toBe(false)
    expect(matchesIfNoneMatch('"a"', '"a"')).toBe(true)
    expect(matchesIfNoneMatch('W/"a"', '"a"')).toBe(true)
    expect(matchesIfNoneMatch(' "b" ,W/"a"', '"a"')).toBe(true)
    expect(matchesIfNoneMatch('"a,b"', '"a"')).toBe(false)
    expect(matchesIfNoneMatch('"ab"', '"a"')).toBe(false)
    expect(matchesIfNoneMatch('*', '"a"')).toBe(true)
  })
})

describe('a body that changes only when the status does', () => {
  it('stays the same, ETag and checkedAt included, between two reads seconds apart', async () => {
    const first = await readStatus()
    expect(checkedAt(first.text)).toBe('2026-03-02T10:00:00.000Z')
    vi.setSystemTime(T0 + 7_000)
    const second = await readStatus()
    expect(second.text).toBe(first.text)
    expect(second.etag).toBe(first.etag)
    vi.setSystemTime(T0 + 29_999)
    expect((await readStatus({ 'If-None-Match': first.etag })).status).toBe(304)
  })

  it('moves checkedAt on when the health check runs again, every 30 s', async () => {
    const first = await readStatus()
    vi.setSystemTime(T0 + 30_000)
    const next = await readStatus()
    expect(checkedAt(next.text)).toBe('2026-03-02T10:00:30.000Z')
    expect(next.etag).not.toBe(first.etag)
    vi.setSystemTime(T0 + 95_000)
    expect(checkedAt((await readStatus()).text)).toBe('2026-03-02T10:01:30.000Z')
  })

  it('changes at once when a component’s health changes, and the check cycle starts over from there', async () => {
    const first = await readStatus()
    vi.setSystemTime(T0 + 12_000)
    db.setComponentHealth('payments', 'degraded')
    const changed = await readStatus()
    expect(changed.etag).not.toBe(first.etag)
    expect(checkedAt(changed.text)).toBe('2026-03-02T10:00:12.000Z')
    // Setting the health it already has is no change.
    vi.setSystemTime(T0 + 20_000)
    db.setComponentHealth('payments', 'degraded')
    expect((await readStatus()).etag).toBe(changed.etag)
    vi.setSystemTime(T0 + 42_000)
    expect(checkedAt((await readStatus()).text)).toBe('2026-03-02T10:00:42.000Z')
  })

  it('changes at once when the maintenance flag changes', async () => {
    const first = await readStatus()
    vi.setSystemTime(T0 + 3_000)
    signInAs('ops@vendor.test')
    await ok('setMaintenance', { body: { enabled: true, message: 'Provider outage' } })
    const on = await readStatus()
    expect(on.etag).not.toBe(first.etag)
    expect(checkedAt(on.text)).toBe('2026-03-02T10:00:03.000Z')
    expect(JSON.parse(on.text)).toMatchObject({ maintenance: { enabled: true } })

    vi.setSystemTime(T0 + 4_000)
    await ok('setMaintenance', { body: { enabled: false, message: 'Back' } })
    const off = await readStatus()
    expect(off.etag).not.toBe(on.etag)
    expect(checkedAt(off.text)).toBe('2026-03-02T10:00:04.000Z')
  })
})
