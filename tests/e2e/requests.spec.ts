import { expect, test } from '@playwright/test'
import { signIn } from './support'
import { untilReportSaysDown, useScenario } from './support-scenario'
import { banners } from '../support/banner-texts'

// The requests' flow through an outage at the simulated Zuora: the gateway's report says down a
// few seconds after the switch, and operational again once its probes have held (record 031).

test('the viewer asks for 5 more seats during an outage; the owner approves after recovery, and one order makes it 30', async ({
  page,
}) => {
  const orders: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/orders')
      orders.push(request.headers()['idempotency-key'] ?? '')
  })

  // The viewer saw the subscription (Acme: 25 seats, 21 in use) before the provider went down.
  await signIn(page, 'viewer')
  await expect(page.getByRole('region', { name: 'Overview' }).getByText('21 of 25')).toBeVisible()
  // The saved cache is written at most once a second (to IndexedDB, asynchronously): leave it time on a loaded machine.
  await page.waitForTimeout(3_000)
  await useScenario(page, 'provider-down', { path: '/' })
  // The request is asked during the outage as the page knows it: once the report says down.
  await untilReportSaysDown(page)
  await expect(page.getByText(banners.autoMaintenance, { exact: true })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Overview' }).getByText('21 of 25')).toBeVisible()

  await page.getByRole('button', { name: 'Change seats' }).click()
  await page.getByRole('spinbutton', { name: 'New total seats' }).fill('30')
  await page.getByRole('button', { name: 'Add to request' }).click()
  const draft = page.getByRole('region', { name: 'Your request' })
  await expect(draft.getByText('Seats: 25 → 30')).toBeVisible()
  await expect(draft.getByText('About +$245.00 a month at list prices.')).toBeVisible()
  await draft.getByRole('textbox', { name: 'Note for the billing admin (optional)' }).fill('Five agents start Monday.')
  await draft.getByRole('button', { name: 'Send request' }).click()
  await expect(page.getByText('Your request was sent. A billing admin will approve or decline it.')).toBeVisible()
  await expect(
    page.getByRole('region', { name: 'Your requests' }).getByText('Waiting for a billing admin'),
  ).toBeVisible()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await signIn(page, 'owner')
  const nav = page.getByRole('navigation', { name: 'Billing' })
  await nav.getByRole('link', { name: 'Requests (1)' }).click()
  const request = page
    .getByRole('region', { name: 'Open requests' })
    .getByRole('article')
    .filter({ hasText: 'Asked by Bruno Lima' })
  await expect(request.getByText('Note: Five agents start Monday.')).toBeVisible()
  await expect(request.getByRole('button', { name: 'Approve and order' })).toHaveAttribute('aria-disabled', 'true')

  await useScenario(page, 'healthy', { path: '/requests' })
  // "25 → 30" once this browser has the subscription again (the recovery refetch is spread over
  // minutes), "30 in total" until then: either way the request is there to approve.
  await expect(request.getByRole('heading', { name: /^Seats: (25 → 30|30 in total)$/ })).toBeVisible()
  // The gateway's report comes back once its probes have held (two, 5 s apart), then the page follows.
  await expect(request.getByRole('button', { name: 'Approve and order' })).not.toHaveAttribute(
    'aria-disabled',
    'true',
    {
      timeout: 40_000,
    },
  )
  await request.getByRole('button', { name: 'Approve and order' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Cart' })).toBeVisible()
  await expect(page.getByText('Total due now')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Place order' })).toBeEnabled()
  await page.getByRole('button', { name: 'Place order' }).click()
  await expect(page.getByRole('heading', { name: 'Order placed' })).toBeVisible()

  await nav.getByRole('link', { name: 'Subscription' }).click()
  await expect(page.getByRole('region', { name: 'Overview' }).getByText('21 of 30')).toBeVisible()
  await nav.getByRole('link', { name: 'Requests' }).click()
  await expect(
    page
      .getByRole('region', { name: 'Earlier requests' })
      .getByText(/^Approved by Ana Souza and ordered \(order O-[0-9A-F]+\)$/),
  ).toBeVisible()
  expect(orders).toHaveLength(1)
  expect(orders[0]).not.toBe('')
})
