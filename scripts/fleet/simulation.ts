/**
 * A discrete-event simulation on a simulated clock. Nothing waits on real time: every delay is an
 * event in a binary heap ordered by simulated time (ties in scheduling order), and while a run
 * is in progress Date.now reads the simulated clock and Math.random is the seeded generator, so
 * the app's real breaker (cockatiel reads Date.now for its open time and backoff, Math.random for
 * its jitter) runs unchanged and every run with the same seed is the same.
 *
 * The breaker is promise-based: after an event that touched it, the promise continuations it
 * queued must run before the clock moves on, or cockatiel would stamp a later time on what
 * happened now. Such events call `touchAsync()`, and the loop drains the microtask queue after
 * them (setImmediate runs only once the queue is empty; it never stands in for a delay).
 */
import type { Random } from './random'

type Event = { at: number; seq: number; run: () => void }

/** What Date.now returns at simulated time 0: any fixed instant, so that runs are reproducible. */
const epochMs = Date.UTC(2025, 0, 6, 9, 0, 0)

export class Simulation {
  now = 0
  private readonly heap: Event[] = []
  private seq = 0
  private asyncTouched = false

  /** Runs `run` at simulated time `at` (never in the past). */
  at(at: number, run: () => void): void {
    this.push({ at: Math.max(at, this.now), seq: this.seq++, run })
  }

  after(delayMs: number, run: () => void): void {
    this.at(this.now + delayMs, run)
  }

  /** The current event started or settled a promise: drain the microtasks before moving on. */
  touchAsync(): void {
    this.asyncTouched = true
  }

  /** Date.now() as the app sees it: whole milliseconds, like the real one. */
  dateNow(): number {
    return epochMs + Math.floor(this.now)
  }

  /** Simulated time of a Date.now() value. */
  fromDateNow(value: number): number {
    return value - epochMs
  }

  /** Processes every event up to `until` (ms), then leaves the clock there. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      const next = this.heap[0]
      if (!next || next.at > until) break
      this.pop()
      this.now = next.at
      next.run()
      if (this.asyncTouched) {
        this.asyncTouched = false
        await drainMicrotasks()
      }
    }
    this.now = until
  }

  private push(event: Event): void {
    const heap = this.heap
    heap.push(event)
    let index = heap.length - 1
    while (index > 0) {
      const parentIndex = (index - 1) >> 1
      const parent = heap[parentIndex]!
      if (!before(event, parent)) break
      heap[index] = parent
      index = parentIndex
    }
    heap[index] = event
  }

  private pop(): void {
    const heap = this.heap
    const last = heap.pop()
    if (!last || heap.length === 0) return
    let index = 0
    for (;;) {
      const left = 2 * index + 1
      if (left >= heap.length) break
      const right = left + 1
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left
      if (!before(heap[child]!, last)) break
      heap[index] = heap[child]!
      index = child
    }
    heap[index] = last
  }
}

const before = (a: Event, b: Event) => a.at < b.at || (a.at === b.at && a.seq < b.seq)

const drainMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Runs `body` with Date.now on the simulated clock and Math.random seeded, restoring both (and
 * the stack trace limit: the breaker throws an error for every refused call, and capturing
 * stacks for millions of them is most of the cost) whatever happens.
 */
export async function withSimulatedGlobals<T>(simulation: Simulation, random: Random, body: () => Promise<T>): Promise<T> {
  const realNow = Date.now
  const realRandom = Math.random
  const realStackTraceLimit = Error.stackTraceLimit
  Date.now = () => simulation.dateNow()
  Math.random = random
  Error.stackTraceLimit = 0
  try {
    return await body()
  } finally {
    Date.now = realNow
    Math.random = realRandom
    Error.stackTraceLimit = realStackTraceLimit
  }
}
