/**
 * How long Zuora took over one answer, told to the browser in the standard `Server-Timing` header:
 * `Server-Timing: zuora;dur=2886;desc="slowest of 1 call"`. The browser's own clock cannot tell a
 * slow provider from a busy laptop below 3 s (record 014); the gateway measures Zuora's own time, so
 * its answer can say "Zuora took 2.9 s" where the browser would only see 3 s less its own delays.
 * That is the evidence a browser lacks while the health report lags: through the incident's cache
 * layer, a page view's one read that took Zuora 2–3 s said nothing (docs/performance.md).
 *
 * The transport's observer sees every call end with its track id, which is the request's id; a
 * tally exists only while its request is being answered, so probes and calls of other requests
 * never reach it and nothing is kept after the answer.
 */
import { providerTimingMetric } from '../../src/lib/api/provider-timing'
import type { CallEnd, ZuoraCallObserver } from '../zuora/transport'

export type ProviderTally = { calls: number; slowestMs: number }

export type ProviderTimings = {
  /** Hears every Zuora call's end (compose.ts adds it to the transport's observers). */
  observer: ZuoraCallObserver
  /** Starts counting the calls made for `requestId`. */
  begin(requestId: string): void
  /** Stops counting them, and says what they were (null when none was made). */
  end(requestId: string): ProviderTally | null
}

export function createProviderTimings(): ProviderTimings {
  const tallies = new Map<string, ProviderTally>()
  return {
    observer: {
      finished(call: CallEnd) {
        const tally = tallies.get(call.trackId)
        if (!tally || call.abandoned) return
        tally.calls += 1
        tally.slowestMs = Math.max(tally.slowestMs, call.endedAt - call.startedAt)
      },
    },
    begin(requestId) {
      // The same id offered twice at once (X-Request-Id is the client's to choose) shares one tally.
      if (!tallies.has(requestId)) tallies.set(requestId, { calls: 0, slowestMs: 0 })
    },
    end(requestId) {
      const tally = tallies.get(requestId)
      tallies.delete(requestId)
      return tally && tally.calls > 0 ? tally : null
    },
  }
}

/** The header's value for one answer's calls. */
export function serverTiming({ calls, slowestMs }: ProviderTally): string {
  const what = `slowest of ${calls} ${calls === 1 ? 'call' : 'calls'}`
  return `${providerTimingMetric};dur=${Math.round(slowestMs)};desc="${what}"`
}
