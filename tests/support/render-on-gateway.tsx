/**
 * The app on this test's billing gateway, its simulated Zuora shaped first:
 *
 *   const { page } = await renderAppOnGateway('/', { prepare: (page) => ... })
 *   await page.scenarios.select('provider-down', {})
 */
import type { InPageGateway } from '../../mocks/in-page/in-page-gateway'
import { demoUsers, renderApp } from './render-app'
import { testGateway } from './test-gateway'

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
  if (prepare) {
    prepare(testGateway())
    await testGateway().save()
  }
  return renderApp(path, { as })
}
