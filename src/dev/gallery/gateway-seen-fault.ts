/**
 * A gallery frame of an outage opens on a gateway that has already seen the outage, as an admin's
 * page opens on the production gateway while Zuora has been failing for a while: the report says
 * what the gateway computed, the breakers it opened fail fast, the timeline has its entries.
 *
 * The report is never written here by the scenario's name: only the detector knows what a fault
 * looks like from the calls it sees (a fault at invoices alone is `down` there and nowhere else; a
 * slow Zuora is `degraded`), and writing it by name would show designers a report that the gateway
 * might never reach. So the frame's gateway runs on a clock of its own that starts `FAULT_SEEN_MS`
 * in the past, and its runtime is stepped through those seconds with the fault in force: every
 * probe goes to the simulated Zuora and is judged, as on real time, and the clock catches up with
 * real time as it goes. The frame then shows its state at once instead of after the 4–6 s the
 * gateway takes to see it, and what it shows is what the gateway would have reached.
 *
 * Stepping through 8 s takes tens of milliseconds: the simulated Zuora answers a fault at once
 * (or never: a hang is seen as calls in flight past their time). A slow Zuora sleeps on real time
 * in the simulator, so its calls would look overdue here: no state has one (the simulator would
 * need this clock's sleep first).
 */
import type { Clock } from '../../../gateway/ports'
import { RUNTIME_TICK_MS } from '../../../gateway/runtime'
import type { InPageGateway } from '../../../mocks/in-page/in-page-gateway'

/**
 * How long the gateway has seen the fault when the frame opens: past the 4–6 s it takes to say
 * `down` (docs/performance.md, "Gateway: Zuora fault → report"), so every capability has settled.
 */
export const FAULT_SEEN_MS = 8_000

/** Real time less what has not been caught up yet; catches up as it is advanced, never runs ahead. */
export type CatchUpClock = Clock & {
  /** How far behind real time it still is (ms). */
  readonly behindMs: number
  advance(ms: number): void
}

export function createCatchUpClock(behindMs: number): CatchUpClock {
  let behind = Math.max(0, behindMs)
  return {
    now: () => Date.now() - behind,
    get behindMs() {
      return behind
    },
    advance(ms) {
      behind = Math.max(0, behind - ms)
    },
  }
}

/** A task later (not a timer: those wait at least a few milliseconds once nested). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(null)
  })

/** How much of the catch-up runs between two yields to the page's other tasks (see below). */
const STEPS_BETWEEN_TASKS = 5

/** Lets the promises settle that are ready to (a probe's chain of awaits), without yielding the page. */
async function settleMicrotasks(): Promise<void> {
  for (let hop = 0; hop < 64; hop++) await Promise.resolve()
}

/**
 * Steps the gateway's runtime (detector and probes) as its clock catches up with real time, one
 * runtime tick at a time, each step's calls to the simulated Zuora answering before the next where
 * they can without a task. The page's other tasks get a turn only every STEPS_BETWEEN_TASKS steps:
 * in the gallery every frame shares one main thread, and a yield per step let the other frames'
 * work in between 80 times (0.3–0.5 s instead of 40 ms). A call that needs a task to answer ends
 * at most that much later on this clock (0.5 s, well under the 2 s that makes a call slow).
 */
export async function catchUpWithFault(backend: InPageGateway, clock: CatchUpClock): Promise<void> {
  for (let step = 1; clock.behindMs > 0; step++) {
    clock.advance(RUNTIME_TICK_MS)
    backend.gateway().tick()
    await settleMicrotasks()
    if (step % STEPS_BETWEEN_TASKS === 0) await nextTask()
  }
  // The last step's calls answer, and the report's writes (each change of the report) land.
  await nextTask()
  await backend.gateway().deps.own.mutate(() => undefined)
}
