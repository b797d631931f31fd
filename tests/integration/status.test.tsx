import { act, screen, waitFor, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { http, HttpResponse } from 'msw'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { server } from '../../mocks/node'
import { currentReport, setMaintenance } from '../support/billing-status'
import { gatewayAs } from '../support/gateway-as'
import { renderApp, signInPage } from '../support/render-app'
import { logRequests } from '../support/request-log'

const section = async (name: string) => {
  const heading = await screen.findByRole('heading', { level: 2, name })
  const element = heading.closest('section')
  if (!element) throw new Error(`${name} is not a section`)
  return within(element)
}

const timelineItems = async () => {
  const timeline = await section('Timeline of updates')
  return timeline.getAllByRole('listitem')
}

const ownPaths = new Set([
  '/api/me',
  '/api/billing-status',
  '/api/alerts',
  '/api/account',
  '/api/catalog',
  '/api/change-requests',
])

test('the owner sees the state in plain words, components, and a timeline newest first with UTC and local times', async () => {
  await signInPage('owner')
  const requests = logRequests() // what the page sends, from its first request
  await renderApp('/status', { as: null })
  expect(await screen.findByRole('heading', { level: 1, name: 'Billing status' })).toBeInTheDocument()
  const overview = await section('Current state')
  expect(await overview.findByText('Billing is operating normally')).toBeInTheDocument()

  const components = await section('Upstream components')
  const row = components.getByRole('row', { name: /Invoices and PDFs/ })
  expect(within(row).getByText('Operational')).toBeInTheDocument()
  expect(components.getByRole('rowheader', { name: 'Billing API' })).toBeInTheDocument()
  expect(components.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
    'Component',
    'Used for',
    'Health',
    'Since',
  ])

  const items = await timelineItems()
  expect(items).toHaveLength(3)
  expect(items[0]).toHaveTextContent('Invoices and PDFs: answering normally again')
  expect(items[2]).toHaveTextContent('Maintenance started')
  const time = items[0]?.querySelector('time')
  expect(time?.getAttribute('dateTime')).toMatch(/^\d{4}-\d\d-\d\dT/)
  expect(time).toHaveTextContent(/UTC · .+ \(your time, .+\)/)

  // This page calls nothing provider-backed.
  await waitFor(() => expect(requests.length).toBeGreaterThan(0))
  expect(requests.filter((r) => !ownPaths.has(r.path))).toEqual([])
})

test('the owner sees the maintenance switch disabled with the reason, and no alerts', async () => {
  await signInPage('owner')
  const requests = logRequests()
  await renderApp('/status', { as: null })
  const controls = await section('Maintenance mode')
  const button = await controls.findByRole('button', { name: 'Switch maintenance on' })
  expect(button).toHaveAttribute('aria-disabled', 'true')
  expect(button).toHaveAccessibleDescription('Only billing operators can do this')
  expect(controls.queryByRole('textbox')).not.toBeInTheDocument()
  expect(screen.queryByRole('heading', { name: 'Alerts from clients' })).not.toBeInTheDocument()
  expect(requests.some((r) => r.path === '/api/alerts')).toBe(false)
})

test('during maintenance everyone sees the message, since when, and what works and what is paused', async () => {
  await setMaintenance({
    enabled: true,
    message: 'The billing provider is down.',
    reason: 'provider_outage',
    nextUpdateAt: new Date(Date.now() + 3_600_000).toISOString(),
  })
  await renderApp('/status', { as: 'viewer' })
  const overview = await section('Current state')
  expect(await overview.findByText('Billing is in maintenance: The billing provider is down.')).toBeInTheDocument()
  expect(overview.getByText('Billing provider outage')).toBeInTheDocument()
  expect(overview.getByRole('heading', { name: 'What still works' })).toBeInTheDocument()
  expect(overview.getByText(/Viewing your subscription, invoices/)).toBeInTheDocument()
  expect(overview.getByText('Checkout (placing orders)')).toBeInTheDocument()
  expect(overview.getByText('Updating billing details')).toBeInTheDocument()
  expect(overview.getAllByText(/UTC · /)).toHaveLength(2) // since and next update
})

