/**
 * Where the gallery's frames load from, as the dev server says (frame-bundle.ts): its state when
 * the gallery opens, then each change as an HMR event. `generation` counts the bundles that
 * replaced one the frames had loaded from (an edit, rebuilt): the gallery loads its frames again,
 * through the queue, when it changes. A bundle's first build after `npm start` is no such change:
 * frames already shown from the dev server run the same code, and stay.
 *
 * Only on the dev server: a demo build has no such endpoint, its frames are the build itself
 * (null).
 */
import { useEffect, useReducer } from 'react'
import {
  FRAME_BUNDLE_EVENT,
  FRAME_BUNDLE_STATUS_PATH,
  readFrameBundleStatus,
  servedBundle,
  type FrameBundleStatus,
} from './frame-bundle'

type Seen = { status: FrameBundleStatus | null; generation: number }

export function nextSeen(seen: Seen, status: FrameBundleStatus): Seen {
  const before = servedBundle(seen.status)
  const now = servedBundle(status)
  const replaced = before !== null && now !== null && now !== before
  return { status, generation: replaced ? seen.generation + 1 : seen.generation }
}

export function useFrameBundle(): Seen {
  const [seen, see] = useReducer(nextSeen, { status: null, generation: 0 })
  useEffect(() => {
    const hot = import.meta.hot
    if (!import.meta.env.DEV || !hot) return
    let current = true
    // An event is newer than the answer to a request sent before it.
    let heard = false
    const onStatus = (data: unknown) => {
      const status = readFrameBundleStatus(data)
      if (current && status) see(status)
    }
    const onEvent = (data: unknown) => {
      heard = true
      onStatus(data)
    }
    hot.on(FRAME_BUNDLE_EVENT, onEvent)
    fetch(FRAME_BUNDLE_STATUS_PATH, { cache: 'no-store' })
      .then((response) => (response.ok ? response.json() : null))
      .then(
        (data: unknown) => heard || onStatus(data),
        () => {},
      )
    return () => {
      current = false
      hot.off(FRAME_BUNDLE_EVENT, onEvent)
    }
  }, [])
  return seen
}
