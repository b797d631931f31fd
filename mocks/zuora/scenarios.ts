/**
 * The 13 outage scenarios (mocks/scenarios/names.ts), acting at Zuora: each is a fault in front of
 * the simulated tenant, or a timeline of them. The OAuth token endpoint fails with the rest where
 * Zuora is down. `maintenance` leaves Zuora healthy (the flag is the gateway's), and
 * `own-api-down` is Zuora down like `provider-down` (the gateway takes its own endpoints down).
 * statusDelayMs is the gateway's option and does nothing here; orderCommitMs is read by orders.
 */
import { seededRandom } from '../../gateway/prng'
import type { ScenarioName } from '../scenarios/names'
import type { ResolvedScenarioOptions, ScenarioOptionName } from '../scenarios/options'
import { cacheLayerFault } from './cache-layer'
import {
  RETRY_AFTER_SECONDS,
  failing,
  flaky,
  hanging,
  malformedReads,
  passThrough,
  serviceUnavailable,
  slow,
  tooManyRequests,
  type Fault,
  type FaultTools,
  type SimOperation,
} from './faults'

export const FLAKY_SHARE = 0.4

/** The invoice and PDF operations (`partial-invoices`). */
export const invoiceOperations: readonly SimOperation[] = [
  'queryInvoices',
  'queryInvoiceByKey',
  'getInvoiceFiles',
  'getFile',
]

/** The payment method, Payment Pages and payment operations (`partial-payments`). */
export const paymentOperations: readonly SimOperation[] = [
  'getDefaultPaymentMethod',
  'createRsaSignature',
  'createPayment',
  'completePaymentPage',
]

type MakeFault = (options: ResolvedScenarioOptions, tools: FaultTools) => Fault

export type SimTimelineStep = {
  label: string
  failing: boolean
  durationMs?: (options: ResolvedScenarioOptions) => number
  fault: MakeFault
}

export type SimScenario = {
  description: string
  /** The options it reads. */
  options?: readonly ScenarioOptionName[]
  fault?: MakeFault
  timeline?: readonly SimTimelineStep[]
}

const down: MakeFault = () => failing(serviceUnavailable)

export const simScenarios: Record<ScenarioName, SimScenario> = {
  healthy: { description: 'Zuora answers normally.' },
  'provider-down': {
    description: "Every Zuora call, the OAuth token's too, answers the edge's HTML 503.",
    fault: down,
  },
  'provider-hang': {
    description: "Zuora never answers: only the caller's time-out (its abort) ends a call.",
    fault: () => hanging,
  },
  'provider-slow': {
    description: 'Zuora answers normally, after slowMs (3 s by default).',
    options: ['slowMs'],
    fault: ({ slowMs }, tools) => slow(slowMs, tools),
  },
  'provider-flaky': {
    description: `A seeded ${FLAKY_SHARE * 100}% of Zuora calls answer 503.`,
    options: ['seed'],
    fault: ({ seed }) => flaky(FLAKY_SHARE, seededRandom(seed)),
  },
  'cache-layer-failure': {
    description:
      'As in the incident: 30% of calls 500/502, 25% slow (1.5–4 s), reads sometimes from a stale snapshot. Seeded.',
    options: ['seed'],
    fault: ({ seed }, tools) => cacheLayerFault(seed, tools),
  },
  'partial-invoices': {
    description: 'Invoice object queries, invoice files and files answer 503; the rest works.',
    fault: () => failing(serviceUnavailable, invoiceOperations),
  },
  'partial-payments': {
    description: 'Payment methods, RSA signatures (Payment Pages), payments answer 503; the rest works.',
    fault: () => failing(serviceUnavailable, paymentOperations),
  },
  maintenance: { description: "Zuora is healthy: the operators' maintenance flag is the gateway's." },
  'rate-limited': {
    description: `Every Zuora call answers 429 with Retry-After: ${RETRY_AFTER_SECONDS} and its ratelimit-* headers.`,
    fault: () => failing(() => tooManyRequests(RETRY_AFTER_SECONDS)),
  },
  malformed: {
    description:
      'Zuora reads alternate between a body cut off half-way and one that breaks the schema (numbers as strings).',
    fault: () => malformedReads(),
  },
  'own-api-down': {
    description: 'Zuora is down as in provider-down; the gateway takes its own endpoints down.',
    fault: down,
  },
  'outage-then-recovery': {
    description: 'Zuora is down for outageMs (60 s by default), then healthy.',
    options: ['outageMs'],
    timeline: [
      { label: 'Zuora down', failing: true, durationMs: ({ outageMs }) => outageMs, fault: down },
      { label: 'Zuora recovered', failing: false, fault: () => passThrough },
    ],
  },
}