test('an operator switches maintenance on with a message; the page says maintenance and the timeline shows it first', async () => {
  const requests = logRequests()
  const { user } = await renderApp('/status', { as: 'operator' })
  const controls = await section('Maintenance mode')
  await user.type(await controls.findByRole('textbox', { name: 'Message in English' }), 'Zuora is down, we are on it.')
  await user.selectOptions(controls.getByRole('combobox', { name: 'Reason' }), 'provider_outage')
  await user.click(controls.getByRole('button', { name: 'Switch maintenance on' }))

  const overview = await section('Current state')
  expect(await overview.findByText('Billing is in maintenance: Zuora is down, we are on it.')).toBeInTheDocument()
  expect(await screen.findByText(/Maintenance is on\. Admins now see your message/)).toBeInTheDocument()
  const items = await timelineItems()
  expect(items[0]).toHaveTextContent('Maintenance started')
  expect(items[0]).toHaveTextContent('Zuora is down, we are on it.')
  expect(requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/api/billing-status/maintenance'])
  // Now the switch offers the way back.
  expect(controls.getByRole('button', { name: 'Switch maintenance off' })).toBeInTheDocument()
})

test('an operator must write a message in at least one language, and nothing is sent without one', async () => {
  const requests = logRequests()
  const { user } = await renderApp('/status', { as: 'operator' })
  const controls = await section('Maintenance mode')
  await user.type(await controls.findByRole('textbox', { name: 'Message in Portuguese (Brazil)' }), '   ')
  await user.click(controls.getByRole('button', { name: 'Switch maintenance on' }))
  const message = controls.getByRole('textbox', { name: 'Message in English' })
  expect(message).toHaveAccessibleDescription(
    expect.stringContaining('Enter a message for the admins in at least one language'),
  )
  expect(message).toHaveFocus()
  expect(requests.filter((r) => r.method === 'PUT')).toEqual([])
})

test('an operator writes the message in both languages: both are sent, and each admin reads their own', async () => {
  const sent: unknown[] = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'PUT')
      void request
        .clone()
        .json()
        .then((body: unknown) => sent.push(body))
  })
  const { user } = await renderApp('/status', { as: 'operator' })
  const controls = await section('Maintenance mode')
  expect(await controls.findByRole('group', { name: 'Message for admins' })).toHaveAccessibleDescription(
    expect.stringContaining('admins whose language is left empty read the one you wrote'),
  )
  await user.type(controls.getByRole('textbox', { name: 'Message in English' }), 'Provider upgrade until 14:00 UTC.')
  await user.type(
    controls.getByRole('textbox', { name: 'Message in Portuguese (Brazil)' }),
    'Atualização do provedor até 14:00 UTC.',
  )
  await user.click(controls.getByRole('button', { name: 'Switch maintenance on' }))

  const overview = await section('Current state')
  expect(await overview.findByText('Billing is in maintenance: Provider upgrade until 14:00 UTC.')).toBeInTheDocument()
  expect(sent).toEqual([
    expect.objectContaining({
      enabled: true,
      message: 'Provider upgrade until 14:00 UTC.',
      messages: { en: 'Provider upgrade until 14:00 UTC.', 'pt-BR': 'Atualização do provedor até 14:00 UTC.' },
    }),
  ])
  expect((await currentReport()).maintenance.messages).toEqual({
    en: 'Provider upgrade until 14:00 UTC.',
    'pt-BR': 'Atualização do provedor até 14:00 UTC.',
  })
  // The same page in Portuguese reads the Portuguese message (the banner: resilience-maintenance-messages.test.tsx).
  act(() => useLocaleStore.setState({ locale: 'pt-BR' }))
  expect(
    await overview.findByText('O faturamento está em manutenção: Atualização do provedor até 14:00 UTC.'),
  ).toBeInTheDocument()
  expect(overview.queryByText(/Provider upgrade until 14:00 UTC\./)).not.toBeInTheDocument()
})

