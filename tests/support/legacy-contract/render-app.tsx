import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { App } from '@/app/app'
import { db } from '../../../mocks/db'

export const demoUsers = {
  owner: 'owner@acme.test',
  viewer: 'viewer@acme.test',
  operator: 'ops@vendor.test',
} as const

/**
 * Renders the whole app (real providers, router and request layer) at a path, signed in as a demo
 * user on the simulated backend, the way an admin would open it. `strict`: in StrictMode, as
 * main.tsx mounts it under the dev server, where React runs effects and state initialisers twice.
 */
export function renderApp(
  path: string,
  {
    as = 'owner',
    account,
    strict = false,
  }: { as?: keyof typeof demoUsers | null; account?: string; strict?: boolean } = {},
) {
  if (as === null) db.signOut()
  else db.signInAs(demoUsers[as])
  if (as !== null && account) db.switchAccount(account)
  const user = userEvent.setup()
  const app = <App initialPath={path} />
  return { user, ...render(strict ? <StrictMode>{app}</StrictMode> : app) }
}
