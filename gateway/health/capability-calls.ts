/**
 * Everything one capability's calls have shown: the window of finished calls, the current run of
 * failures, the calls still in flight, the last answer and the last Retry-After. `view` folds the
 * calls in flight in, so a hang counts before any time-out fires.
 */
import type { FailureKind, RecordedCall } from './calls'
import type { HealthConfig } from './config'
import type { CapabilityView } from './rules'
import { addCounts, createCallWindow, emptyCounts } from './window'

const keptKinds = 20

export type CapabilityCalls = {
  started(id: string, at: number): void
  finished(id: string): void
  record(call: RecordedCall): void
  view(now: number): CapabilityView
  /** Forget the past: calls started before `now` no longer count (the breaker saw Zuora back). */
  reset(now: number): void
  readonly lastStartedAt: number
  readonly lastFailureAt: number
  /** Until when any Retry-After (long or short) asks us not to call. */
  readonly retryAfterUntil: number
}

export function createCapabilityCalls(config: HealthConfig): CapabilityCalls {
  const window = createCallWindow(config)
  const inFlight = new Map<string, number>()
  let epoch = -Infinity
  let run = { length: 0, startedAt: null as number | null, kinds: [] as FailureKind[] }
  let lastFailureKinds: FailureKind[] = []
  let lastAnswerAt = -Infinity
  let lastStartedAt = -Infinity
  let lastFailureAt = -Infinity
  let retryAfterUntil = -Infinity
  let shedUntil = -Infinity
  let lastRetryAfterMs = 0

  const keep = (list: FailureKind[], kind: FailureKind, size: number) => [...list, kind].slice(-size)

  return {
    get lastStartedAt() {
      return lastStartedAt
    },
    get lastFailureAt() {
      return lastFailureAt
    },
    get retryAfterUntil() {
      return retryAfterUntil
    },
    started(id, at) {
      inFlight.set(id, at)
      lastStartedAt = Math.max(lastStartedAt, at)
    },
    finished(id) {
      inFlight.delete(id)
    },
    record(call) {
      if (call.id !== undefined) inFlight.delete(call.id)
      const { outcome } = call
      lastStartedAt = Math.max(lastStartedAt, call.startedAt)
      // Any answer, even a refused connection, proves the calls are not hanging; our own time-out does not.
      if (!(outcome.type === 'failure' && outcome.kind === 'timeout'))
        lastAnswerAt = Math.max(lastAnswerAt, call.endedAt)
      if (outcome.type === 'shed') {
        // Honoured whenever it was sent: it is Zuora's instruction, not a sample.
        retryAfterUntil = Math.max(retryAfterUntil, call.endedAt + outcome.retryAfterMs)
        lastRetryAfterMs = outcome.retryAfterMs
        if (outcome.retryAfterMs >= config.longRetryAfterMs)
          shedUntil = Math.max(shedUntil, call.endedAt + outcome.retryAfterMs)
      }
      // A call that went out before the breaker saw Zuora back describes the outage, not now.
      if (call.startedAt < epoch) return
      switch (outcome.type) {
        case 'ok':
          window.add(call.endedAt, { type: 'ok', slow: call.endedAt - call.startedAt > config.slowCallMs })
          run = { length: 0, startedAt: null, kinds: [] }
          return
        case 'failure':
          window.add(call.endedAt, { type: 'failure', kind: outcome.kind })
          run = {
            length: run.length + 1,
            startedAt: run.startedAt ?? call.startedAt,
            kinds: keep(run.kinds, outcome.kind, keptKinds),
          }
          lastFailureKinds = keep(lastFailureKinds, outcome.kind, 5)
          lastFailureAt = Math.max(lastFailureAt, call.endedAt)
          return
        case 'shed':
          // Shedding has its own rules; a 429 neither extends nor ends a run of failures.
          window.add(call.endedAt, { type: 'shed' })
          return
        case 'ignored':
          return
      }
    },
    view(now) {
      const counted = emptyCounts()
      let overdue = 0
      let youngestOverdue = -Infinity
      let oldestOverdue = Infinity
      let oldestUnanswered = Infinity
      let inFlightNow = 0
      for (const startedAt of inFlight.values()) {
        if (startedAt < epoch) continue
        inFlightNow += 1
        const age = now - startedAt
        if (startedAt > lastAnswerAt) oldestUnanswered = Math.min(oldestUnanswered, startedAt)
        if (age > config.overdueMs) {
          overdue += 1
          youngestOverdue = Math.max(youngestOverdue, startedAt)
          oldestOverdue = Math.min(oldestOverdue, startedAt)
          counted.calls += 1
          counted.failures.timeout += 1
        } else if (age > config.slowCallMs) {
          counted.calls += 1
          counted.slow += 1
        }
      }
      const runStartedAt = overdue === 0 ? run.startedAt : Math.min(run.startedAt ?? Infinity, oldestOverdue)
      return {
        now,
        window: addCounts(window.totals(now, config.windowMs), counted),
        recent: window.totals(now, config.recentMs),
        run: {
          length: run.length + overdue,
          startedAt: runStartedAt,
          kinds: [...run.kinds, ...Array<FailureKind>(overdue).fill('timeout')].slice(-keptKinds),
        },
        inFlight: inFlightNow,
        overdue,
        // Hung: an overdue call went out after the last answer, and nothing has answered since.
        stalledMs: youngestOverdue > lastAnswerAt ? now - oldestUnanswered : null,
        shedUntil: shedUntil > now ? shedUntil : null,
        lastRetryAfterMs,
        lastFailureKinds,
      }
    },
    reset(now) {
      epoch = now
      window.clear()
      run = { length: 0, startedAt: null, kinds: [] }
      shedUntil = -Infinity
      lastAnswerAt = Math.max(lastAnswerAt, now)
    },
  }
}
