/**
 * Browser tests over nginx → gateway → Zuora simulator (tests/e2e/gateway.spec.ts): a client for the
 * gateway's control endpoints (gateway/node/sim-server.ts), sign-in on nginx's origin, the
 * subscription page's controls, and a watch for Content-Security-Policy violations.
 */
import { expect, type Page } from '@playwright/test'
import type { ComponentHealth } from '../../src/lib/api/schemas'
import type { SimCall } from '../../mocks/zuora/simulator'
import type { ScenarioName } from '../../mocks/scenarios/names'
import type { ScenarioOptions } from '../../mocks/scenarios/options'
import { demoUsers } from './support'

export type GatewayControl = {
  /** Switches the scenario at the simulated Zuora; resolves with the time it was switched. */
  setScenario: (name: ScenarioName, options?: ScenarioOptions) => Promise<number>
  /** Healthy, seed data and a fresh gateway (sessions, copies, order keys, detector). */
  reset: () => Promise<void>
  /** The calls Zuora received at or after `since` (ms since the epoch). */
  zuoraCalls: (since?: number) => Promise<SimCall[]>
  /** What the gateway's health report publishes for the subscription capability now. */
  publishedSubscriptionHealth: () => Promise<ComponentHealth>
}

export function gatewayControl(gatewayUrl: string): GatewayControl {
  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${gatewayUrl}/__control/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`gateway control: ${method} ${path} answered ${response.status}`)
    return (await response.json()) as T
  }
  return {
    setScenario: async (name, options = {}) => {
      const before = Date.now()
      await control('POST', 'scenario', { name, options })
      return before
    },
    reset: async () => void (await control('POST', 'reset')),
    zuoraCalls: async (since = 0) => (await control<{ calls: SimCall[] }>('GET', `zuora-calls?since=${since}`)).calls,
    publishedSubscriptionHealth: async () =>
      (await control<{ capabilities: { subscription: { published: ComponentHealth } } }>('GET', 'health')).capabilities
        .subscription.published,
  }
}

/** Signs in on `origin` through the sign-in page (the simulated directory needs no password). */
export async function signInAt(page: Page, origin: string, as: keyof typeof demoUsers = 'owner') {
  await page.goto(`${origin}/sign-in`)
  await page.getByLabel('Work email').fill(demoUsers[as])
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Billing' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Subscription' })).toBeVisible()
}

export const overview = (page: Page) => page.getByRole('region', { name: 'Overview' })

/** The number under "Seats purchased" on the subscription page. */
export const seatsPurchased = (page: Page) =>
  overview(page).locator('.stat').filter({ hasText: 'Seats purchased' }).getByRole('definition')

export const changeSeats = (page: Page) => page.getByRole('button', { name: 'Change seats' })

/**
 * Collects the page's Content-Security-Policy violations (the `securitypolicyviolation` event, on
 * every document the page loads, and the console's report of one).
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = []
  await page.exposeBinding('__reportCspViolation', (_source, violation: string) => void violations.push(violation))
  await page.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation: (violation: string) => void }).__reportCspViolation
    document.addEventListener(
      'securitypolicyviolation',
      (event) => report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`),
      true,
    )
  })
  page.on('console', (message) => {
    if (/content[- ]security[- ]policy/i.test(message.text())) violations.push(message.text())
  })
  return violations
}

/** Parses a Content-Security-Policy header into its directives. */
export function cspDirectives(header: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  )
}
