/**
 * Seed data built once per gallery and copied into each frame (issue 20), rather than made again
 * through every frame's gateway: the first frame of an account (the usual one, the empty one...)
 * builds it and leaves a copy here, as JSON text, on the gallery page's window; the next frames of
 * that account start from the copy. The shelf is made by the gallery page, in its own realm, and
 * holds only strings, so no frame's objects outlive the frame. A frame opened in a tab of its own
 * has no gallery: it builds its own.
 *
 * No imports: the gallery page loads this, and nothing of the app or the gateway comes with it.
 */
const SHELF = '__galleryAccountSeeds'

type SeedShelf = Map<string, string>
type WithShelf = Window & { [SHELF]?: SeedShelf }

/** The gallery page: makes the shelf its frames copy seeds from. */
export function provideSeedShelf(gallery: Window): void {
  ;(gallery as WithShelf)[SHELF] ??= new Map()
}

/** A frame: its gallery's shelf, or null when it has none (a tab of its own, another page). */
export function gallerySeedShelf(): SeedShelf | null {
  if (window.parent === window) return null
  try {
    return (window.parent as WithShelf)[SHELF] ?? null
  } catch {
    return null // a parent of another origin
  }
}
