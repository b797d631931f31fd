import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { expect, onTestFinished, test } from 'vitest'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { server } from '../../mocks/node'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'

const detailsSection = async () => {
  const heading = await screen.findByRole('heading', { name: 'Billing contact and address' })
  const section = heading.closest('section')
  if (!section) throw new Error('The billing details heading is not in a section')
  return within(section)
}

async function openEditor(as: 'owner' | 'viewer' = 'owner') {
  const rendered = await renderApp('/billing-details', { as })
  const section = await detailsSection()
  await section.findByText('billing@acme.test')
  await rendered.user.click(section.getByRole('button', { name: 'Edit billing details' }))
  await section.findByRole('textbox', { name: 'Name' })
  return { ...rendered, section }
}

const puts = (requests: ReturnType<typeof logRequests>) =>
  requests.filter((r) => r.method === 'PUT' && r.path === '/api/billing-details')

test('the owner sees the billing contact, address and tax id', async () => {
  await renderApp('/billing-details')
  expect(await screen.findByRole('heading', { level: 1, name: 'Billing details' })).toBeInTheDocument()
  const section = await detailsSection()
  expect(await section.findByText('Ana Souza')).toBeInTheDocument()
  expect(section.getByText('billing@acme.test')).toBeInTheDocument()
  expect(section.getByText('+1 415 555 0134')).toBeInTheDocument()
  expect(section.getByText('500 Market Street')).toBeInTheDocument()
  expect(section.getByText('San Francisco, CA, 94105')).toBeInTheDocument()
  expect(section.getByText('United States')).toBeInTheDocument()
  expect(section.getByText('94-1234567')).toBeInTheDocument()
})

test('invalid fields are shown next to each field and in a summary, focus goes to the first, and nothing is sent', async () => {
  const requests = logRequests()
  const { user, section } = await openEditor()
  const email = section.getByRole('textbox', { name: 'Email' })
  const city = section.getByRole('textbox', { name: 'City' })
  expect(section.getByRole('textbox', { name: 'Name' })).toHaveFocus()

  await user.clear(email)
  await user.type(email, 'not-an-email')
  await user.clear(city)
  await user.click(section.getByRole('button', { name: 'Save billing details' }))

  expect(email).toHaveAccessibleDescription('Enter an email address like name@example.com.')
  expect(email).toHaveAttribute('aria-invalid', 'true')
  expect(city).toHaveAccessibleDescription('Enter this.')
  expect(email).toHaveFocus()
  const summary = section.getByRole('alert')
  expect(summary).toHaveTextContent('Fix 2 fields to save:')
  expect(summary).toHaveTextContent('Email: Enter an email address like name@example.com.')
  expect(summary).toHaveTextContent('City: Enter this.')

  // The summary jumps to the field it names.
  await user.click(within(summary).getByRole('button', { name: 'City: Enter this.' }))
  expect(city).toHaveFocus()
  expect(puts(requests)).toEqual([])
})

test('a valid change is saved with PUT and the new values are shown', async () => {
  const requests = logRequests()
  const { user, section } = await openEditor()
  const city = section.getByRole('textbox', { name: 'City' })
  await user.clear(city)
  await user.type(city, 'Oakland')
  await user.clear(section.getByRole('textbox', { name: 'Phone (optional)' }))
  await user.selectOptions(section.getByRole('combobox', { name: 'Country' }), 'CA')
  await user.click(section.getByRole('button', { name: 'Save billing details' }))

  expect(await screen.findByText('Billing details saved')).toBeInTheDocument()
  expect(screen.getByText('Billing details saved').closest('[role="status"]')).not.toBeNull()
  expect(await section.findByText('Oakland, CA, 94105')).toBeInTheDocument()
  expect(section.getByText('Canada')).toBeInTheDocument()
  expect(section.getByText('Not provided')).toBeInTheDocument()
  expect(section.queryByRole('textbox', { name: 'City' })).not.toBeInTheDocument()
  expect(puts(requests)).toHaveLength(1)
  // Back where the admin started.
  expect(section.getByRole('button', { name: 'Edit billing details' })).toHaveFocus()
})

