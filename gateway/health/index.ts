/**
 * The gateway's health detector and server-side breakers: what the status endpoint publishes, what
 * fails fast while Zuora is down, and which synthetic probes go out. Browser-safe (no `node:`).
 * Why: docs/decisions/025-health-computed-from-zuora-calls.md.
 */
export { createHealthMonitor } from './monitor'
export type { CapabilityHealth, HealthChange, HealthMonitor, HealthSnapshot } from './monitor'
export type { Admission, BreakerState, BreakerTransition } from './breaker'
export { capabilities, failureKinds } from './calls'
export type { CallOutcome, Evidence, FailureKind, HealthRule, RecordedCall, Verdict } from './calls'
export { defaultHealthConfig, resolveHealthConfig } from './config'
export type { HealthConfig } from './config'
export { createLocalProbeLease } from './lease'
export type { ProbeLease } from './lease'
export { simulateDetection, simulatedFaults } from './simulate'
export type { DetectionFigures, SimulatedFault, SimulationOptions, SimulatedTraffic } from './simulate'
