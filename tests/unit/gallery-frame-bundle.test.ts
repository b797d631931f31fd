/**
 * Where the gallery's frames load from on the dev server (src/dev/gallery/frame-bundle.ts): the
 * status the dev server reports, what the gallery says about it, and when it loads its frames
 * again (a bundle replaced after an edit; not the first build, whose code the frames already run).
 */
import { expect, test } from 'vitest'
import { frameBundleNotice, readFrameBundleStatus, type FrameBundleStatus } from '@/dev/gallery/frame-bundle'
import { nextSeen } from '@/dev/gallery/use-frame-bundle'

const at = (time: string) => Date.parse(`2026-12-07T${time}Z`)

test('the status is read only when it is one: anything else (a demo build answers with its page) is none', () => {
  expect(readFrameBundleStatus({ state: 'ready', builtAt: at('21:40:12'), buildMs: 21_400 })).toEqual({
    state: 'ready',
    builtAt: at('21:40:12'),
    buildMs: 21_400,
  })
  expect(readFrameBundleStatus({ state: 'failed', builtAt: null })).toEqual({ state: 'failed', builtAt: null })
  expect(readFrameBundleStatus({ state: 'ready', builtAt: 'soon' })).toBeNull()
  expect(readFrameBundleStatus('<!doctype html>')).toBeNull()
  expect(readFrameBundleStatus(null)).toBeNull()
})

test('the gallery says where its frames load from, and what a designer waits for', () => {
  expect(frameBundleNotice({ state: 'building', startedAt: at('21:39:50') })).toMatch(
    /^Frames load from the development server, a few seconds each, while their bundle is built/,
  )
  expect(frameBundleNotice({ state: 'ready', builtAt: Date.now(), buildMs: 21_400 })).toMatch(
    /^Frames load from the bundle the development server keeps built \(built at \d\d:\d\d:\d\d in 21\.4 s; /,
  )
  expect(frameBundleNotice({ state: 'rebuilding', builtAt: Date.now() })).toMatch(
    /^Building your edit: the frames reload once it is built/,
  )
  expect(frameBundleNotice({ state: 'failed', builtAt: Date.now() })).toMatch(
    /^Your last edit did not build \(the error is in the terminal of npm start\): frames load from the bundle built at/,
  )
  expect(frameBundleNotice({ state: 'failed', builtAt: null })).toMatch(/frames load from the development server\.$/)
  expect(frameBundleNotice({ state: 'off' })).toMatch(/^Frames load from the development server \(.*GALLERY_BUNDLE=off/)
})

test('the frames load again when a bundle they loaded from is replaced, not when the first one is ready', () => {
  const seen = (statuses: FrameBundleStatus[]) =>
    statuses.reduce(nextSeen, { status: null as FrameBundleStatus | null, generation: 0 }).generation
  const first = { state: 'ready', builtAt: at('21:40:12'), buildMs: 21_000 } as const
  const edited = { state: 'ready', builtAt: at('21:42:03'), buildMs: 3_000 } as const
  expect(seen([{ state: 'building', startedAt: at('21:39:50') }, first])).toBe(0)
  expect(seen([first, { state: 'rebuilding', builtAt: first.builtAt }, edited])).toBe(1)
  // An edit that did not build changes nothing in the frames; the one that fixes it does.
  expect(seen([first, { state: 'failed', builtAt: first.builtAt }])).toBe(0)
  expect(seen([first, { state: 'failed', builtAt: first.builtAt }, edited])).toBe(1)
  // The same state told twice (the answer to the request, then the event) is one bundle.
  expect(seen([first, first])).toBe(0)
})
