/**
 * Renewal asked for through a change request, on the billing gateway inside MSW with the simulated
 * Zuora: the admin without billing rights asks from the subscription's renewal control, after the
 * same confirmation a billing admin gets; the billing admin's approval turns renewal off as their
 * own control would (one change of terms, no cart, nothing charged), and the overview says when
 * the subscription ends. A request whose renewal already is as asked offers only declining.
 */
import { screen, waitFor, within } from '@testing-library/react'
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

/** The overview, once the subscription shows in it (the loading section is another element). */
const overview = () =>
  waitFor(
    () => {
      const region = screen.getByRole('region', { name: /^(Overview|Visão geral)$/ })
      within(region).getByText(/^(Renews on|Ends on|Renova em|Termina em)$/)
      return region
    },
    { timeout: 10_000 },
  )

/** The renewal (or end) date as the overview shows it. */
const dateBeside = (region: HTMLElement, label: string) =>
  within(region).getByText(label).nextElementSibling?.textContent ?? ''

async function signOutAndIn(
  user: User,
  email: string,
  words = { signOut: 'Sign out', email: 'Work email', signIn: 'Sign in' },
) {
  await user.click(screen.getByRole('button', { name: words.signOut }))
  await user.type(await screen.findByRole('textbox', { name: words.email }), email)
  await user.click(screen.getByRole('button', { name: words.signIn }))
  await overview()
}

/** Acme's subscription at the simulated Zuora ends with its term (its renewal turned off before). */
function acmeRenewalOff(page: InPageGateway): void {
  const stored = page.simulator.control.exportState()
  const subscriptions = stored.state.subscriptions as { accountId?: string; autoRenew: boolean }[]
  for (const subscription of subscriptions) subscription.autoRenew = false
  expect(page.simulator.control.importState(stored)).toBe(true)
}

