/**
 * The incident's fault, at Zuora (as mocks/scenarios/cache-layer.ts has it at the contract): its
 * cache layer failed, so some calls fail (half the application's JSON 500, half the edge's HTML
 * 502), some are slow (1.5–4 s), and some reads come back from the snapshot before the last
 * change, so the subscription can briefly look as it did before the last order. Four draws per
 * call whatever happens to it, so a call's fate depends only on its rank and the seed.
 */
import { seededRandom } from '../../gateway/prng'
import { badGateway, internalError, type Fault, type FaultTools } from './faults'

/** Share of calls that fail (half 500, half 502); mocks/scenarios/cache-layer.ts uses the same numbers. */
export const FAIL_SHARE = 0.3
export const SLOW_SHARE = 0.25
export const SLOW_MIN_MS = 1_500
export const SLOW_MAX_MS = 4_000
export const STALE_SHARE = 0.5
export const STALE_WINDOW_MS = 15_000

type Snapshot = { current: string; previous: string | null; changedAt: number }

export function cacheLayerFault(seed: number, { now, sleep }: FaultTools): Fault {
  const random = seededRandom(seed)
  /** Per URL: the last body seen and the one before it. */
  const snapshots = new Map<string, Snapshot>()

  async function possiblyStale(key: string, fresh: Response, serveStale: boolean): Promise<Response> {
    if (!fresh.ok) return fresh
    const text = await fresh.clone().text()
    const seen = snapshots.get(key)
    if (!seen) {
      snapshots.set(key, { current: text, previous: null, changedAt: 0 })
      return fresh
    }
    if (seen.current !== text) snapshots.set(key, { current: text, previous: seen.current, changedAt: now() })
    const snapshot = snapshots.get(key) ?? seen
    if (serveStale && snapshot.previous !== null && now() - snapshot.changedAt < STALE_WINDOW_MS)
      return new Response(snapshot.previous, { status: 200, headers: fresh.headers })
    return fresh
  }

  return async (call, next) => {
    const failRoll = random()
    const slowRoll = random()
    const slowFraction = random()
    const staleRoll = random()
    if (slowRoll < SLOW_SHARE) await sleep(SLOW_MIN_MS + Math.round(slowFraction * (SLOW_MAX_MS - SLOW_MIN_MS)))
    if (failRoll < FAIL_SHARE / 2) return internalError()
    if (failRoll < FAIL_SHARE) return badGateway()
    const answer = await next()
    if (!call.jsonRead) return answer
    const url = new URL(call.request.url)
    return possiblyStale(`${url.pathname}${url.search}`, answer, staleRoll < STALE_SHARE)
  }
}
