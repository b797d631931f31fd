/**
 * A small load generator for the gateway bench (loopback only, bounded in time and concurrency):
 * `concurrency` loops each sending one request after the other for `durationMs`, every answer read
 * to its end. What it gives: answers per second, latency percentiles, statuses, and failures
 * (a network error or a time-out counts as status 0).
 */
import { readStatus } from './gateway-client'
import { percentile } from './gateway-stats'

export type LoadResult = {
  requests: number
  perSecond: number
  p50Ms: number
  p99Ms: number
  /** Answers by status (0: no answer: a network error or the per-request time-out). */
  statuses: Record<number, number>
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//

export async function loadFor(options: {
  url: (index: number) => string
  headers?: (index: number) => Record<string, string>
  durationMs: number
  concurrency: number
  timeoutMs?: number
}): Promise<LoadResult> {
  if (options.concurrency > 256 || options.durationMs > 120_000)
    throw new RangeError('The bench stays bounded: at most 256 loops for at most 120 s')
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  const started = performance.now()
  const until = started + options.durationMs
  let sent = 0
  const loop = async () => {
    while (performance.now() < until) {
      const index = sent++
      const url = options.url(index)
      if (!LOOPBACK.test(url)) throw new Error(`Load goes to loopback only, not ${url}`)
      const begun = performance.now()
      const status = await readStatus(url, options.headers?.(index) ?? {}, options.timeoutMs ?? 10_000)
      latencies.push(performance.now() - begun)
      statuses[status] = (statuses[status] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, loop))
  const elapsedS = (performance.now() - started) / 1000
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsedS,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    statuses,
  }
}
