/**
 * Counts of finished calls in fixed-width time buckets, summed over any span up to the window.
 * A ring of buckets, each stamped with the bucket number it holds, so an idle capability costs
 * nothing and stale buckets are recognised rather than cleared on a timer.
 */
import type { FailureKind } from './calls'

export type CallCounts = {
  /** Calls that count: ok, failed or shed (ignored answers do not). */
  calls: number
  ok: number
  /** Ok calls slower than `slowCallMs`. */
  slow: number
  shed: number
  failures: Record<FailureKind, number>
}

export const emptyCounts = (): CallCounts => ({
  calls: 0,
  ok: 0,
  slow: 0,
  shed: 0,
  failures: { '5xx': 0, network: 0, timeout: 0, malformed: 0, retryable_error: 0 },
})

export const totalFailures = (counts: CallCounts): number =>
  Object.values(counts.failures).reduce((sum, count) => sum + count, 0)

export function addCounts(into: CallCounts, from: CallCounts): CallCounts {
  into.calls += from.calls
  into.ok += from.ok
  into.slow += from.slow
  into.shed += from.shed
  for (const kind of Object.keys(from.failures) as FailureKind[]) into.failures[kind] += from.failures[kind]
  return into
}

export type CallSample = { type: 'ok'; slow: boolean } | { type: 'failure'; kind: FailureKind } | { type: 'shed' }

export type CallWindow = {
  /** Adds one call to the bucket of `at` (when it ended). */
  add(at: number, sample: CallSample): void
  /** The sum of the buckets within the last `spanMs` up to `now` (the current bucket included). */
  totals(now: number, spanMs: number): CallCounts
  clear(): void
}

export function createCallWindow({ bucketMs, windowMs }: { bucketMs: number; windowMs: number }): CallWindow {
  const size = Math.ceil(windowMs / bucketMs)
  const buckets = Array.from({ length: size }, () => ({ number: -1, counts: emptyCounts() }))

  const bucketOf = (at: number) => {
    const number = Math.floor(at / bucketMs)
    const bucket = buckets[number % size]!
    if (bucket.number !== number) {
      bucket.number = number
      bucket.counts = emptyCounts()
    }
    return bucket
  }

  return {
    add(at, sample) {
      const newest = Math.max(...buckets.map((bucket) => bucket.number))
      // A call that ended before the window began says nothing the window can hold.
      if (Math.floor(at / bucketMs) <= newest - size) return
      const { counts } = bucketOf(at)
      counts.calls += 1
      if (sample.type === 'ok') {
        counts.ok += 1
        if (sample.slow) counts.slow += 1
      } else if (sample.type === 'shed') counts.shed += 1
      else counts.failures[sample.kind] += 1
    },
    totals(now, spanMs) {
      const last = Math.floor(now / bucketMs)
      const first = last - Math.min(size, Math.ceil(spanMs / bucketMs)) + 1
      const sum = emptyCounts()
      for (const bucket of buckets) if (bucket.number >= first && bucket.number <= last) addCounts(sum, bucket.counts)
      return sum
    },
    clear() {
      for (const bucket of buckets) {
        bucket.number = -1
        bucket.counts = emptyCounts()
      }
    },
  }
}
