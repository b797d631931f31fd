import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { App } from '@/app/app'
import { simulatedApiBase } from '../../mocks/api-base'
import { demoUsers } from './demo-users'
import { testGateway } from './test-gateway'

export { demoUsers }

/** Signs this page in on the test's gateway (its session cookie lands in document.cookie, as in a browser). */
export async function signInPage(as: keyof typeof demoUsers, account?: string): Promise<void> {
  const send = async (method: string, path: string, body: unknown) => {
    const answer = await fetch(`${simulatedApiBase}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!answer.ok) throw new Error(`${method} ${path} as ${as} answered ${answer.status}: ${await answer.text()}`)
  }
  await send('POST', '/session', { email: demoUsers[as] })
  if (account) await send('PUT', '/session/account', { accountId: account })
}

/**
 * Renders the whole app (real providers, router and request layer) at a path, signed in as a demo
 * user on this test's billing gateway (tests/support/test-gateway.ts), the way an admin would open
 * it. `strict`: in StrictMode, as main.tsx mounts it under the dev server, where React runs effects
 * and state initialisers twice.
 */
export async function renderApp(
  path: string,
  {
    as = 'owner',
    account,
    strict = false,
  }: { as?: keyof typeof demoUsers | null; account?: string; strict?: boolean } = {},
) {
  testGateway() // a page test without the setup's gateway fails here, saying why
  if (as !== null) await signInPage(as, account)
  const user = userEvent.setup()
  const app = <App initialPath={path} />
  return { user, page: testGateway(), ...render(strict ? <StrictMode>{app}</StrictMode> : app) }
}
