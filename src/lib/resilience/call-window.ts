/**
 * What this browser's own recent calls to one capability say when they do not open its breaker:
 * slow (many attempts took longer than `slowCallMs`) or unreliable (many failed). The admin gets a
 * "slow or unreliable" notice while edits stay possible; this is Resilience4j's slow-call and
 * failure-rate window, except that here neither pauses anything (the breaker does that).
 */
import { callHealth as defaults } from '@/config/resilience'

export type CallSignal = 'slow' | 'unreliable' | null

type Sample = { at: number; failed: boolean; slow: boolean }

export type CallWindowSettings = typeof defaults

export function createCallWindow(settings: CallWindowSettings = defaults) {
  let samples: Sample[] = []

  const recent = (now: number) => samples.filter((sample) => now - sample.at <= settings.windowMs)

  return {
    /** One attempt that reached the provider (or failed on the way): neutral outcomes are not recorded. */
    record(outcome: { failed: boolean; durationMs: number }, now: number): void {
      samples = [...recent(now), { at: now, failed: outcome.failed, slow: outcome.durationMs >= settings.slowCallMs }].slice(
        -settings.windowSize,
      )
    },
    signal(now: number): CallSignal {
      const window = recent(now)
      if (window.length < settings.minimumCalls) return null
      const share = (pick: (sample: Sample) => boolean) => window.filter(pick).length / window.length
      if (share((sample) => sample.failed) >= settings.failureRate) return 'unreliable'
      if (share((sample) => sample.slow) >= settings.slowRate) return 'slow'
      return null
    },
    reset(): void {
      samples = []
    },
  }
}

export type CallWindow = ReturnType<typeof createCallWindow>
