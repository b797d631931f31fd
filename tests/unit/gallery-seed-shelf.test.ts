/**
 * The gallery's seed shelf (src/dev/gallery/seed-shelf.ts): frames of one account that start
 * together wait for the copy of the one frame building its seed, rather than each build it on the
 * gallery's one main thread; and a builder that never delivers holds nobody back for good.
 */
import { expect, test } from 'vitest'
import { SEED_BUILD_PATIENCE_MS, seedBuilt, seedOrTurnToBuild } from '@/dev/gallery/seed-shelf'

/** A clock whose sleeps run `whileAsleep` (what other frames do meanwhile) and move time on. */
function fakeClock(whileAsleep: (now: number) => void = () => undefined) {
  let now = 1_000_000
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms
      whileAsleep(now)
    },
  }
}

test('the first frame builds; a frame starting meanwhile waits for its copy instead of building it too', async () => {
  const shelf = new Map<string, string>()
  const clock = fakeClock((now) => {
    // The builder delivers 600 ms into its build.
    if (now >= 1_000_600 && !shelf.has('usual+requests')) seedBuilt(shelf, 'usual+requests', '{"seed":1}')
  })
  expect(await seedOrTurnToBuild(shelf, 'usual+requests', clock)).toBeUndefined()
  expect(await seedOrTurnToBuild(shelf, 'usual+requests', clock)).toBe('{"seed":1}')
  expect(clock.now()).toBeGreaterThanOrEqual(1_000_600)
  // Only the copy is left on the shelf, and the next frames take it at once.
  expect([...shelf.keys()]).toEqual(['usual+requests'])
  expect(await seedOrTurnToBuild(shelf, 'usual+requests', fakeClock())).toBe('{"seed":1}')
})

test('another account’s build holds nobody back', async () => {
  const shelf = new Map<string, string>()
  const clock = fakeClock()
  expect(await seedOrTurnToBuild(shelf, 'usual', clock)).toBeUndefined()
  expect(await seedOrTurnToBuild(shelf, 'empty', clock)).toBeUndefined()
  expect(clock.now()).toBe(1_000_000)
})

test('a build that failed, or a builder that was stopped, leaves the next frame to build it', async () => {
  const shelf = new Map<string, string>()
  const clock = fakeClock()
  expect(await seedOrTurnToBuild(shelf, 'usual', clock)).toBeUndefined()
  seedBuilt(shelf, 'usual', undefined)
  expect(await seedOrTurnToBuild(shelf, 'usual', clock)).toBeUndefined()
  expect(clock.now()).toBe(1_000_000)
  // This builder never delivers (its frame was removed): the next waits its patience, then builds.
  expect(await seedOrTurnToBuild(shelf, 'usual', clock)).toBeUndefined()
  expect(clock.now()).toBeGreaterThanOrEqual(1_000_000 + SEED_BUILD_PATIENCE_MS)
})