test("the server's refusal of one language's message is shown on that language's field", async () => {
  server.use(
    http.put('*/api/billing-status/maintenance', () =>
      HttpResponse.json(
        {
          error: {
            code: 'validation_failed',
            message: 'Some fields are not valid: messages.pt-BR.',
            fields: { 'messages.pt-BR': 'Too long' },
          },
        },
        { status: 422 },
      ),
    ),
  )
  const { user } = await renderApp('/status', { as: 'operator' })
  const controls = await section('Maintenance mode')
  await user.type(await controls.findByRole('textbox', { name: 'Message in English' }), 'Provider upgrade.')
  await user.type(controls.getByRole('textbox', { name: 'Message in Portuguese (Brazil)' }), 'Atualização do provedor.')
  await user.click(controls.getByRole('button', { name: 'Switch maintenance on' }))

  const portuguese = controls.getByRole('textbox', { name: 'Message in Portuguese (Brazil)' })
  await waitFor(() =>
    expect(portuguese).toHaveAccessibleDescription(
      'Enter a message for the admins in at least one language (up to 500 characters).',
    ),
  )
  expect(portuguese).toHaveAttribute('aria-invalid', 'true')
  expect(controls.getByRole('textbox', { name: 'Message in English' })).not.toHaveAttribute('aria-invalid')
  expect(screen.queryByText('Maintenance mode was not changed.')).not.toBeInTheDocument()
})

test('an operator switches maintenance off with a closing message', async () => {
  await setMaintenance({ enabled: true, message: 'Provider outage.', reason: 'provider_outage', nextUpdateAt: null })
  const { user } = await renderApp('/status', { as: 'operator' })
  const overview = await section('Current state')
  await overview.findByText('Billing is in maintenance: Provider outage.')
  const controls = await section('Maintenance mode')
  await user.type(controls.getByRole('textbox', { name: 'Message in English' }), 'Billing is back to normal.')
  await user.click(controls.getByRole('button', { name: 'Switch maintenance off' }))

  expect(await overview.findByText('Billing is operating normally')).toBeInTheDocument()
  const items = await timelineItems()
  expect(items[0]).toHaveTextContent('Maintenance ended')
  expect(items[0]).toHaveTextContent('Billing is back to normal.')
  expect(await controls.findByRole('button', { name: 'Switch maintenance on' })).toBeInTheDocument()
})

test('an operator sees the alerts raised by clients', async () => {
  // A client's breaker opened on Acme's invoices, twice in the same incident (usr_ana: owner@acme.test).
  const client = await gatewayAs('owner')
  const alert = {
    kind: 'breaker_open',
    incidentId: 'inc-42',
    capability: 'invoices',
    occurredAt: new Date().toISOString(),
    detail: '5 failures in 10 s',
  }
  for (const _time of [1, 2]) expect((await client.send('POST', '/alerts', alert)).status).toBe(202)
  await renderApp('/status', { as: 'operator' })
  const alerts = await section('Alerts from clients')
  const row = await alerts.findByRole('row', { name: /Breaker opened/ })
  expect(within(row).getByText('Invoices and PDFs')).toBeInTheDocument()
  expect(within(row).getByText('inc-42')).toBeInTheDocument()
  expect(within(row).getByText('2')).toBeInTheDocument()
})

test('an operator with no alerts sees the empty state', async () => {
  await renderApp('/status', { as: 'operator' })
  const alerts = await section('Alerts from clients')
  expect(await alerts.findByText('No alerts from clients')).toBeInTheDocument()
})

test('while this browser has billing in automatic maintenance, the status page says so instead of "operating normally"', async () => {
  server.use(
    http.get('*/api/subscription', () =>
      HttpResponse.json({ error: { code: 'upstream', message: 'down' } }, { status: 503 }),
    ),
  )
  const { user } = await renderApp('/')
  // Five failed attempts with their backoff (src/config/resilience.ts) open the breaker.
  expect(
    await screen.findByText('Billing is unavailable: changes are paused', {}, { timeout: 10_000 }),
  ).toBeInTheDocument()

  await user.click(
    within(screen.getByRole('navigation', { name: 'Billing' })).getByRole('link', { name: 'Billing status' }),
  )
  expect(await screen.findByText('Billing is unavailable: changes are paused automatically')).toBeInTheDocument()
  expect(screen.queryByText('Billing is operating normally')).not.toBeInTheDocument()
  // This browser's breaker paused it: the banner and the page give that same cause.
  expect(screen.getByText(/^Our billing provider is not responding/)).toBeInTheDocument()
  expect(screen.getByText(/^This browser cannot reach our billing provider/)).toBeInTheDocument()
  expect(screen.queryByText(/Our health check reports/)).not.toBeInTheDocument()
  expect(screen.getByRole('heading', { name: 'What is paused' })).toBeInTheDocument()
})
