/**
 * Seed data built once per gallery and copied into each frame (issue 20), rather than made again
 * through every frame's gateway: the first frame of an account (the usual one, the empty one...)
 * builds it and leaves a copy here, as JSON text, on the gallery page's window; the next frames of
 * that account start from the copy. The shelf is made by the gallery page, in its own realm, and
 * holds only strings, so no frame's objects outlive the frame. A frame opened in a tab of its own
 * has no gallery: it builds its own. A frame that finds another frame building its account's seed
 * waits for that copy rather than build it too (`seedOrTurnToBuild`).
 *
 * No imports: the gallery page loads this, and nothing of the app or the gateway comes with it.
 */
const SHELF = '__galleryAccountSeeds'

export type SeedShelf = Map<string, string>
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

/** The shelf's note that a frame is building `key` (its value: when it started, ms since the epoch). */
const buildingNote = (key: string) => `building: ${key}`

/** How long a frame waits for another's build at most: that frame may have been stopped or removed. */
export const SEED_BUILD_PATIENCE_MS = 3_000
/** How often a waiting frame looks at the shelf again. */
const LOOK_EVERY_MS = 20

/**
 * `key`'s copy, from the shelf; when another frame is building it, once that frame has put it there.
 * Otherwise (nobody builds it, or the builder has taken longer than SEED_BUILD_PATIENCE_MS since it
 * started) undefined, and the shelf now notes that this frame builds it: call `built` with the copy,
 * or with undefined if the build failed. Frames of one account coming into view together (the
 * change requests page's, at the end of the gallery) each built the same seed at once, on the
 * gallery's one main thread: 0.5-0.7 s each, side by side.
 */
export async function seedOrTurnToBuild(
  shelf: SeedShelf,
  key: string,
  clock: { now(): number; sleep(ms: number): Promise<void> } = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): Promise<string | undefined> {
  for (;;) {
    const copy = shelf.get(key)
    if (copy !== undefined) return copy
    const since = Number(shelf.get(buildingNote(key)))
    if (!(clock.now() - since < SEED_BUILD_PATIENCE_MS)) {
      shelf.set(buildingNote(key), String(clock.now()))
      return undefined
    }
    await clock.sleep(LOOK_EVERY_MS)
  }
}

/** After `seedOrTurnToBuild` gave this frame the build: its copy for the next frames, or none (it failed). */
export function seedBuilt(shelf: SeedShelf, key: string, copy: string | undefined): void {
  if (copy !== undefined) shelf.set(key, copy)
  shelf.delete(buildingNote(key))
}
