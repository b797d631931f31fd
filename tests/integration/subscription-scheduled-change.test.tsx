/**
 * Changes at the next renewal, through the billing gateway inside MSW to the simulated Zuora:
 * fewer seats (Change seats) and a smaller plan (Plans) are scheduled for the renewal date after a
 * confirmation that says what changes and from when, never put in the cart; the overview shows
 * what is scheduled and from when, and it is withdrawn after its own confirmation; paused with the
 * reason in maintenance; in Portuguese too. Acme: Professional, 25 seats bought, 21 in use.
 */
import { screen, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import type { InPageGateway } from '../../mocks/in-page/in-page-gateway'
import { renderAppOnGateway } from '../support/render-on-gateway'

const isPaused = (button: HTMLElement) =>
  button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true'

const orderActions = (page: InPageGateway) =>
  Object.values(page.simulator.control.exportState().state.orders).flatMap((order) =>
    (order.subscriptions as { orderActions: { type: string }[] }[]).flatMap((s) => s.orderActions.map((a) => a.type)),
  )

test('fewer seats are scheduled for the renewal date, shown with it, and withdrawn', async () => {
  const { page, user } = await renderAppOnGateway('/')
  const overview = await screen.findByRole('region', { name: 'Overview' }, { timeout: 10_000 })
  const renews = await within(overview).findByText('Renews on')
  const date = renews.nextElementSibling?.textContent ?? ''
  expect(date).toMatch(/\d{4}/)

  await user.click(within(overview).getByRole('button', { name: 'Change seats' }))
  const total = await within(overview).findByRole('spinbutton', { name: 'New total seats' }, { timeout: 5_000 })
  await user.clear(total)
  await user.type(total, '22')
  await user.click(within(overview).getByRole('button', { name: 'Continue' }))

  const confirmation = await within(overview).findByRole('region', { name: 'Change at the next renewal?' })
  expect(confirmation).toHaveTextContent(`From ${date} your subscription has 22 seats instead of 25.`)
  expect(confirmation).toHaveTextContent('Nothing changes and nothing is charged before then')
  await user.click(within(confirmation).getByRole('button', { name: `Schedule for ${date}` }))

  expect(await within(overview).findByText(`Scheduled from ${date}: 22 seats`, {}, { timeout: 10_000 })).toBeVisible()
  expect(within(overview).getByText('Seats purchased').nextElementSibling).toHaveTextContent('25')
  expect(screen.queryByText(/Your cart has/)).not.toBeInTheDocument()
  expect(orderActions(page)).toEqual(['UpdateProduct'])

  await user.click(within(overview).getByRole('button', { name: 'Withdraw' }))
  const withdraw = await within(overview).findByRole('region', { name: 'Withdraw the scheduled change?' })
  expect(withdraw).toHaveTextContent(`Your subscription renews on ${date} with the plan and seats it has today.`)
  await user.click(within(withdraw).getByRole('button', { name: 'Yes, withdraw it' }))

  expect(
    await within(overview).findByText('The scheduled change was withdrawn: your subscription renews as it is.'),
  ).toBeVisible()
  expect(within(overview).queryByText(/^Scheduled from/)).not.toBeInTheDocument()
  expect(orderActions(page)).toEqual(['UpdateProduct', 'UpdateProduct'])
}, 30_000)

test('the next invoice’s estimate on the renewal date prices the seats scheduled from then', async () => {
  const { user } = await renderAppOnGateway('/')
  const overview = await screen.findByRole('region', { name: 'Overview' }, { timeout: 10_000 })
  const date =
    (await within(overview).findByText('Renews on', {}, { timeout: 10_000 })).nextElementSibling?.textContent ?? ''
  const nextInvoice = within(overview).getByText('Next invoice (estimate)').nextElementSibling
  // 25 Professional seats at $49, and $550 of add-ons.
  expect(nextInvoice).toHaveTextContent(`$1,775.00 on ${date}`)

  // Paused until the availability is known: a click on it then opens nothing.
  const changeSeats = within(overview).getByRole('button', { name: 'Change seats' })
  await expect.poll(() => isPaused(changeSeats), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(changeSeats)
  const total = await within(overview).findByRole('spinbutton', { name: 'New total seats' }, { timeout: 5_000 })
  await user.clear(total)
  await user.type(total, '22')
  await user.click(within(overview).getByRole('button', { name: 'Continue' }))
  const confirmation = await within(overview).findByRole('region', { name: 'Change at the next renewal?' })
  await user.click(within(confirmation).getByRole('button', { name: `Schedule for ${date}` }))

  expect(await within(overview).findByText(`Scheduled from ${date}: 22 seats`, {}, { timeout: 10_000 })).toBeVisible()
  expect(within(overview).getByText('Next invoice (estimate)').nextElementSibling).toHaveTextContent(
    `$1,628.00 on ${date}`,
  )
  expect(within(overview).getByText('Seat price').nextElementSibling).toHaveTextContent('$49.00')
}, 30_000)

test('a smaller plan on the plans page is scheduled for the renewal date, not put in the cart', async () => {
  const { page, user } = await renderAppOnGateway('/plans')
  await user.click(await screen.findByRole('button', { name: 'Switch to Team at renewal' }, { timeout: 10_000 }))
  const confirmation = await screen.findByRole('region', { name: 'Change at the next renewal?' })
  const schedule = within(confirmation).getByRole('button', { name: /^Schedule for / })
  const date = (schedule.textContent ?? '').replace('Schedule for ', '')
  expect(confirmation).toHaveTextContent(`From ${date} your plan is Team instead of Professional.`)
  await user.click(schedule)

  expect(
    await screen.findByText(`Team is scheduled from ${date}. Nothing is charged now.`, {}, { timeout: 10_000 }),
  ).toBeVisible()
  expect(orderActions(page)).toEqual(['ChangePlan'])
  // A dearer plan still goes through the cart.
  expect(screen.getByRole('button', { name: 'Switch to Enterprise' })).toBeInTheDocument()

  await user.click(screen.getByRole('link', { name: 'Subscription' }))
  const overview = await screen.findByRole('region', { name: 'Overview' }, { timeout: 10_000 })
  expect(await within(overview).findByText(`Scheduled from ${date}: plan Team`)).toBeVisible()
  expect(within(overview).getByText('Plan').nextElementSibling).toHaveTextContent('Professional')
}, 30_000)

test('in maintenance, "Withdraw" is paused with the reason and the scheduled change stays', async () => {
  const { page, user } = await renderAppOnGateway('/')
  const overview = await screen.findByRole('region', { name: 'Overview' }, { timeout: 10_000 })
  await user.click(await within(overview).findByRole('button', { name: 'Change seats' }))
  const total = await within(overview).findByRole('spinbutton', { name: 'New total seats' }, { timeout: 5_000 })
  await user.clear(total)
  await user.type(total, '23')
  await user.click(within(overview).getByRole('button', { name: 'Continue' }))
  const confirmation = await within(overview).findByRole('region', { name: 'Change at the next renewal?' })
  await user.click(within(confirmation).getByRole('button', { name: /^Schedule for / }))
  expect(await within(overview).findByText(/^Scheduled from .*: 23 seats$/, {}, { timeout: 10_000 })).toBeVisible()

  await page.scenarios.select('maintenance', {})
  await expect
    .poll(() => isPaused(screen.getByRole('button', { name: 'Withdraw' })), { timeout: 20_000, interval: 200 })
    .toBe(true)
  const withdraw = screen.getByRole('button', { name: 'Withdraw' })
  expect(withdraw).toHaveAccessibleDescription('Paused: billing is in maintenance')
  await user.click(withdraw)
  expect(screen.queryByRole('region', { name: 'Withdraw the scheduled change?' })).not.toBeInTheDocument()
  expect(orderActions(page)).toEqual(['UpdateProduct'])
}, 40_000)

test('in Portuguese: fewer seats are scheduled and shown with their date', async () => {
  useLocaleStore.setState({ locale: 'pt-BR' })
  const { user } = await renderAppOnGateway('/')
  const overview = await screen.findByRole('region', { name: 'Visão geral' }, { timeout: 10_000 })
  // Paused until the availability is known: a click on it then opens nothing.
  const changeSeats = await within(overview).findByRole('button', { name: 'Alterar licenças' })
  await expect.poll(() => isPaused(changeSeats), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(changeSeats)
  const total = await within(overview).findByRole('spinbutton', { name: 'Novo total de licenças' }, { timeout: 5_000 })
  await user.clear(total)
  await user.type(total, '22')
  await user.click(within(overview).getByRole('button', { name: 'Continuar' }))
  const confirmation = await within(overview).findByRole('region', { name: 'Alterar na próxima renovação?' })
  const schedule = within(confirmation).getByRole('button', { name: /^Agendar para / })
  const date = (schedule.textContent ?? '').replace('Agendar para ', '')
  expect(confirmation).toHaveTextContent(`A partir de ${date} sua assinatura terá 22 licenças em vez de 25.`)
  await user.click(schedule)
  expect(
    await within(overview).findByText(`Agendado a partir de ${date}: 22 licenças`, {}, { timeout: 10_000 }),
  ).toBeVisible()
  expect(within(overview).getByRole('button', { name: 'Desistir' })).toBeInTheDocument()
}, 30_000)
