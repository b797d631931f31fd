/**
 * The gallery's frame queue (src/dev/gallery/frame-queue.ts): frames in view first, at most
 * `concurrency` booting, frames out of view only when asked for every frame, and a frame that
 * never says it is ready gives its slot up after the boot time-out.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { createFrameQueue } from '@/dev/gallery/frame-queue'

beforeEach(() => vi.useFakeTimers())
/** The queue looks at what it was told once the current task's calls are all in. */
const flush = () => Promise.resolve()
afterEach(() => vi.useRealTimers())

function setUp(options: { eager?: boolean; frames?: number } = {}) {
  const started: string[] = []
  const queue = createFrameQueue({ concurrency: 2, bootTimeoutMs: 10_000, eager: options.eager ?? false })
  const ids = Array.from({ length: options.frames ?? 6 }, (_, index) => `frame-${index}`)
  for (const id of ids) queue.add(id, () => started.push(id))
  return { queue, started, ids }
}

test('nothing loads until it is in view; then the frames in view load two at a time, in page order', async () => {
  const { queue, started } = setUp()
  await flush()
  expect(started).toEqual([])
  for (const id of ['frame-2', 'frame-0', 'frame-1']) queue.setInView(id, true)
  await flush()
  expect(started).toEqual(['frame-0', 'frame-1'])
  queue.ready('frame-1')
  await flush()
  expect(started).toEqual(['frame-0', 'frame-1', 'frame-2'])
})

test('a frame scrolled into view starts although frames that left the view are still booting', async () => {
  const { queue, started } = setUp()
  queue.setInView('frame-0', true)
  queue.setInView('frame-1', true)
  await flush()
  // The designer scrolls on before either is ready.
  queue.setInView('frame-0', false)
  queue.setInView('frame-1', false)
  queue.setInView('frame-4', true)
  await flush()
  expect(started).toEqual(['frame-0', 'frame-1', 'frame-4'])
})

test('frames near the view load once those in view are, before the designer scrolls to them', async () => {
  const { queue, started } = setUp()
  queue.setInView('frame-0', true)
  queue.setInView('frame-1', true)
  queue.setInView('frame-2', true)
  for (const id of ['frame-3', 'frame-4']) queue.setNear(id, true)
  await flush()
  expect(started).toEqual(['frame-0', 'frame-1'])
  queue.ready('frame-0')
  await flush()
  // frame-2, in view, is still waiting: it goes first.
  expect(started).toEqual(['frame-0', 'frame-1', 'frame-2'])
  queue.ready('frame-1')
  await flush()
  // A slot is free, but frame-2 is in view and still booting: it has the machine to itself.
  expect(started).toEqual(['frame-0', 'frame-1', 'frame-2'])
  queue.ready('frame-2')
  await flush()
  expect(started).toEqual(['frame-0', 'frame-1', 'frame-2', 'frame-3', 'frame-4'])
  // frame-5 is neither: it waits until it is scrolled to.
  await flush()
  expect(started).not.toContain('frame-5')
})

test('every frame now: those in view first, then the rest in page order, two at a time', async () => {
  const { queue, started } = setUp({ eager: true, frames: 6 })
  queue.setInView('frame-4', true)
  queue.setInView('frame-5', true)
  await flush()
  expect(started).toEqual(['frame-4', 'frame-5'])
  queue.ready('frame-4')
  queue.ready('frame-5')
  await flush()
  expect(started).toEqual(['frame-4', 'frame-5', 'frame-0', 'frame-1'])
  // One scrolled into view goes before the rest, and has the machine to itself while it boots.
  queue.setInView('frame-3', true)
  queue.ready('frame-0')
  await flush()
  expect(started).toEqual(['frame-4', 'frame-5', 'frame-0', 'frame-1', 'frame-3'])
  queue.ready('frame-1')
  await flush()
  expect(started).toEqual(['frame-4', 'frame-5', 'frame-0', 'frame-1', 'frame-3'])
  queue.ready('frame-3')
  await flush()
  expect(started).toEqual(['frame-4', 'frame-5', 'frame-0', 'frame-1', 'frame-3', 'frame-2'])
})

test('a frame that never says it is ready frees its slot after the boot time-out', async () => {
  const { queue, started } = setUp()
  for (const id of ['frame-0', 'frame-1', 'frame-2']) queue.setInView(id, true)
  await flush()
  expect(started).toHaveLength(2)
  vi.advanceTimersByTime(9_999)
  await flush()
  expect(started).toHaveLength(2)
  vi.advanceTimersByTime(1)
  await flush()
  expect(started).toEqual(['frame-0', 'frame-1', 'frame-2'])
})

test('a frame removed (filtered out) frees its slot, and one removed while waiting never starts', async () => {
  const queue = createFrameQueue({ concurrency: 1, bootTimeoutMs: 10_000 })
  const started: string[] = []
  const removeA = queue.add('a', () => started.push('a'))
  const removeB = queue.add('b', () => started.push('b'))
  queue.add('c', () => started.push('c'))
  for (const id of ['a', 'b', 'c']) queue.setInView(id, true)
  await flush()
  expect(started).toEqual(['a'])
  removeB()
  removeA()
  await flush()
  expect(started).toEqual(['a', 'c'])
})

test('a frame whose start failed frees its slot and is started again in its turn, up to its last start', async () => {
  const queue = createFrameQueue({ concurrency: 1, bootTimeoutMs: 10_000, maxStarts: 2 })
  const started: string[] = []
  for (const id of ['a', 'b']) queue.add(id, () => started.push(id))
  for (const id of ['a', 'b']) queue.setInView(id, true)
  await flush()
  expect(started).toEqual(['a'])
  // Its app had no backend (its service worker API unusable): without a new start it stayed empty.
  expect(queue.failed('a')).toBe(true)
  await flush()
  // Its slot is free at once, not after the boot time-out, and it waits in page order.
  expect(started).toEqual(['a', 'a'])
  expect(queue.failed('a')).toBe(false)
  await flush()
  expect(started).toEqual(['a', 'a', 'b'])
})