test('the viewer asks to turn renewal off; the owner approves; the overview says when the subscription ends', async () => {
  const { page, user } = await renderAppOnGateway('/', { as: 'viewer' })
  let region = await overview()
  const date = dateBeside(region, 'Renews on')
  expect(date).toMatch(/\d{4}/)

  // Asking is the vendor's own API: enabled once the availability is known, whatever the provider does.
  const ask = await within(region).findByRole('button', { name: 'Ask to turn renewal off' })
  await expect.poll(() => isPaused(ask), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(ask)
  const confirmation = within(region).getByRole('region', { name: 'Ask to turn off renewal?' })
  expect(confirmation).toHaveTextContent(
    `Your subscription ends on ${date}: seats and add-ons stop then; invoices stay readable.`,
  )
  await user.click(within(confirmation).getByRole('button', { name: `Yes, ask to end it on ${date}` }))

  expect(
    await within(region).findByText(
      'You asked a billing admin to turn renewal off: your request is waiting for a decision.',
    ),
  ).toBeInTheDocument()
  expect(within(region).getByRole('link', { name: 'See your requests' })).toHaveFocus()
  expect(within(region).queryByRole('button', { name: 'Ask to turn renewal off' })).not.toBeInTheDocument()
  // Nothing changed yet: it still renews.
  expect(dateBeside(region, 'Renews on')).toBe(date)

  await user.click(within(region).getByRole('link', { name: 'See your requests' }))
  const mine = await screen.findByRole('region', { name: 'Your requests' })
  const asked = await within(mine).findByRole('article', {
    name: `Turn renewal off: the subscription ends on ${date}`,
  })
  expect(within(asked).getByText('Waiting for a billing admin')).toBeInTheDocument()
  // A request of its own: the draft of seat, plan and add-on changes is untouched.
  expect(within(screen.getByRole('region', { name: 'Your request' })).getByText(/Nothing to ask for yet/)).toBeVisible()

  await user.click(screen.getByRole('link', { name: 'Subscription' }))
  await signOutAndIn(user, demoUsers.owner)
  await user.click(await screen.findByRole('link', { name: 'Requests (1)' }, { timeout: 10_000 }))
  const open = await screen.findByRole('region', { name: 'Open requests' })
  const card = await within(open).findByRole('article', { name: `Turn renewal off: the subscription ends on ${date}` })
  const approve = within(card).getByRole('button', { name: `Approve and end it on ${date}` })
  await expect.poll(() => isPaused(approve), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(approve)

  expect(
    await screen.findByText(
      `Approved: renewal is off, and the subscription ends on ${date}. The subscription shows it.`,
      {},
      { timeout: 10_000 },
    ),
  ).toBeVisible()
  const earlier = await screen.findByRole('region', { name: 'Earlier requests' })
  expect(await within(earlier).findByText('Approved by Ana Souza: renewal was turned off.')).toBeInTheDocument()
  expect(screen.getByRole('heading', { level: 1, name: 'Change requests' })).toBeInTheDocument()
  expect(orderActions(page)).toEqual(['TermsAndConditions'])
  expect(page.simulator.control.exportState().state.orderInvoices).toHaveLength(0)
  expect(useCartStore.getState().carts).toEqual({})

  await user.click(screen.getByRole('link', { name: 'Subscription' }))
  region = await overview()
  expect(await within(region).findByText('Ends on')).toBeInTheDocument()
  expect(dateBeside(region, 'Ends on')).toBe(date)
  expect(within(region).getByText(`Renewal is off: your subscription ends on ${date}.`)).toBeInTheDocument()
  expect(within(region).getByText('Next invoice (estimate)').nextElementSibling).toHaveTextContent(
    `None: the subscription ends on ${date}`,
  )
}, 40_000)

test('in Portuguese: asked to turn renewal back on, and once it is on already, the owner can only decline', async () => {
  useLocaleStore.setState({ locale: 'pt-BR' })
  const { user } = await renderAppOnGateway('/', { as: 'viewer', prepare: acmeRenewalOff })
  let region = await overview()
  const date = dateBeside(region, 'Termina em')
  expect(
    await within(region).findByText(`A renovação está desativada: sua assinatura termina em ${date}.`),
  ).toBeVisible()

  const ask = await within(region).findByRole('button', { name: 'Pedir para reativar a renovação' })
  await expect.poll(() => isPaused(ask), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(ask)
  expect(
    await within(region).findByText(
      'Você pediu a um administrador de cobrança para reativar a renovação: seu pedido aguarda uma decisão.',
    ),
  ).toBeInTheDocument()
  expect(within(region).getByRole('link', { name: 'Ver seus pedidos' })).toHaveFocus()

  // Meanwhile the owner turns renewal back on with their own control.
  const words = { signOut: 'Sair', email: 'E-mail de trabalho', signIn: 'Entrar' }
  await signOutAndIn(user, demoUsers.owner, words)
  region = await overview()
  const backOn = await within(region).findByRole('button', { name: 'Reativar renovação' })
  await expect.poll(() => isPaused(backOn), { timeout: 10_000, interval: 100 }).toBe(false)
  await user.click(backOn)
  expect(await within(region).findByText('Renova em')).toBeInTheDocument()

  await user.click(await screen.findByRole('link', { name: 'Pedidos de alteração (1)' }, { timeout: 10_000 }))
  const open = await screen.findByRole('region', { name: 'Pedidos em aberto' })
  const card = await within(open).findByRole('article', {
    name: `Reativar a renovação: a assinatura renova em ${date}`,
  })
  expect(
    await within(card).findByText('Este pedido não faz mais sentido: a renovação já está ativada.'),
  ).toBeInTheDocument()
  expect(within(card).queryByRole('button', { name: /^Aprovar/ })).not.toBeInTheDocument()
  expect(within(card).getByRole('button', { name: 'Recusar' })).toBeInTheDocument()
}, 40_000)
