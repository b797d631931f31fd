/**
 * What this browser's own recent calls to one capability say when they do not open its breaker:
 * slow (many attempts took longer than `slowCallMs`) or unreliable (many failed). The admin gets a
 * "slow or unreliable" notice while edits stay possible; this is Resilience4j's slow-call and
 * failure-rate window, except that here neither pauses anything (the breaker does that). Two slow
 * answers in a row are enough to say "slow": an admin browsing should hear it within two clicks.
 */
import { callHealth as defaults } from '@/config/resilience'

export type CallSignal = 'slow' | 'unreliable' | null

type Sample = { at: number; failed: boolean; slow: boolean }

export type CallWindowSettings = typeof defaults

export function createCallWindow(settings: CallWindowSettings = defaults) {
  let samples: Sample[] = []
  let held: { signal: Exclude<CallSignal, null>; until: number } | null = null

  const recent = (now: number) => samples.filter((sample) => now - sample.at <= settings.windowMs)

  /** What the window itself says now, without the hold. */
  function current(now: number): CallSignal {
    const window = recent(now)
    const lastTwo = window.slice(-2)
    if (lastTwo.length === 2 && lastTwo.every((sample) => sample.slow && !sample.failed)) return 'slow'
    if (window.length < settings.minimumCalls) return null
    const share = (pick: (sample: Sample) => boolean) => window.filter(pick).length / window.length
    if (share((sample) => sample.failed) >= settings.failureRate) return 'unreliable'
    if (share((sample) => sample.slow) >= settings.slowRate) return 'slow'
    return null
  }

  return {
    /** One attempt that reached the provider (or failed on the way): neutral outcomes are not recorded. */
    record(outcome: { failed: boolean; durationMs: number }, now: number): void {
      samples = [
        ...recent(now),
        { at: now, failed: outcome.failed, slow: outcome.durationMs >= settings.slowCallMs },
      ].slice(-settings.windowSize)
      const signal = current(now)
      // Unreliable outranks slow; either holds for a while, so that the notice does not flicker.
      if (
        signal !== null &&
        (held === null || signal === 'unreliable' || held.signal === signal || now >= held.until)
      ) {
        held = { signal, until: now + settings.holdMs }
      }
    },
    signal(now: number): CallSignal {
      if (held !== null && now < held.until) return held.signal
      held = null
      return current(now)
    },
    reset(): void {
      samples = []
      held = null
    },
  }
}

export type CallWindow = ReturnType<typeof createCallWindow>
