/**
 * Browser tests choose an outage scenario by the same names as the toolbar and the unit tests
 * (mocks/scenarios/names.ts), the way QA do: by link. `useScenario(page, 'provider-down')`
 * opens `path?scenario=provider-down` (plus any options), which the app applies before it renders
 * and keeps in localStorage, so later navigations, reloads and new tabs in the same context stay in
 * the scenario. Choosing a link (not writing localStorage) also exercises the real entry point.
 *
 *   await signIn(page)
 *   await useScenario(page, 'outage-then-recovery', { outageMs: 5_000, path: '/invoices' })
 */
import { expect, type Page } from '@playwright/test'
import type { ScenarioOptions } from '../../mocks/scenarios/options'
import type { ScenarioName } from '../../mocks/scenarios/names'

export async function useScenario(
  page: Page,
  name: ScenarioName,
  options: ScenarioOptions & { path?: string } = {},
): Promise<void> {
  const { path = '/', ...scenarioOptions } = options
  const url = new URL(path, 'http://app.invalid')
  url.searchParams.set('scenario', name)
  for (const [option, value] of Object.entries(scenarioOptions)) url.searchParams.set(option, String(value))
  await page.goto(`${url.pathname}${url.search}${url.hash}`)
  // Applied and stored (whether the toolbar is shown or hidden), and the link already cleaned up.
  await expect
    .poll(() =>
      page.evaluate(() => (JSON.parse(localStorage.getItem('billing-scenario') ?? '{}') as { name?: string }).name),
    )
    .toBe(name)
  await expect(page).not.toHaveURL(/[?&]scenario=/)
}

/**
 * Waits until the gateway's health report says a provider capability is down: the report is
 * computed from what the gateway's calls to the simulated Zuora meet, so a fault switched on shows
 * there a few seconds later (record 031), not at the instant it is chosen. Asked from the page, as
 * the app asks it (in this host, each tab's own gateway answers).
 */
export async function untilReportSaysDown(page: Page, timeout = 30_000): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const report = (await (await fetch('/api/billing-status')).json()) as { components: { status: string }[] }
          return report.components.some((component) => component.status === 'down')
        }),
      { timeout, intervals: [500] },
    )
    .toBe(true)
}
