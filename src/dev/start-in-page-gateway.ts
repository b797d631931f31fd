/**
 * Development and demo builds only: the simulated backend of every page is the billing gateway:
 * the gateway and the Zuora simulator in this page behind MSW's service worker, what an earlier
 * load or another tab left taken up first, then the scenario of this load (a `?scenario=` link,
 * else the stored choice) and the toolbar.
 */
import { setupWorker } from 'msw/browser'
import { mockOrigin, simulatedApiBase } from '../../mocks/api-base'
import { defaultStorage } from '../../mocks/in-page/key-value-storage'
import { createGatewayScenarioRunner } from '../../mocks/in-page/gateway-scenario-runner'
import { createInPageGateway } from '../../mocks/in-page/in-page-gateway'
import { readScenarioLink } from '../../mocks/scenarios/scenario-link'
import { isGatewayHostedPage, showGatewayHostedPage } from './gateway-hosted-page'
import { mountScenarioToolbar } from './mount-scenario-toolbar'
import { waitForWorkerControl } from './wait-for-worker-control'

/** 'page' when this load is the gateway's hosted payment page (shown instead of the app). */
export async function startInPageGateway(): Promise<'app' | 'page'> {
  const storage = defaultStorage()
  const backend = createInPageGateway({ apiBase: simulatedApiBase, origin: mockOrigin, storage })
  await backend.restore()
  const worker = setupWorker(...backend.handlers)
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  })
  await waitForWorkerControl()
  if (isGatewayHostedPage(window.location.pathname)) {
    await showGatewayHostedPage()
    return 'page'
  }
  const runner = createGatewayScenarioRunner({ backend, storage: storage ?? undefined })
  const link = readScenarioLink(window.location.href)
  if (link) {
    window.history.replaceState(window.history.state, '', link.cleanUrl)
    await runner.select(link.name, link.options)
  } else {
    await runner.restore()
  }
  runner.watchOtherTabs(window)
  mountScenarioToolbar(runner, link?.problems ?? [])
  return 'app'
}
