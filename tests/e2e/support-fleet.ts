/**
 * Browser tests over nginx → a fleet of gateways on Redis → the Zuora simulator
 * (tests/e2e/fleet.spec.ts, scripts/fleet-recipe.ts): sign-in with a password, which instance
 * served the visitor (from each instance's own log), and the calls Zuora received.
 */
import { expect, type Page } from '@playwright/test'
import type { SimCall } from '../../mocks/zuora/simulator'
import type { FleetInstance } from '../../scripts/fleet-recipe'
import { demoUsers } from './support'
import { seatsPurchased } from './support-gateway'

/** deploy/gateway/directory.example.json: every user's password. */
export const examplePassword = 'correct horse battery staple'

/** Signs in on `origin` as the owner of Acme, as the production sign-in page asks: email and password. */
export async function signInWithPassword(page: Page, origin: string) {
  await page.goto(`${origin}/sign-in`)
  await page.getByLabel('Work email').fill(demoUsers.owner)
  await page.getByLabel('Password').fill(examplePassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expectSignedIn(page)
}

export async function expectSignedIn(page: Page) {
  await expect(page.getByRole('navigation', { name: 'Billing' })).toBeVisible()
  await expect(page.getByLabel('Work email')).toHaveCount(0)
}

/** Invoices, then Subscription, each showing what the fleet answered (not a copy saved in the browser). */
export async function visitPages(page: Page, seats: string) {
  const nav = page.getByRole('navigation', { name: 'Billing' })
  await nav.getByRole('link', { name: 'Invoices' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible()
  await expect(page.getByText(/^Showing \d+ of [\d,]+ invoices?$/)).toBeVisible()
  await nav.getByRole('link', { name: 'Subscription' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Subscription' })).toBeVisible()
  await expect(seatsPurchased(page)).toHaveText(seats)
  await expect(page.getByText(/Saved data as of/)).toHaveCount(0)
  await expectSignedIn(page)
}

type LogLine = { at?: string; event?: string; method?: string; path?: string; status?: number }

/** The instance's log lines (JSON) written at or after `since` (ms since the epoch). */
export function logSince(instance: FleetInstance, since: number): LogLine[] {
  return instance.output().flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as LogLine
      return Date.parse(parsed.at ?? '') >= since ? [parsed] : []
    } catch {
      return []
    }
  })
}

/** Reads that only a signed-in visitor gets a 200 for: the instance knew the session. */
const signedInReads = new Set(['/api/me', '/api/account', '/api/subscription', '/api/invoices'])

/** How many signed-in reads the instance answered with 200 since then. */
export const signedInReadsServed = (instance: FleetInstance, since: number) =>
  logSince(instance, since).filter(
    (line) => line.event === 'request' && line.status === 200 && signedInReads.has(line.path ?? ''),
  ).length

/** The calls the Zuora simulator received at or after `since`, from its control endpoint. */
export async function zuoraCalls(zuoraUrl: string, since: number): Promise<SimCall[]> {
  const answer = await fetch(`${zuoraUrl}/__control/calls?since=${since}`)
  if (!answer.ok) throw new Error(`Zuora simulator control: GET calls answered ${answer.status}`)
  return ((await answer.json()) as { calls: SimCall[] }).calls
}

/**
 * Every /api/ answer of the page that was not a success, and every request that got no answer:
 * with the fleet doing its job the visitor meets none, whatever stops under them.
 */
export function watchApiFailures(page: Page): string[] {
  const failures: string[] = []
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/')
  page.on('response', (response) => {
    if (isApi(response.url()) && response.status() >= 400)
      failures.push(`${response.request().method()} ${new URL(response.url()).pathname} → ${response.status()}`)
  })
  page.on('requestfailed', (request) => {
    // A reload or a page change cancels what the page no longer needs: not a failure.
    if (isApi(request.url()) && request.failure()?.errorText !== 'net::ERR_ABORTED')
      failures.push(`${request.method()} ${new URL(request.url()).pathname} failed: ${request.failure()?.errorText}`)
  })
  return failures
}
