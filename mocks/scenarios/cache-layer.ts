/**
 * The fault of the incident (the provider's Redis cache layer failed; why it is a notice, not a pause:
 * docs/decisions/014-slow-unreliable-notice-never-pauses.md): some calls
 * fail with 500 or a gateway's 502, some are slow, and some reads come back from a previous
 * snapshot, so the subscription can briefly look as it did before the last order while the
 * invoices already show it. Seeded, so a failing run can be replayed call by call.
 */
import { delay, HttpResponse } from 'msw'
import { seededRandom } from '../../gateway/prng'
import { db } from '../db'
import { FAIL_SHARE, SLOW_MAX_MS, SLOW_MIN_MS, SLOW_SHARE, STALE_SHARE, STALE_WINDOW_MS } from '../zuora/cache-layer'
import { badGateway, healthyAnswer, internalError, isRead, jsonSchemaOf, type Answer, type Fault } from './faults'

// One incident, one set of numbers: the shares are the Zuora simulator's (it loads no MSW).
export { FAIL_SHARE, SLOW_MAX_MS, SLOW_MIN_MS, SLOW_SHARE, STALE_SHARE, STALE_WINDOW_MS } from '../zuora/cache-layer'

type Snapshot = { current: string; previous: string | null; changedAt: number }

type Clock = {
  now?: () => number
  /** How a slow call waits; tests pass one that only records. */
  sleep?: (ms: number) => Promise<unknown>
}

export function cacheLayerFault(seed: number, { now = Date.now, sleep = delay }: Clock = {}): Fault {
  const random = seededRandom(seed)
  /** Per account and URL: the last body seen and the one before it. */
  const snapshots = new Map<string, Snapshot>()

  async function possiblyStale(request: Request, serveStale: boolean): Promise<Answer | undefined> {
    const fresh = await healthyAnswer(request)
    if (!fresh?.ok) return fresh
    const text = await fresh.clone().text()
    const url = new URL(request.url)
    const key = `${db.currentSession()?.accountId ?? ''} ${url.pathname}${url.search}`
    const seen = snapshots.get(key)
    if (!seen) {
      snapshots.set(key, { current: text, previous: null, changedAt: 0 })
      return fresh
    }
    if (seen.current !== text) snapshots.set(key, { current: text, previous: seen.current, changedAt: now() })
    const snapshot = snapshots.get(key) ?? seen
    if (serveStale && snapshot.previous !== null && now() - snapshot.changedAt < STALE_WINDOW_MS) {
      return new HttpResponse(snapshot.previous, { status: 200, headers: { 'Content-Type': 'application/json' } })
    }
    return fresh
  }

  return async ({ request, route }) => {
    // Four draws for every call, whatever happens to it, so a call's fate depends only on its rank.
    const failRoll = random()
    const slowRoll = random()
    const slowFraction = random()
    const staleRoll = random()
    if (slowRoll < SLOW_SHARE) await sleep(SLOW_MIN_MS + Math.round(slowFraction * (SLOW_MAX_MS - SLOW_MIN_MS)))
    if (failRoll < FAIL_SHARE / 2) return internalError()
    if (failRoll < FAIL_SHARE) return badGateway()
    if (!isRead(route) || !jsonSchemaOf(route)) return undefined
    return possiblyStale(request, staleRoll < STALE_SHARE)
  }
}
