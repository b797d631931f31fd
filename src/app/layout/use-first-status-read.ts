import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import { useResilience } from '@/lib/resilience/runtime-context'

/**
 * How long a page waits for the first health report before it shows without it. The status
 * endpoint is the vendor's own and quick (tens of milliseconds); when it hangs, the page must not.
 */
export const firstStatusWaitMs = 800

/**
 * True once this browser has read the health report once (answered or failed), or after
 * `firstStatusWaitMs`. The signed-in frame shows its page only then, so that an outage banner
 * arrives in the same frame as the page instead of pushing it down a moment later (layout shift).
 */
export function useFirstStatusRead(): boolean {
  const runtime = useResilience()
  const subscribe = useCallback(
    (onChange: () => void) =>
      runtime.subscribe((event) => {
        if (event.type === 'status') onChange()
      }),
    [runtime],
  )
  const read = useSyncExternalStore(subscribe, () => runtime.latestStatus() !== null)
  const [waitedEnough, setWaitedEnough] = useState(false)
  useEffect(() => {
    if (read) return
    const timer = setTimeout(() => setWaitedEnough(true), firstStatusWaitMs)
    return () => clearTimeout(timer)
  }, [read])
  return read || waitedEnough
}
