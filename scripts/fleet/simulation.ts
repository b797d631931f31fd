/**
 * A discrete-event simulation on a simulated clock. Nothing waits on real time: every delay is an
 * event in a binary heap ordered by simulated time (ties in scheduling order), and while a run
 * is in progress Date.now reads the simulated clock and Math.random is the seeded generator, so
 * cockatiel (it reads Date.now for its open time and backoff, Math.random for its jitter) runs
 * unchanged inside the app's resilience runtime, and every run with the same seed is the same.
 *
 * The runtime is promise-based: after an event that started or settled a promise, the
 * continuations it queued must run before the clock moves on, or cockatiel would stamp a later
 * time on what happened now. Such events call `touchAsync()`, and the loop drains the microtask
 * queue after them (setImmediate runs only once the queue is empty; it never stands in for a
 * delay). Draining after every event would cost a microsecond each for tens of millions of timer
 * ticks that settle nothing, hence the opt-in.
 */
import type { Random } from './random'

/** A scheduled event; `cancelled` ones are dropped when their time comes. */
export type SimEvent = { at: number; seq: number; run: () => void; cancelled: boolean }

/** What Date.now returns at simulated time 0: any fixed instant, so that runs are reproducible. */
const epochMs = Date.UTC(2025, 0, 6, 9, 0, 0)

export class Simulation {
  now = 0
  private readonly heap: SimEvent[] = []
  private seq = 0
  private asyncTouched = false

  /** Runs `run` at simulated time `at` (never in the past). */
  at(at: number, run: () => void): SimEvent {
    const event = { at: Math.max(at, this.now), seq: this.seq++, run, cancelled: false }
    this.push(event)
    return event
  }

  after(delayMs: number, run: () => void): SimEvent {
    return this.at(this.now + delayMs, run)
  }

  cancel(event: SimEvent | null | undefined): void {
    if (event) event.cancelled = true
  }

  /** The current event started or settled a promise: drain the microtasks before moving on. */
  touchAsync(): void {
    this.asyncTouched = true
  }

  /** Date.now() as the app sees it: whole milliseconds, like the real one. */
  dateNow(): number {
    return epochMs + Math.floor(this.now)
  }

  /** Processes every event up to `until` (ms), then leaves the clock there. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      const next = this.heap[0]
      if (!next || next.at > until) break
      this.pop()
      if (next.cancelled) continue
      this.now = next.at
      next.run()
      if (this.asyncTouched) {
        this.asyncTouched = false
        await drainMicrotasks()
      }
    }
    this.now = until
  }

  private push(event: SimEvent): void {
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

const before = (a: SimEvent, b: SimEvent) => a.at < b.at || (a.at === b.at && a.seq < b.seq)

const drainMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * The runtime's `timers` on the simulation's event queue. A timeout's callback may settle a
 * promise (the policy's wait between retries): it drains the microtasks. An interval's does not
 * (the poller's and the trial checks' ticks only call code that touches promises through this
 * simulation's own fetchStatus, locks and provider, which say so themselves).
 *
 * `idle`, when given, says that every interval tick would do nothing now (see AppTabClient: a
 * hidden tab with no recent call): its intervals then stop scheduling events until `wake()`,
 * and go on at their own phase, as if they had ticked all along. Ten thousand hidden tabs ticking
 * twice a second for an hour and a half are most of a run's events otherwise.
 */
export function simulatedTimers(simulation: Simulation, idle: () => boolean = () => false) {
  type Interval = {
    callback: () => void
    ms: number
    nextAt: number
    event: SimEvent | null
    parked: boolean
    cancelled: boolean
  }
  const intervals = new Set<Interval>()
  const schedule = (interval: Interval) => {
    interval.event = simulation.at(interval.nextAt, () => fire(interval))
  }
  const fire = (interval: Interval) => {
    if (interval.cancelled) return
    interval.nextAt += interval.ms
    if (idle()) {
      interval.parked = true
      interval.event = null
      return
    }
    schedule(interval)
    interval.callback()
  }
  return {
    setTimeout: (callback: () => void, ms: number): unknown =>
      simulation.after(ms, () => {
        simulation.touchAsync()
        callback()
      }),
    clearTimeout: (handle: unknown) => simulation.cancel(handle as SimEvent),
    setInterval(callback: () => void, ms: number): unknown {
      const interval: Interval = {
        callback,
        ms,
        nextAt: simulation.now + ms,
        event: null,
        parked: false,
        cancelled: false,
      }
      intervals.add(interval)
      schedule(interval)
      return interval
    },
    clearInterval(handle: unknown) {
      const interval = handle as Interval
      interval.cancelled = true
      intervals.delete(interval)
      simulation.cancel(interval.event)
    },
    /** Ticks may do something again: parked intervals go on at their next tick. */
    wake(): void {
      for (const interval of intervals) {
        if (!interval.parked) continue
        interval.parked = false
        const missed = Math.max(0, Math.ceil((simulation.now - interval.nextAt) / interval.ms))
        interval.nextAt += missed * interval.ms
        schedule(interval)
      }
    },
  }
}

export type SimulatedTimers = ReturnType<typeof simulatedTimers>

/**
 * Runs `body` with Date.now on the simulated clock and Math.random seeded, restoring both (and
 * the stack trace limit: the breaker throws an error for every refused call, and capturing
 * stacks for millions of them is most of the cost) whatever happens.
 */
export async function withSimulatedGlobals<T>(
  simulation: Simulation,
  random: Random,
  body: () => Promise<T>,
): Promise<T> {
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
