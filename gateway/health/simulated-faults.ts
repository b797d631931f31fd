/**
 * How Zuora answers each call under each fault, as the simulator's scenarios of the same names
 * make it answer (mocks/scenarios): one call's fate from a seeded random stream, nothing else.
 */
import type { CallOutcome } from './calls'

export type SimulatedFault =
  | 'healthy'
  | 'provider-down'
  | 'provider-hang'
  | 'rate-limited'
  | 'malformed'
  | 'provider-slow'
  | 'provider-flaky'
  | 'cache-layer-failure'

/** How a call ends: after `latencyMs`, or never (`latencyMs: Infinity`: the gateway's time-out ends it). */
export type CallFate = { latencyMs: number; outcome: CallOutcome }

type FaultModel = {
  /** What the report must say while the fault lasts. */
  expected: 'operational' | 'degraded' | 'down'
  description: string
  /** `nth`: how many calls to this capability the fault has answered before this one. */
  fate(random: () => number, healthyErrorRate: number, nth: number): CallFate
}

const healthyLatency = (random: () => number) => 80 + Math.round(random() * 320)
const unavailable: CallOutcome = { type: 'failure', kind: '5xx' }

function healthy(random: () => number, errorRate: number): CallFate {
  const failed = random() < errorRate
  return { latencyMs: healthyLatency(random), outcome: failed ? unavailable : { type: 'ok' } }
}

export const simulatedFaults: Record<SimulatedFault, FaultModel> = {
  healthy: {
    expected: 'operational',
    description: 'answers in 80–400 ms; a random 1 % (healthyErrorRate) answer 503',
    fate: healthy,
  },
  'provider-down': {
    expected: 'down',
    description: 'every call answers 503 after 50 ms',
    fate: () => ({ latencyMs: 50, outcome: unavailable }),
  },
  'provider-hang': {
    expected: 'down',
    description: 'every call hangs for ever; the gateway times it out after 10 s',
    fate: () => ({ latencyMs: Infinity, outcome: { type: 'failure', kind: 'timeout' } }),
  },
  'rate-limited': {
    expected: 'down',
    description: 'every call answers 429 with Retry-After: 30 after 50 ms',
    fate: () => ({ latencyMs: 50, outcome: { type: 'shed', retryAfterMs: 30_000 } }),
  },
  malformed: {
    expected: 'down',
    // Every other answer, as the simulator's `malformed` scenario alternates its answers (there
    // between two broken shapes; here half are fine, which is harder to see).
    description: 'every other answer is not JSON or breaks the schema',
    fate: (random, _errorRate, nth) => ({
      latencyMs: healthyLatency(random),
      outcome: nth % 2 === 0 ? { type: 'failure', kind: 'malformed' } : { type: 'ok' },
    }),
  },
  'provider-slow': {
    expected: 'degraded',
    description: 'every call answers normally after 3 s',
    fate: () => ({ latencyMs: 3_000, outcome: { type: 'ok' } }),
  },
  'provider-flaky': {
    expected: 'degraded',
    description: 'a seeded 40 % of calls answer 503',
    fate: (random) => ({ latencyMs: healthyLatency(random), outcome: random() < 0.4 ? unavailable : { type: 'ok' } }),
  },
  'cache-layer-failure': {
    expected: 'degraded',
    description: 'as in the incident: 30 % answer 500/502, 25 % are slow (1.5–4 s, then may fail too)',
    fate(random) {
      // Three draws a call, whatever happens to it, as the simulator's cache-layer fault draws them.
      const failRoll = random()
      const slowRoll = random()
      const slowFraction = random()
      const latencyMs = slowRoll < 0.25 ? 1_500 + Math.round(slowFraction * 2_500) : healthyLatency(random)
      return { latencyMs, outcome: failRoll < 0.3 ? unavailable : { type: 'ok' } }
    },
  },
}
