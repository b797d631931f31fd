/**
 * What this browser's own recent calls to one capability say when they do not open its breaker:
 * slow (attempts took longer than `slowCallMs`) or unreliable (many failed). The admin gets a
 * "slow or unreliable" notice while edits stay possible; this is Resilience4j's slow-call and
 * failure-rate window, except that here neither pauses anything (the breaker does that).
 *
 * An admin browsing should hear it within a page view or two (docs/decisions/014):
 * - a read still on its way past `slowAloneMs` says slow from that moment, not from when it ends
 *   (a hanging provider too, before its time-out);
 * - the latest read that took `slowAloneMs`, or that the gateway says took the provider
 *   `providerSlowMs` (Server-Timing, measured where this browser's delays are not), with nothing
 *   fast since, says slow until a fast answer comes: one page view is enough, and one slow hiccup
 *   clears with the next fast answer.
 *   Reads only: a purchase may take Zuora a few seconds on a good day, and its wait has its own
 *   message;
 * - the latest read whose first attempt failed (it needed a retry, or did not get through) says
 *   unreliable until a read gets through at its first attempt: an admin who waited for a retry
 *   hears why, and one hiccup clears with the next clean read;
 * - two slow answers in a row, or half of at least `minimumCalls`, say "slow" and hold it; a fifth
 *   of at least `minimumCalls` failed says "unreliable" and holds it, so the notice does not flicker.
 */
import { callHealth as defaults } from '@/config/resilience'

export type CallSignal = 'slow' | 'unreliable' | null

/**
 * `slowAlone`: a read that took `slowAloneMs`, slow enough to say so by itself; `firstRead`: a
 * read's first attempt (not a retry), which says whether a page view got through at once.
 */
type Sample = { at: number; failed: boolean; slow: boolean; slowAlone: boolean; firstRead: boolean }

/**
 * One attempt's outcome; a write's slow answer counts towards the rates and the pair, never alone.
 * `providerMs`: how long the provider itself took, as the gateway measured it (Server-Timing).
 */
export type CallOutcome = {
  failed: boolean
  durationMs: number
  write?: boolean
  retry?: boolean
  providerMs?: number | null
}

/** How an attempt ended, as its caller saw it; the window adds how long it took. */
export type AttemptOutcome = { failed: boolean; providerMs?: number | null }

export type CallWindowSettings = typeof defaults

/** One attempt on its way; `end` it once, with its outcome, or null when it says nothing (cancelled, a 4xx). */
export type AttemptInFlight = { end(outcome: AttemptOutcome | null, now: number): void }

type Judgement = { signal: Exclude<CallSignal, null>; holds: boolean } | null

export function createCallWindow(settings: CallWindowSettings = defaults) {
  let samples: Sample[] = []
  const inFlight = new Set<{ startedAt: number }>()
  let held: { signal: Exclude<CallSignal, null>; until: number } | null = null

  const recent = (now: number) => samples.filter((sample) => now - sample.at <= settings.windowMs)

  /** A read on its way past `slowAloneMs`: a slow answer already, as far as the admin can tell. */
  const overdue = (now: number) => [...inFlight].some((attempt) => now - attempt.startedAt >= settings.slowAloneMs)

  /**
   * What the window itself says now, without the hold. Only answers make a notice that holds: a
   * read on its way says slow for as long as it is, as the latest slow read does until a fast answer
   * (a busy machine can hold a healthy answer back; it must not hold a notice for 30 s).
   */
  function judge(now: number): Judgement {
    const window = recent(now)
    const slowAnswer = (sample: Sample) => sample.slow && !sample.failed
    const lastTwo = window.slice(-2)
    if (lastTwo.length === 2 && lastTwo.every(slowAnswer)) return { signal: 'slow', holds: true }
    if (window.length >= settings.minimumCalls) {
      const share = (pick: (sample: Sample) => boolean) => window.filter(pick).length / window.length
      if (share((sample) => sample.failed) >= settings.failureRate) return { signal: 'unreliable', holds: true }
      if (share((sample) => sample.slow) >= settings.slowRate) return { signal: 'slow', holds: true }
    }
    const lastFirstRead = window.findLast((sample) => sample.firstRead)
    if (lastFirstRead?.failed) return { signal: 'unreliable', holds: false }
    const last = window.at(-1)
    const lastSlowRead = last !== undefined && last.slowAlone && !last.failed
    return lastSlowRead || overdue(now) ? { signal: 'slow', holds: false } : null
  }

  /** The window's judgement now, with the hold: unreliable outranks slow; either holds for a while. */
  function signal(now: number): CallSignal {
    const judgement = judge(now)
    if (held !== null && now >= held.until) held = null
    if (judgement?.holds && (held === null || judgement.signal === 'unreliable' || held.signal === judgement.signal)) {
      held = { signal: judgement.signal, until: now + settings.holdMs }
    }
    if (held !== null && (held.signal === 'unreliable' || judgement === null)) return held.signal
    return judgement?.signal ?? held?.signal ?? null
  }

  function record(outcome: CallOutcome, now: number): void {
    const sample = {
      at: now,
      failed: outcome.failed,
      slow: outcome.durationMs >= settings.slowCallMs,
      // The gateway's measure of the provider is free of this browser's own delays: its own bar.
      slowAlone:
        !outcome.write &&
        (outcome.durationMs >= settings.slowAloneMs || (outcome.providerMs ?? 0) >= settings.providerSlowMs),
      firstRead: !outcome.write && !outcome.retry,
    }
    samples = [...recent(now), sample].slice(-settings.windowSize)
    signal(now)
  }

  return {
    /** One attempt that reached the provider (or failed on the way): neutral outcomes are not recorded. */
    record,
    /**
     * An attempt leaves; it is recorded, with its duration, when it ends. A read says slow from
     * `slowAloneMs` on until then; a write never says slow alone.
     */
    begin(now: number, { retry = false, write = false }: { retry?: boolean; write?: boolean } = {}): AttemptInFlight {
      const attempt = { startedAt: now }
      if (!write) inFlight.add(attempt)
      let ended = false
      return {
        end(outcome, at) {
          if (ended) return
          ended = true
          inFlight.delete(attempt)
          if (outcome !== null)
            record(
              {
                failed: outcome.failed,
                durationMs: at - attempt.startedAt,
                providerMs: outcome.providerMs,
                retry,
                write,
              },
              at,
            )
        },
      }
    },
    signal,
    reset(): void {
      samples = []
      inFlight.clear()
      held = null
    },
  }
}

export type CallWindow = ReturnType<typeof createCallWindow>