test('a frame that failed after its boot time-out is started again too', async () => {
  const queue = createFrameQueue({ concurrency: 1, bootTimeoutMs: 10_000 })
  const started: string[] = []
  queue.add('a', () => started.push('a'))
  queue.setInView('a', true)
  await flush()
  vi.advanceTimersByTime(10_000)
  expect(queue.failed('a')).toBe(true)
  await flush()
  expect(started).toEqual(['a', 'a'])
})

/** A queue whose frames can be stopped, as the gallery's are: what is loading now, and what was stopped. */
function setUpStoppable(options: { eager?: boolean; inViewConcurrency?: number } = {}) {
  const queue = createFrameQueue({
    concurrency: 2,
    inViewConcurrency: options.inViewConcurrency ?? 4,
    bootTimeoutMs: 10_000,
    eager: options.eager ?? false,
  })
  const loading = new Set<string>()
  const started: string[] = []
  const stopped: string[] = []
  for (let index = 0; index < 12; index++) {
    const id = `frame-${index}`
    queue.add(
      id,
      () => {
        started.push(id)
        loading.add(id)
      },
      () => {
        stopped.push(id)
        loading.delete(id)
      },
    )
  }
  const ready = (id: string) => {
    loading.delete(id)
    queue.ready(id)
  }
  return { queue, loading, started, stopped, ready }
}

test('the frames in view all start at once, up to a screen of them; frames out of view two at a time', async () => {
  const { queue, started, ready } = setUpStoppable({ inViewConcurrency: 4 })
  for (const id of ['frame-0', 'frame-1', 'frame-2', 'frame-3', 'frame-4']) queue.setInView(id, true)
  for (const id of ['frame-5', 'frame-6', 'frame-7']) queue.setNear(id, true)
  await flush()
  // Not two and then two: the second pair of a screen no longer waits for the first.
  expect(started).toEqual(['frame-0', 'frame-1', 'frame-2', 'frame-3'])
  for (const id of ['frame-0', 'frame-1', 'frame-2', 'frame-3']) ready(id)
  await flush()
  expect(started.slice(4)).toEqual(['frame-4'])
  ready('frame-4')
  await flush()
  expect(started.slice(5)).toEqual(['frame-5', 'frame-6'])
})

test('a jump far down: frames that left the view while booting stop, and start again when their turn comes', async () => {
  const { queue, loading, started, stopped, ready } = setUpStoppable()
  queue.setInView('frame-0', true)
  queue.setInView('frame-1', true)
  await flush()
  ready('frame-0')
  ready('frame-1')
  for (const id of ['frame-2', 'frame-3']) queue.setNear(id, true)
  await flush()
  expect([...loading]).toEqual(['frame-2', 'frame-3'])
  // The designer jumps to the end before they are shown: the frames there have the machine.
  for (const id of ['frame-0', 'frame-1', 'frame-2', 'frame-3']) {
    queue.setInView(id, false)
    queue.setNear(id, false)
  }
  for (const id of ['frame-9', 'frame-10', 'frame-11']) queue.setInView(id, true)
  await flush()
  expect(stopped).toEqual(['frame-2', 'frame-3'])
  expect([...loading]).toEqual(['frame-9', 'frame-10', 'frame-11'])
  // Back up: they load again from the start, in page order.
  for (const id of ['frame-9', 'frame-10', 'frame-11']) queue.setInView(id, false)
  queue.setInView('frame-2', true)
  queue.setInView('frame-3', true)
  await flush()
  expect(started.slice(-2)).toEqual(['frame-2', 'frame-3'])
})

test('"Load every frame now" never holds a frame in view back: frames booting out of view stop for it', async () => {
  const { queue, loading, stopped, ready } = setUpStoppable({ eager: true })
  queue.setInView('frame-0', true)
  await flush()
  ready('frame-0')
  await flush()
  expect([...loading]).toEqual(['frame-1', 'frame-2'])
  queue.setInView('frame-0', false)
  queue.setInView('frame-8', true)
  await flush()
  expect(stopped).toEqual(['frame-1', 'frame-2'])
  expect([...loading]).toEqual(['frame-8'])
  ready('frame-8')
  await flush()
  // The rest go on, in page order, the stopped ones first again.
  expect([...loading]).toEqual(['frame-1', 'frame-2'])
})

test('a frame stopped that many times still has all its starts for failures', async () => {
  const queue = createFrameQueue({ concurrency: 1, bootTimeoutMs: 10_000, maxStarts: 2 })
  const started: string[] = []
  for (const id of ['a', 'b', 'c', 'd'])
    queue.add(
      id,
      () => started.push(id),
      () => undefined,
    )
  queue.setInView('a', true)
  await flush()
  // The designer glances at another frame and back, three times, while `a` boots.
  for (const other of ['b', 'c', 'd']) {
    queue.setInView('a', false)
    queue.setInView(other, true)
    await flush()
    queue.ready(other)
    queue.setInView(other, false)
    queue.setInView('a', true)
    await flush()
  }
  expect(started).toEqual(['a', 'b', 'a', 'c', 'a', 'd', 'a'])
  // Four starts, but the stops were no failures: this failure is its first, and it gets its second start.
  expect(queue.failed('a')).toBe(true)
  await flush()
  expect(started.at(-1)).toBe('a')
  expect(queue.failed('a')).toBe(false)
})
