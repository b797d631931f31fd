import { useEffect, useState } from 'react'
import { statusPolling } from '@/config/resilience'
import { useResilience } from '@/lib/resilience/runtime-context'

/**
 * How long a page waits for the health report before it shows without it. The status endpoint is
 * the vendor's own and quick (tens of milliseconds); when it hangs, the page must not.
 */
export const firstStatusWaitMs = 800

/**
 * True once this page load knows what the health report says now, or after `firstStatusWaitMs`,
 * or at once when the browser is offline.
 * The signed-in frame shows its page only then, so that an outage banner arrives in the same frame
 * as the page instead of pushing it down a moment later (layout shift).
 *
 * "Now" is a report read within the poller's minimum interval (by this tab or another one). An
 * older report saved by an earlier visit is not enough: the poller asks again at once on a page
 * load in that case (status-poller.ts), and the outage may have begun since.
 */
export function useFirstStatusRead(): boolean {
  const runtime = useResilience()
  const [mountedAt] = useState(() => Date.now())
  // Offline, no report is asked for (status-poller.ts): there is nothing to wait for.
  const [readyOnMount] = useState(() => isFresh(runtime.latestStatus()?.fetchedAt, mountedAt) || !runtime.online())
  const [heard, setHeard] = useState(false)
  useEffect(() => {
    if (readyOnMount || heard) return
    // Answered between the first render and this effect: no event will come for it.
    const answeredMeanwhile = (runtime.latestStatus()?.fetchedAt ?? 0) >= mountedAt
    const timer = setTimeout(() => setHeard(true), answeredMeanwhile ? 0 : firstStatusWaitMs)
    const unsubscribe = runtime.subscribe((event) => {
      if (event.type === 'status' && isFresh(event.fetchedAt, Date.now())) setHeard(true)
    })
    return () => {
      clearTimeout(timer)
      unsubscribe()
    }
  }, [readyOnMount, heard, mountedAt, runtime])
  return readyOnMount || heard
}

const isFresh = (fetchedAt: number | undefined, now: number) =>
  fetchedAt !== undefined && now - fetchedAt < statusPolling.minIntervalMs
