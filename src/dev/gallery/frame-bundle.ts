/**
 * The gallery's frames from a bundle the development server keeps built (issue 20). On the dev
 * server a frame is about 220 unbundled modules requested, compiled and run, on the gallery's one
 * main thread: a screen of frames took 9–10 s. So `npm start` also runs `vite build --watch --mode
 * demo` (scripts/vite/gallery-bundle-plugin.ts), and the dev server answers a gallery frame's
 * navigation with that bundle's page once it is built; until then, and whenever it cannot, with
 * its own as before. The gallery says which (`frameBundleNotice`) and loads its frames again when
 * an edit has been rebuilt.
 *
 * No imports, plain data: the dev server's plugin (in Node) and the gallery page both read it.
 */

/** Where the bundle's files are served on the dev server: its chunks' folder (`build.assetsDir`) is under it. */
export const FRAME_BUNDLE_PATH = '/__dev/gallery-bundle/'
/** The bundle's state as JSON (`FrameBundleStatus`). */
export const FRAME_BUNDLE_STATUS_PATH = `${FRAME_BUNDLE_PATH}status`
/** The dev server's HMR event with the bundle's new state. */
export const FRAME_BUNDLE_EVENT = 'gallery-bundle:status'

export type FrameBundleStatus =
  /** No bundle in this dev server (turned off with GALLERY_BUNDLE=off): frames from the dev server. */
  | { state: 'off' }
  /** The first build is under way: frames from the dev server meanwhile. */
  | { state: 'building'; startedAt: number }
  /** Frames from the bundle built at `builtAt` (ms since the epoch), which took `buildMs`. */
  | { state: 'ready'; builtAt: number; buildMs: number }
  /** An edit is being built: frames from the bundle of `builtAt` meanwhile. */
  | { state: 'rebuilding'; builtAt: number }
  /** The last build failed: frames from the bundle of `builtAt` if there is one, else from the dev server. */
  | { state: 'failed'; builtAt: number | null }

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** The status endpoint's answer, or null when it is not one (no such endpoint: a demo build). */
export function readFrameBundleStatus(value: unknown): FrameBundleStatus | null {
  if (typeof value !== 'object' || value === null) return null
  const status = value as Record<string, unknown>
  switch (status.state) {
    case 'off':
      return { state: 'off' }
    case 'building':
      return isTime(status.startedAt) ? { state: 'building', startedAt: status.startedAt } : null
    case 'ready':
      return isTime(status.builtAt) && isTime(status.buildMs)
        ? { state: 'ready', builtAt: status.builtAt, buildMs: status.buildMs }
        : null
    case 'rebuilding':
      return isTime(status.builtAt) ? { state: 'rebuilding', builtAt: status.builtAt } : null
    case 'failed':
      return status.builtAt === null || isTime(status.builtAt) ? { state: 'failed', builtAt: status.builtAt } : null
    default:
      return null
  }
}

/** The bundle frames load from now, by the time it was built; null when they load from the dev server. */
export function servedBundle(status: FrameBundleStatus | null): number | null {
  if (status === null || status.state === 'off' || status.state === 'building') return null
  return status.builtAt
}

const clockTime = (at: number) => new Date(at).toLocaleTimeString('en-GB')

/** One sentence for the gallery's header: where the frames load from, and why. */
export function frameBundleNotice(status: FrameBundleStatus): string {
  switch (status.state) {
    case 'off':
      return 'Frames load from the development server (its gallery bundle is off: GALLERY_BUNDLE=off), a few seconds each.'
    case 'building':
      return 'Frames load from the development server, a few seconds each, while their bundle is built (under a minute after npm start); frames load from the bundle once it is ready.'
    case 'ready':
      return `Frames load from the bundle the development server keeps built (built at ${clockTime(status.builtAt)} in ${(status.buildMs / 1000).toFixed(1)} s; after an edit it is built again and the frames reload).`
    case 'rebuilding':
      return `Building your edit: the frames reload once it is built (until then, frames load from the bundle built at ${clockTime(status.builtAt)}).`
    case 'failed':
      return status.builtAt === null
        ? 'The frames’ bundle did not build (the error is in the terminal of npm start): frames load from the development server.'
        : `Your last edit did not build (the error is in the terminal of npm start): frames load from the bundle built at ${clockTime(status.builtAt)}.`
  }
}
