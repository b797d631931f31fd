/**
 * The names of the outage scenarios, apart from their MSW handlers (registry.ts), so that code
 * that must not load MSW (the Zuora simulator over HTTP, the gateway) can name and check them.
 */
export const scenarioNames = [
  'healthy',
  'provider-down',
  'provider-hang',
  'provider-slow',
  'provider-flaky',
  'cache-layer-failure',
  'partial-invoices',
  'partial-payments',
  'maintenance',
  'rate-limited',
  'malformed',
  'own-api-down',
  'outage-then-recovery',
] as const

export type ScenarioName = (typeof scenarioNames)[number]

export const isScenarioName = (name: string): name is ScenarioName =>
  (scenarioNames as readonly string[]).includes(name)
