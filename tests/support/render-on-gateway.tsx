/**
 * Renders the whole app on the billing gateway inside MSW (mocks/in-page), as a page of a
 * development or demo build with `?backend=gateway` runs it: the production gateway's request
 * handling, the Zuora simulator as its Zuora, the report computed from what its calls meet. The
 * handlers go in front of the contract backend's for this test only; the session cookie is the
 * one the gateway sets at sign-in (MSW writes it to document.cookie, as in a browser).
 *
 *   const { page } = await renderAppOnGateway('/')
 *   await page.scenarios.select('provider-down', {})
 */
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { onTestFinished } from 'vitest'
import { App } from '@/app/app'
import { mockOrigin, simulatedApiBase } from '../../mocks/api-base'
import { createInPageGateway, type InPageGateway } from '../../mocks/in-page/in-page-gateway'
import { server } from '../../mocks/node'
import { demoUsers } from './render-app'

/** The gateway of this test's page, to switch scenarios on or look into. */
export async function startGatewayPage(): Promise<InPageGateway> {
  const page = createInPageGateway({ apiBase: simulatedApiBase, origin: mockOrigin, storage: globalThis.localStorage })
  await page.restore()
  server.use(...page.handlers)
  onTestFinished(() => {
    page.stop()
    document.cookie = 'billing_session=; Path=/; Max-Age=0'
  })
  return page
}

export async function renderAppOnGateway(
  path: string,
  {
    as = 'owner',
    prepare,
  }: {
    as?: keyof typeof demoUsers | null
    /** Before anyone asks anything: shape the simulated tenant (`page.simulator.control`), then it is saved. */
    prepare?: (page: InPageGateway) => void
  } = {},
) {
  const page = await startGatewayPage()
  if (prepare) {
    prepare(page)
    page.save()
  }
  if (as !== null) {
    const answer = await fetch(`${simulatedApiBase}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: demoUsers[as] }),
    })
    if (!answer.ok) throw new Error(`Signing in as ${as} on the gateway answered ${answer.status}`)
  }
  const user = userEvent.setup()
  return { page, user, ...render(<App initialPath={path} />) }
}
