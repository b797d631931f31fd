/**
 * What disabled controls and the banner say, in the admin's language: a short reason beneath each
 * control (once under the page header's two buttons, which pause together), and the operators'
 * message once, in the banner (in the admin's language when the operators wrote it, else in the one
 * they gave).
 */
import { screen, within } from '@testing-library/react'
import { beforeEach, expect, test } from 'vitest'
import { useCartStore } from '@/billing/cart-store'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { reportSays, setMaintenance } from '../support/billing-status'
import { renderApp, signInPage } from '../support/render-app'
import { logRequests } from '../support/request-log'

beforeEach(async () => {
  await useCartStore.persist.rehydrate()
  useLocaleStore.setState({ locale: 'pt-BR' })
})

const english = 'We are moving billing to a new provider region until 14:00 UTC.'
const portuguese = 'Estamos levando o faturamento para uma nova região do provedor até 14:00 UTC.'
const controls = ['Alterar licenças', 'Mudar de plano', 'Gerenciar complementos', 'Desativar renovação']

/** The reasons to the eye: the page header's two buttons say theirs once, under both (action-group.tsx). */
const shownReasons = (reason: string) =>
  screen.getAllByText(reason).filter((text) => !text.classList.contains('visually-hidden'))

/** The subscription page's four change controls (renewal included), once the plan has loaded. */
async function changeControls() {
  const overview = within(await screen.findByRole('region', { name: 'Visão geral' }))
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  // The renewal control's code loads as the overview renders (renewal-slot.tsx).
  return Promise.all(controls.map((name) => screen.findByRole('button', { name })))
}

test("in maintenance, in Portuguese: the operators' Portuguese message once, in the banner, and each paused control its short reason", async () => {
  await setMaintenance({
    enabled: true,
    reason: 'scheduled',
    message: english,
    messages: { en: english, 'pt-BR': portuguese },
    nextUpdateAt: null,
  })
  await signInPage('owner')
  const log = logRequests() // what the page sends, from its first request
  const { user } = await renderApp('/', { as: null })

  const banner = await screen.findByRole('alert')
  expect(within(banner).getByText('O faturamento está em manutenção')).toBeInTheDocument()
  expect(within(banner).getByText(portuguese)).toBeInTheDocument()
  const buttons = await changeControls()
  expect(screen.getAllByText(portuguese)).toHaveLength(1)
  expect(screen.queryByText(new RegExp(english.slice(0, 30)))).not.toBeInTheDocument()

  const reason = 'Pausado: o faturamento está em manutenção'
  for (const button of buttons) {
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveAccessibleDescription(reason)
  }
  expect(shownReasons(reason)).toHaveLength(controls.length - 1)

  await user.click(buttons[0]!)
  expect(screen.queryByRole('spinbutton')).not.toBeInTheDocument()
  expect(log.filter((request) => request.method !== 'GET' && request.path !== '/api/alerts')).toEqual([])
})

test('with the message in English only, the Portuguese banner falls back to it, once', async () => {
  await setMaintenance({ enabled: true, reason: 'scheduled', message: english, nextUpdateAt: null })
  await renderApp('/')

  const banner = await screen.findByRole('alert')
  expect(within(banner).getByText(english)).toBeInTheDocument()
  for (const button of await changeControls())
    expect(button).toHaveAccessibleDescription('Pausado: o faturamento está em manutenção')
  expect(screen.getAllByText(english)).toHaveLength(1)
})

test('with the message in Portuguese only, the English banner shows it, and the controls say why in English', async () => {
  useLocaleStore.setState({ locale: 'en' })
  await setMaintenance({ enabled: true, reason: 'scheduled', messages: { 'pt-BR': portuguese }, nextUpdateAt: null })
  await renderApp('/')

  expect(within(await screen.findByRole('alert')).getByText(portuguese)).toBeInTheDocument()
  const overview = within(await screen.findByRole('region', { name: 'Overview' }))
  expect(await overview.findByText('Professional')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Change seats' })).toHaveAccessibleDescription(
    'Paused: billing is in maintenance',
  )
  expect(screen.getAllByText(portuguese)).toHaveLength(1)
})

test('the provider reported down, in Portuguese: each control says so in a few words, the banner tells the rest', async () => {
  reportSays({ subscription: 'down', invoices: 'down', payments: 'down', billingDetails: 'down' })
  await renderApp('/')

  const banner = await screen.findByRole('alert')
  expect(within(banner).getByText('O faturamento está indisponível: alterações pausadas')).toBeInTheDocument()
  const reason = 'Pausado: o provedor de faturamento está indisponível'
  const changePlan = await screen.findByRole('button', { name: 'Mudar de plano' })
  expect(changePlan).toHaveAttribute('aria-disabled', 'true')
  expect(changePlan).toHaveAccessibleDescription(reason)
  expect(screen.getByRole('button', { name: 'Gerenciar complementos' })).toHaveAccessibleDescription(reason)
})

// The viewer's change controls build a change request instead (tests/integration/requests-ask.test.tsx).
test('an operator, in Portuguese, sees the permission reason on each change control', async () => {
  await signInPage('operator')
  const log = logRequests() // what the page sends, from its first request
  const { user } = await renderApp('/', { as: null })

  const buttons = await changeControls()
  for (const button of buttons) {
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveAccessibleDescription('Só administradores de faturamento podem alterar isto')
  }
  expect(shownReasons('Só administradores de faturamento podem alterar isto')).toHaveLength(controls.length - 1)
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()

  await user.click(buttons[1]!)
  expect(screen.getByRole('heading', { level: 1, name: 'Assinatura' })).toBeInTheDocument()
  expect(log.filter((request) => request.method !== 'GET')).toEqual([])
})
