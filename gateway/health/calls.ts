/**
 * What the detector is told about each Zuora call the gateway makes, and what it says back. Only
 * types: the gateway's Zuora adapter classifies an answer once (see `FailureKind`), and every rule
 * downstream reads that classification, never an HTTP status.
 */
import type { Capability, ComponentHealth } from '../../src/lib/api/schemas'

export type { Capability, ComponentHealth }

export const capabilities: readonly Capability[] = ['subscription', 'invoices', 'payments', 'billingDetails']

/**
 * Why a call failed, narrowly: only what says something about Zuora's health is a failure.
 * - `5xx`: Zuora (or its edge) answered 500–599.
 * - `network`: the connection was reset or refused, or the name did not resolve.
 * - `timeout`: the gateway's own time-out ended the call (also what an overdue call in flight
 *   counts as while it is still waiting).
 * - `malformed`: the answer was not JSON or broke the schema the adapter reads it with.
 * - `retryable_error`: HTTP 200 with `success: false` in a retryable category (50, 60, 61, 70, 99).
 */
export type FailureKind = '5xx' | 'network' | 'timeout' | 'malformed' | 'retryable_error'

export const failureKinds: readonly FailureKind[] = ['5xx', 'network', 'timeout', 'malformed', 'retryable_error']

/**
 * - `ok`: Zuora answered what was asked (slow when it took longer than `slowCallMs`).
 * - `failure`: see `FailureKind`.
 * - `shed`: 429; `retryAfterMs` is its Retry-After (0 when absent).
 * - `ignored`: an answer that says nothing about Zuora's health and never counts: a 4xx business
 *   answer, 401/403 (our token or rights), an idempotency 409/422, a non-retryable `success: false`.
 *   It still proves Zuora is answering.
 */
export type CallOutcome =
  { type: 'ok' } | { type: 'failure'; kind: FailureKind } | { type: 'shed'; retryAfterMs: number } | { type: 'ignored' }

export type RecordedCall = {
  capability: Capability
  startedAt: number
  endedAt: number
  outcome: CallOutcome
  /** The id given to `started`, so that recording a call also ends its in-flight entry. */
  id?: string
  /** True for the call `admit` let through as the breaker's probe: its outcome frees the probe lease. */
  probe?: boolean
}

/** Which rule decided a verdict: operators and tests read it, the summary says it in words. */
export type HealthRule =
  | 'healthy'
  | 'too_few_calls'
  | 'shedding'
  | 'mostly_shed'
  | 'stalled'
  | 'consecutive_failures'
  | 'failure_rate_high'
  | 'broken_answers'
  | 'failure_rate'
  | 'slow_calls'
  /** A fleet: only one of several instances with calls sees trouble, so it is that instance's (record 030). */
  | 'lone_instance'

/** What was seen, for the status endpoint, the metrics and the alert that names the cause. */
export type Evidence = {
  rule: HealthRule
  /** One short English sentence with the numbers: "14 failures in a row over 3.3 s (5xx ×14)". */
  summary: string
  windowMs: number
  calls: number
  failures: number
  failureRate: number
  slow: number
  slowRate: number
  shed: number
  consecutiveFailures: number
  inFlight: number
  overdue: number
  /** The kinds of the last few failures, newest last. */
  lastFailureKinds: FailureKind[]
}

export type Verdict = { health: ComponentHealth; evidence: Evidence }

export const healthRank: Record<ComponentHealth, number> = { operational: 0, degraded: 1, down: 2 }
