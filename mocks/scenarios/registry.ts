/**
 * Every outage scenario, by the name QA, designers, unit tests and browser tests all use. A
 * scenario is a set of MSW handlers put in front of the healthy ones (a handler that returns
 * nothing lets the healthy one answer), a change to the simulated backend's data (the operators'
 * maintenance flag), what the vendor's status report says of the provider, or a timeline of such
 * steps. Which endpoints fail comes from contract.ts.
 */
import { delay, HttpResponse, type RequestHandler } from 'msw'
import { seededRandom } from '../../gateway/prng'
import type { Db } from '../db'
import { cacheLayerFault } from './cache-layer'
import {
  bumpGeneration,
  everyCapability,
  maintenanceOff,
  maintenanceOn,
  type ProviderReport,
} from './maintenance-effects'
import {
  capabilityRoutes,
  faultHandlers,
  hang,
  healthyAnswer,
  isRead,
  jsonSchemaOf,
  ownApiUnavailable,
  ownRoutes,
  providerRoutes,
  providerUnavailable,
  rateLimited,
  schemaBreaking,
  truncatedJson,
  type Answer,
} from './faults'
import type { ScenarioName } from './names'
import { defaultScenarioOptions, type ResolvedScenarioOptions, type ScenarioOptionName } from './options'
import type { TimelineStep } from './timeline'

export { isScenarioName, scenarioNames, type ScenarioName } from './names'

export type Scenario = {
  name: ScenarioName
  /** One line, shown in the toolbar. */
  description: string
  /**
   * The options it reads, shown in the toolbar with their values (and statusDelayMs when it is set,
   * for a scenario that reports provider trouble).
   */
  options?: readonly ScenarioOptionName[]
  handlers?: (options: ResolvedScenarioOptions) => RequestHandler[]
  /**
   * What the vendor's status report says of each provider capability while the scenario runs,
   * statusDelayMs after it is chosen (operational until then); a capability not named, and every
   * capability of a scenario without it, is operational. A timeline's steps have their own.
   */
  reports?: ProviderReport
  /** Changes to the backend's data when the scenario is chosen; must be harmless to repeat. */
  enter?: (db: Db) => void
  /** Undoes `enter` when another scenario is chosen. */
  leave?: (db: Db) => void
  timeline?: readonly TimelineStep[]
}

/** Share of provider calls that `provider-flaky` fails. */
export const FLAKY_SHARE = 0.4
export const RETRY_AFTER_SECONDS = 30

const providerDown = () => faultHandlers(providerRoutes, providerUnavailable)

/** Provider reads alternate: a body cut off half-way, then the data in a shape the schema refuses. */
function malformedReads(): RequestHandler[] {
  let calls = 0
  return faultHandlers(providerRoutes, async ({ request, route }): Promise<Answer | undefined> => {
    const schema = jsonSchemaOf(route)
    if (!isRead(route) || !schema) return undefined
    const healthy = await healthyAnswer(request)
    if (!healthy?.ok) return healthy
    const text = await healthy.text()
    calls += 1
    if (calls % 2 === 1) return truncatedJson(text)
    return HttpResponse.json(schemaBreaking(JSON.parse(text), schema) as Record<string, unknown>)
  })
}

export const scenarios: Record<ScenarioName, Scenario> = {
  healthy: {
    name: 'healthy',
    description: 'Everything answers normally.',
  },
  'provider-down': {
    name: 'provider-down',
    description:
      'Every provider-backed call (subscription, quotes, orders, invoices, payment method, billing details) answers 503.',
    handlers: providerDown,
    reports: everyCapability('down'),
  },
  'provider-hang': {
    name: 'provider-hang',
    description: "Provider-backed calls never answer: only the app's own time-out ends them.",
    handlers: () => faultHandlers(providerRoutes, hang),
    reports: everyCapability('down'),
  },
  'provider-slow': {
    name: 'provider-slow',
    description: `Provider-backed calls answer normally, but only after ${defaultScenarioOptions.slowMs / 1000} s (?slowMs= to change).`,
    options: ['slowMs'],
    handlers: ({ slowMs }) =>
      faultHandlers(providerRoutes, async () => {
        await delay(slowMs)
        return undefined
      }),
    reports: everyCapability('degraded'),
  },
  'provider-flaky': {
    name: 'provider-flaky',
    description: `A seeded, reproducible ${FLAKY_SHARE * 100}% of provider-backed calls answer 503 (?seed= to change, ${defaultScenarioOptions.seed} by default).`,
    options: ['seed'],
    handlers: ({ seed }) => {
      const random = seededRandom(seed)
      return faultHandlers(providerRoutes, () => (random() < FLAKY_SHARE ? providerUnavailable() : undefined))
    },
    reports: everyCapability('degraded'),
  },
  'cache-layer-failure': {
    name: 'cache-layer-failure',
    description:
      'As in the incident: intermittent 500/502, slow calls (1.5–4 s) and reads briefly answered from a stale snapshot. Seeded.',
    options: ['seed'],
    handlers: ({ seed }) => faultHandlers(providerRoutes, cacheLayerFault(seed)),
    reports: everyCapability('degraded'),
  },
  'partial-invoices': {
    name: 'partial-invoices',
    description: 'Only invoices and their PDFs fail (503); subscription, orders, payments and billing details work.',
    handlers: () => faultHandlers(capabilityRoutes('invoices'), providerUnavailable),
    reports: { invoices: 'down' },
  },
  'partial-payments': {
    name: 'partial-payments',
    description: 'Only payment method calls fail (503); everything else works.',
    handlers: () => faultHandlers(capabilityRoutes('payments'), providerUnavailable),
    reports: { payments: 'down' },
  },
  maintenance: {
    name: 'maintenance',
    description:
      'The provider is healthy, but operators have billing in maintenance; leaving the scenario ends it (new generation).',
    enter: maintenanceOn,
    leave: maintenanceOff,
  },
  'rate-limited': {
    name: 'rate-limited',
    description: `Provider-backed calls answer 429 with Retry-After: ${RETRY_AFTER_SECONDS}.`,
    handlers: () => faultHandlers(providerRoutes, () => rateLimited(RETRY_AFTER_SECONDS)),
    reports: everyCapability('down'),
  },
  malformed: {
    name: 'malformed',
    description:
      'Provider reads alternate between a body that is not JSON and one that breaks the schema (seats as a string).',
    handlers: malformedReads,
    reports: everyCapability('down'),
  },
  'own-api-down': {
    name: 'own-api-down',
    description:
      "The provider is down, and so are the vendor's own status, account, catalog, alert and change-request endpoints; /me and /session still answer, or the app could not tell who is signed in.",
    handlers: () => [...faultHandlers(ownRoutes, ownApiUnavailable), ...providerDown()],
    reports: everyCapability('down'),
  },
  'outage-then-recovery': {
    name: 'outage-then-recovery',
    description: `The provider is down for ${defaultScenarioOptions.outageMs / 1000} s (?outageMs= to change), then healthy again with a new maintenance generation.`,
    options: ['outageMs'],
    timeline: [
      {
        label: 'Provider down',
        failing: true,
        durationMs: ({ outageMs }) => outageMs,
        handlers: providerDown,
        reports: everyCapability('down'),
      },
      { label: 'Provider recovered', failing: false, enter: bumpGeneration },
    ],
  },
}