test('a field the server refuses (422) is shown on that field', async () => {
  server.use(
    http.put('*/api/billing-details', () =>
      HttpResponse.json(
        {
          error: {
            code: 'validation_failed',
            message: 'Some fields are not valid: address.postalCode.',
            fields: { 'address.postalCode': 'This postal code does not exist in the United States.' },
          },
        },
        { status: 422 },
      ),
    ),
  )
  const { user, section } = await openEditor()
  await user.click(section.getByRole('button', { name: 'Save billing details' }))

  const postalCode = section.getByRole('textbox', { name: 'Postal code' })
  await waitFor(() =>
    expect(postalCode).toHaveAccessibleDescription(
      'Billing did not accept this value: This postal code does not exist in the United States.',
    ),
  )
  expect(postalCode).toHaveFocus()
  expect(section.getByRole('alert')).toHaveTextContent('Fix 1 field to save:')
  expect(screen.queryByText('Billing details saved')).not.toBeInTheDocument()
})

test('a save that fails for another reason says so and keeps the form', async () => {
  server.use(
    http.put('*/api/billing-details', () =>
      HttpResponse.json({ error: { code: 'unavailable', message: 'down' } }, { status: 503 }),
    ),
  )
  const { user, section } = await openEditor()
  await user.click(section.getByRole('button', { name: 'Save billing details' }))
  const alert = await section.findByRole('alert')
  expect(alert).toHaveTextContent('Billing details were not saved.')
  expect(alert).toHaveTextContent('Billing is unavailable right now.')
  expect(section.getByRole('textbox', { name: 'City' })).toHaveValue('San Francisco')
})

test('cancel restores the saved values and sends nothing', async () => {
  const requests = logRequests()
  const { user, section } = await openEditor()
  await user.clear(section.getByRole('textbox', { name: 'City' }))
  await user.type(section.getByRole('textbox', { name: 'City' }), 'Nowhere')
  await user.click(section.getByRole('button', { name: 'Cancel' }))
  expect(await section.findByText('San Francisco, CA, 94105')).toBeInTheDocument()
  expect(section.queryByText(/Nowhere/)).not.toBeInTheDocument()
  expect(puts(requests)).toEqual([])
  expect(section.getByRole('button', { name: 'Edit billing details' })).toHaveFocus()
})

test('unsaved changes survive a reload and are cleared by cancel', async () => {
  const first = await openEditor()
  await first.user.clear(first.section.getByRole('textbox', { name: 'City' }))
  await first.user.type(first.section.getByRole('textbox', { name: 'City' }), 'Oakland')
  first.unmount()

  // "Reload": a new app in the same tab (sessionStorage is kept).
  const second = await renderApp('/billing-details')
  const section = await detailsSection()
  expect(await section.findByRole('textbox', { name: 'City' })).toHaveValue('Oakland')
  expect(section.getByText(/Your unsaved changes from earlier are back/)).toBeInTheDocument()
  await second.user.click(section.getByRole('button', { name: 'Cancel' }))
  second.unmount()

  await renderApp('/billing-details')
  const third = await detailsSection()
  expect(await third.findByText('San Francisco, CA, 94105')).toBeInTheDocument()
  expect(third.queryByRole('textbox', { name: 'City' })).not.toBeInTheDocument()
})

test('an admin without billing rights sees Edit disabled with the reason', async () => {
  const { user } = await renderApp('/billing-details', { as: 'viewer' })
  const section = await detailsSection()
  await section.findByText('billing@acme.test')
  const edit = section.getByRole('button', { name: 'Edit billing details' })
  expect(edit).toHaveAttribute('aria-disabled', 'true')
  expect(edit).toHaveAccessibleDescription('Only billing admins can change this')
  await user.click(edit)
  expect(section.queryByRole('textbox', { name: 'Name' })).not.toBeInTheDocument()
})

test('the page works in Brazilian Portuguese, with country names in Portuguese', async () => {
  useLocaleStore.getState().setLocale('pt-BR')
  onTestFinished(() => useLocaleStore.getState().setLocale('en'))
  await renderApp('/billing-details')
  expect(await screen.findByRole('heading', { level: 1, name: 'Dados de cobrança' })).toBeInTheDocument()
  expect(await screen.findByText('Estados Unidos')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Editar dados de cobrança' })).toBeInTheDocument()
})
