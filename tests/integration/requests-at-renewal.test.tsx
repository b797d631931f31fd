/**
 * Requests at renewal, through the billing gateway inside MSW to the simulated Zuora: the admin
 * without billing rights asks for fewer seats (or a smaller plan) and the request says from when;
 * the billing admin's approval schedules it for the renewal date as their own "Change seats" would,
 * with no cart and nothing charged, and the subscription shows it. Acme: Professional, 25 seats
 * bought, 21 in use; $1,775.00 a month.
 */
import { screen, within } from '@testing-library/react'
import { beforeEach, expect, test } from 'vitest'
import { useCartStore } from '@/billing/cart-store'
import { useRequestDraftStore } from '@/billing/request-draft-store'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import type { InPageGateway } from '../../mocks/in-page/in-page-gateway'
import { demoUsers } from '../support/render-app'
import { renderAppOnGateway } from '../support/render-on-gateway'

// The stores live as long as the test file: start each test from what storage holds (nothing).
beforeEach(async () => {
  await useCartStore.persist.rehydrate()
  await useRequestDraftStore.persist.rehydrate()
})

const orderActions = (page: InPageGateway) =>
  Object.values(page.simulator.control.exportState().state.orders).flatMap((order) =>
    (order.subscriptions as { orderActions: { type: string }[] }[]).flatMap((s) => s.orderActions.map((a) => a.type)),
  )

const isPaused = (button: HTMLElement) =>
  button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true'

type User = Awaited<ReturnType<typeof renderAppOnGateway>>['user']

/** The renewal date as the overview shows it. */
async function renewalDate(label = 'Renews on') {
  const overview = await screen.findByRole('region', { name: /^(Overview|Visão geral)$/ }, { timeout: 10_000 })
  return (await within(overview).findByText(label, {}, { timeout: 10_000 })).nextElementSibling?.textContent ?? ''
}

/** Signs out, then in as another user: back on the page signed out of (the sign-in page's `next`). */
async function signOutAndIn(user: User, email: string) {
  await user.click(screen.getByRole('button', { name: 'Sign out' }))
  await user.type(await screen.findByRole('textbox', { name: 'Work email' }), email)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  expect(await screen.findByRole('navigation', { name: 'Billing' }, { timeout: 10_000 })).toBeInTheDocument()
}

test('the viewer asks for fewer seats from the renewal date; the owner’s approval schedules them, nothing charged', async () => {
  const { page, user } = await renderAppOnGateway('/', { as: 'viewer' })
  const date = await renewalDate()
  expect(date).toMatch(/\d{4}/)

  const overview = screen.getByRole('region', { name: 'Overview' })
  // Paused until the availability is known: a click on it then opens nothing.
  const changeSeats = within(overview).getByRole('button', { name: 'Change seats' })
  await expect.poll(() => isPaused(changeSeats), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(changeSeats)
  const total = await within(overview).findByRole('spinbutton', { name: 'New total seats' }, { timeout: 5_000 })
  await user.clear(total)
  await user.type(total, '22')
  await user.click(within(overview).getByRole('button', { name: 'Add to request' }))

  const draft = await screen.findByRole('region', { name: 'Your request' })
  expect(within(draft).getByText(`Seats: 25 → 22, from ${date}`)).toBeInTheDocument()
  await user.click(within(draft).getByRole('button', { name: 'Send request' }))
  const mine = await screen.findByRole('region', { name: 'Your requests' })
  const asked = await within(mine).findByRole('article', { name: `Seats: 25 → 22, from ${date}` })
  expect(within(asked).getByText('Waiting for a billing admin')).toBeInTheDocument()

  await signOutAndIn(user, demoUsers.owner)
  // The count comes with the account's requests, read after sign-in.
  await user.click(await screen.findByRole('link', { name: 'Requests (1)' }, { timeout: 10_000 }))
  const open = await screen.findByRole('region', { name: 'Open requests' })
  const card = await within(open).findByRole('article', { name: `Seats: 25 → 22, from ${date}` })
  const approve = within(card).getByRole('button', { name: `Approve and schedule for ${date}` })
  await expect.poll(() => isPaused(approve), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(approve)

  expect(
    await screen.findByText(
      `Approved and scheduled: Seats: 25 → 22, from ${date}. Nothing is charged now; the subscription shows it.`,
      {},
      { timeout: 10_000 },
    ),
  ).toBeVisible()
  const earlier = await screen.findByRole('region', { name: 'Earlier requests' })
  expect(
    await within(earlier).findByText(`Approved by Ana Souza: scheduled from ${date}. Nothing is charged before then.`),
  ).toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 1, name: 'Change requests' })).toBeInTheDocument()
  expect(orderActions(page)).toEqual(['UpdateProduct'])
  expect(page.simulator.control.exportState().state.orderInvoices).toHaveLength(0)
  expect(useCartStore.getState().carts).toEqual({})

  await user.click(screen.getByRole('link', { name: 'Subscription' }))
  const after = await screen.findByRole('region', { name: 'Overview' }, { timeout: 10_000 })
  expect(await within(after).findByText(`Scheduled from ${date}: 22 seats`, {}, { timeout: 10_000 })).toBeVisible()
  expect(within(after).getByText('Seats purchased').nextElementSibling).toHaveTextContent('25')
  expect(within(after).getByText('Next invoice (estimate)').nextElementSibling).toHaveTextContent(
    `$1,628.00 on ${date}`,
  )
}, 40_000)

test('in Portuguese: a smaller plan beside an add-on goes as two requests, the plan one from the renewal date', async () => {
  useLocaleStore.setState({ locale: 'pt-BR' })
  const { page, user } = await renderAppOnGateway('/', { as: 'viewer' })
  const date = await renewalDate('Renova em')
  await user.click(screen.getByRole('link', { name: 'Planos e complementos' }))

  const team = await screen.findByRole('article', { name: 'Team' }, { timeout: 10_000 })
  await user.click(await within(team).findByRole('button', { name: 'Mudar para Team na renovação' }))
  const storage = screen.getByRole('article', { name: 'Extra storage pack' })
  const quantity = within(storage).getByRole('spinbutton', { name: 'Nova quantidade de Extra storage pack' })
  await user.clear(quantity)
  await user.type(quantity, '3')
  await user.click(
    within(storage).getByRole('button', { name: 'Adicionar ao pedido de alteração (Extra storage pack)' }),
  )

  await user.click(screen.getByRole('link', { name: 'Pedidos de alteração' }))
  const draft = await screen.findByRole('region', { name: 'Seu pedido' })
  expect(within(draft).getByText(`Plano: Professional → Team, a partir de ${date}`)).toBeInTheDocument()
  expect(
    within(draft).getByText('Isto vai como dois pedidos: as alterações de agora e as que valem a partir da renovação.'),
  ).toBeInTheDocument()
  await user.click(within(draft).getByRole('button', { name: 'Enviar pedido' }))

  const mine = await screen.findByRole('region', { name: 'Seus pedidos' })
  expect(
    await within(mine).findByRole('article', { name: `Plano: Professional → Team, a partir de ${date}` }),
  ).toBeInTheDocument()
  expect(within(mine).getAllByRole('article')).toHaveLength(2)
  const stored = (await page.gateway().deps.own.read()).changeRequests ?? []
  expect(stored.map((s) => [s.request.takesEffect, s.request.items.map((item) => item.type)])).toEqual([
    ['now', ['addon']],
    ['renewal', ['plan']],
  ])
}, 40_000)
