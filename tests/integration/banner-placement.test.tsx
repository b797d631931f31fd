/**
 * The availability banner never pushes the page the admin is reading (use-banner-placement.ts): a
 * page that opens in trouble has it in its flow; one that comes while the admin reads floats over
 * the page's corner and joins the next page's flow; a banner in the flow keeps its place until the
 * admin moves on, saying "Billing is back" once it is.
 */
import { screen, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { setMaintenance } from '../support/billing-status'
import { banners, sleep, useFakeClock } from '../support/faults'
import { renderApp } from '../support/render-app'

const nav = () => within(screen.getByRole('navigation', { name: 'Billing' }))
const placementOf = (title: string) => screen.getByText(title).closest('.banner-inline, .banner-floating')?.className
const maintenanceOn = () =>
  setMaintenance({ enabled: true, reason: 'scheduled', message: 'Moving regions.', nextUpdateAt: null })

test('a banner that comes while the admin reads floats, out of the flow, and joins the next page’s flow', async () => {
  useFakeClock()
  const { user } = await renderApp('/')
  expect(await screen.findByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  await screen.findByText('Professional')

  await maintenanceOn()
  await sleep(6_000) // the next health report
  expect(await screen.findByText(banners.maintenance)).toBeInTheDocument()
  expect(placementOf(banners.maintenance)).toBe('banner-floating')

  await user.click(nav().getByRole('link', { name: 'Invoices' }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument()
  expect(placementOf(banners.maintenance)).toBe('banner-inline')
})

test('a banner the page opened with keeps its place once billing is back, saying so, until the admin moves on', async () => {
  await maintenanceOn()
  useFakeClock()
  const { user } = await renderApp('/')
  expect(await screen.findByText(banners.maintenance)).toBeInTheDocument()
  expect(placementOf(banners.maintenance)).toBe('banner-inline')

  await setMaintenance({ enabled: false, reason: 'scheduled', message: 'Done.', nextUpdateAt: null })
  await sleep(6_000)
  expect(await screen.findByText(banners.recovered)).toBeInTheDocument()
  await sleep(120_000) // long past the "recovering" hold: billing is simply operational
  expect(placementOf(banners.recovered)).toBe('banner-inline')

  await user.click(nav().getByRole('link', { name: 'Invoices' }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument()
  expect(screen.queryByText(banners.recovered)).not.toBeInTheDocument()
})
