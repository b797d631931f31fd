import { expect, test } from '@playwright/test'
import { signIn } from './support'

test('a visit with no alert left to send does not fetch the alert reporter; one with an alert waiting does, and sends it', async ({
  page,
}) => {
  await signIn(page, 'owner')
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
  })
  await page.reload()
  await expect(page.getByText('Seats purchased')).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(scripts.length).toBeGreaterThan(0)
  expect(scripts.filter((path) => path.includes('alert-reporter'))).toEqual([])

  // An alert an earlier visit could not deliver (the outbox as alert-reporter.ts writes it).
  const alert = {
    kind: 'blocked_action',
    incidentId: 'inc-e2e',
    capability: 'subscription',
    occurredAt: new Date().toISOString(),
    detail: 'subscription.changeSeats',
  }
  await page.evaluate(
    (waiting) =>
      localStorage.setItem(
        'billing-alerts-outbox',
        JSON.stringify([{ id: 'e2e-1', once: false, alert: waiting, attempts: 0, nextAt: 0, sendingUntil: 0 }]),
      ),
    alert,
  )
  const sent = page.waitForRequest(
    (request) => request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/alerts'),
  )
  await page.reload()
  await sent
  expect(scripts.some((path) => path.includes('alert-reporter'))).toBe(true)
})
