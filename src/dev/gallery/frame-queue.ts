/**
 * Which gallery frames load, and when. Every frame is a whole copy of the app booting with its own
 * simulated backend; dozens booting at once (what `loading="lazy"` did: Chromium starts iframes
 * thousands of pixels before they are in view) share the machine's cores, and the frames the
 * designer is looking at waited 11–12 s behind frames far below them.
 *
 * So a frame starts only when it is in view, or near it (the next screen, so that a designer who
 * scrolls finds it there), or with "Load every frame now". The frames in view are what the designer
 * looks at: up to `inViewConcurrency` of them boot at once (a screen's worth; two at a time made
 * the second pair of a screen wait for the first), whatever boots out of view. While a frame in
 * view waits or boots, nothing else starts, and a frame that was scrolled out of view while booting
 * is stopped (it starts again, from the start, in its turn): frames of the gallery share one main
 * thread, and its time goes to the frames in view. Then frames near the view, then (eager) all the
 * others, start in page order, at most `concurrency` at a time. A frame counts as booting until it
 * says it is ready (its page shown) or `bootTimeoutMs` passes.
 *
 * A frame whose start failed (it says so: in Chromium a frame's service worker API can be unusable,
 * and its app then has no backend) waits for its turn again and is started anew, in a new iframe,
 * up to `maxStarts` times in all: without that it stayed an empty box for good.
 */
export type FrameQueue = {
  /**
   * Adds a frame; `start` is called when it may load, `stop` when it must stop loading (scrolled out
   * of view while booting, frames in view waiting); without `stop` it is never stopped. `start` is
   * called again after a stop or a failure. Returns the way to remove it.
   */
  add(id: string, start: () => void, stop?: () => void): () => void
  /** The frame came into view or left it. */
  setInView(id: string, inView: boolean): void
  /** The frame came near the view (within a screen of it) or left that. */
  setNear(id: string, near: boolean): void
  /** The frame's page is shown: its slot is free. */
  ready(id: string): void
  /**
   * The frame's start failed: its slot is free, and it waits for its turn to start again. False when
   * it has had its `maxStarts` and will not be started again.
   */
  failed(id: string): boolean
  /** From now on frames out of view are loaded too (in document order), after those in view. */
  setEager(eager: boolean): void
}

type Timers = {
  setTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout>
  clearTimeout(handle: ReturnType<typeof setTimeout>): void
}

type Entry = {
  order: number
  start: () => void
  stop: (() => void) | undefined
  inView: boolean
  near: boolean
  state: 'waiting' | 'booting' | 'done'
  timer: ReturnType<typeof setTimeout> | null
  starts: number
}

export function createFrameQueue(options: {
  /** Frames out of view booting at once. */
  concurrency: number
  /** Frames in view booting at once; `concurrency` unless said. */
  inViewConcurrency?: number
  bootTimeoutMs: number
  /** How many times a frame is started at most, its first start included, when its starts fail. */
  maxStarts?: number
  eager?: boolean
  timers?: Timers
}): FrameQueue {
  // Called as methods of this object: the browser's own must not be (an "Illegal invocation").
  const timers = options.timers ?? {
    setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
    clearTimeout: (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle),
  }
  const entries = new Map<string, Entry>()
  const maxStarts = options.maxStarts ?? 3
  const inViewConcurrency = options.inViewConcurrency ?? options.concurrency
  let eager = options.eager ?? false
  let added = 0

  const booting = () => [...entries.values()].filter((entry) => entry.state === 'booting')

  const finish = (entry: Entry) => {
    if (entry.state !== 'booting') return
    entry.state = 'done'
    if (entry.timer !== null) timers.clearTimeout(entry.timer)
    entry.timer = null
  }

  const begin = (entry: Entry) => {
    entry.state = 'booting'
    entry.starts++
    entry.timer = timers.setTimeout(() => {
      finish(entry)
      pump()
    }, options.bootTimeoutMs)
    entry.start()
  }

  // Back to waiting, its start not counted against its `maxStarts`: it did not fail.
  const halt = (entry: Entry) => {
    finish(entry)
    entry.state = 'waiting'
    entry.starts--
    entry.stop?.()
  }

  // Frames coming into view together (the first screen, a scroll) are taken in page order, not in
  // the order their observers called: the queue looks at them once they have all been told.
  let pumpQueued = false
  const schedulePump = () => {
    if (pumpQueued) return
    pumpQueued = true
    queueMicrotask(() => {
      pumpQueued = false
      pump()
    })
  }

  function pump(): void {
    const waiting = [...entries.values()].filter((entry) => entry.state === 'waiting').sort((a, b) => a.order - b.order)
    for (const entry of waiting.filter((each) => each.inView)) {
      if (booting().filter((each) => each.inView).length >= inViewConcurrency) break
      begin(entry)
    }
    // Nothing else while a frame in view still waits or boots: the frames in view have the machine
    // to themselves, and frames scrolled out of view while booting give it back.
    if (waiting.some((entry) => entry.inView && entry.state === 'waiting') || booting().some((entry) => entry.inView)) {
      for (const entry of booting()) if (!entry.inView && entry.stop) halt(entry)
      return
    }
    const later = eager ? waiting : waiting.filter((entry) => entry.near)
    for (const entry of [...later.filter((each) => each.near), ...later.filter((each) => !each.near)]) {
      if (entry.state !== 'waiting') continue
      if (booting().length >= options.concurrency) break
      begin(entry)
    }
  }

  return {
    add(id, start, stop) {
      entries.set(id, {
        order: added++,
        start,
        stop,
        inView: false,
        near: false,
        state: 'waiting',
        timer: null,
        starts: 0,
      })
      schedulePump()
      return () => {
        const entry = entries.get(id)
        if (entry) finish(entry)
        entries.delete(id)
        schedulePump()
      }
    },
    setInView(id, inView) {
      const entry = entries.get(id)
      if (!entry || entry.inView === inView) return
      entry.inView = inView
      schedulePump()
    },
    setNear(id, near) {
      const entry = entries.get(id)
      if (!entry || entry.near === near) return
      entry.near = near
      schedulePump()
    },
    ready(id) {
      const entry = entries.get(id)
      if (!entry) return
      finish(entry)
      schedulePump()
    },
    failed(id) {
      const entry = entries.get(id)
      if (!entry) return false
      // Also after its boot time-out: the frame went on loading, and its start failed later.
      finish(entry)
      const again = entry.starts < maxStarts
      if (again) entry.state = 'waiting'
      schedulePump()
      return again
    },
    setEager(next) {
      eager = next
      schedulePump()
    },
  }
}
