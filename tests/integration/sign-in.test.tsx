/**
 * Signing in by email and password (the billing gateway checks it against its directory), and by
 * email alone on the simulated backend, whose demo users need no password.
 */
import { screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { expect, onTestFinished, test } from 'vitest'
import { useLocaleStore } from '@/lib/i18n/locale-store'
import { server } from '../../mocks/node'
import { requestsTo } from '../support/faults'
import { renderApp } from '../support/render-app'
import { logRequests } from '../support/request-log'

/** The bodies of the sign-ins sent from now on, as the server received them. */
function signInBodies(): unknown[] {
  const bodies: unknown[] = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST' && new URL(request.url).pathname === '/api/session')
      void request
        .clone()
        .json()
        .then((body: unknown) => bodies.push(body))
  })
  return bodies
}

/** The gateway's answer to a wrong email or password (it names the email field; the page must not). */
const refused = (status: 401 | 422) =>
  HttpResponse.json(
    {
      error: {
        code: 'invalid_credentials',
        message: 'Email or password is not right.',
        fields: { email: 'Email or password is not right.' },
      },
    },
    { status },
  )

test('the password field is labelled, for password managers, not required, and says demo users need none; the keyboard reaches it', async () => {
  const { user } = await renderApp('/sign-in', { as: null })
  const email = await screen.findByRole('textbox', { name: 'Work email' })
  const password = screen.getByLabelText('Password')

  expect(password).toHaveAttribute('type', 'password')
  expect(password).toHaveAttribute('autocomplete', 'current-password')
  expect(password).not.toBeRequired()
  expect(password).toHaveAccessibleDescription('Demo users need no password.')

  await user.click(email)
  await user.tab()
  expect(password).toHaveFocus()
  await user.tab()
  expect(screen.getByRole('button', { name: 'Sign in' })).toHaveFocus()
})

test('the simulated backend signs a demo user in with a password, which it ignores', async () => {
  const bodies = signInBodies()
  const { user } = await renderApp('/sign-in', { as: null })
  await user.type(await screen.findByRole('textbox', { name: 'Work email' }), 'owner@acme.test')
  await user.type(screen.getByLabelText('Password'), 'anything at all')
  await user.keyboard('{Enter}')

  expect(await screen.findByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  expect(bodies).toEqual([{ email: 'owner@acme.test', password: 'anything at all' }])
})

test('a password typed and cleared again is not sent', async () => {
  const bodies = signInBodies()
  const { user } = await renderApp('/sign-in', { as: null })
  await user.type(await screen.findByRole('textbox', { name: 'Work email' }), 'owner@acme.test')
  await user.type(screen.getByLabelText('Password'), 'x')
  await user.clear(screen.getByLabelText('Password'))
  await user.click(screen.getByRole('button', { name: 'Sign in' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Subscription' })).toBeInTheDocument()
  expect(bodies).toEqual([{ email: 'owner@acme.test' }])
})

test.each([401, 422] as const)(
  'a refused sign-in (%i invalid_credentials) says "Email or password is not right", naming neither',
  async (status) => {
    server.use(http.post('*/api/session', () => refused(status)))
    const { user } = await renderApp('/sign-in', { as: null })
    const email = await screen.findByRole('textbox', { name: 'Work email' })
    await user.type(email, 'owner@acme.test')
    await user.type(screen.getByLabelText('Password'), 'wrong')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is not right.')
    expect(email).not.toHaveAttribute('aria-invalid')
    expect(screen.getByLabelText('Password')).not.toHaveAttribute('aria-invalid')
    expect(screen.queryByText('We could not find an account for this email.')).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in to billing' })).toBeInTheDocument()
  },
)

test('a password longer than any can be is refused without asking the server, with the same words', async () => {
  const log = logRequests()
  const { user } = await renderApp('/sign-in', { as: null })
  await user.type(await screen.findByRole('textbox', { name: 'Work email' }), 'owner@acme.test')
  await user.click(screen.getByLabelText('Password'))
  await user.paste('x'.repeat(1025))
  await user.click(screen.getByRole('button', { name: 'Sign in' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is not right.')
  expect(requestsTo(log, '/api/session', 'POST')).toHaveLength(0)
})

test('in Brazilian Portuguese: the field, its hint and the refusal', async () => {
  useLocaleStore.getState().setLocale('pt-BR')
  onTestFinished(() => useLocaleStore.getState().setLocale('en'))
  server.use(http.post('*/api/session', () => refused(401)))
  const { user } = await renderApp('/sign-in', { as: null })
  await user.type(await screen.findByRole('textbox', { name: 'E-mail de trabalho' }), 'owner@acme.test')
  const password = screen.getByLabelText('Senha')
  expect(password).toHaveAccessibleDescription('Usuários de demonstração não precisam de senha.')
  await user.type(password, 'errada')
  await user.click(screen.getByRole('button', { name: 'Entrar' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('E-mail ou senha incorretos.')
})
