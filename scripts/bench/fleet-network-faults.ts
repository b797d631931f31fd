/**
 * Faults between the gateway and Zuora rather than at Zuora (issue 17, item 5): one gateway on
 * Node calling the Zuora simulator over HTTP through the fault proxy (scripts/fault-proxy), the
 * gateway knowing nothing of it. Measured: fault → report `down` for connections that never
 * answer and for connections reset, and the report during seconds of added latency (it must not
 * say down; slow may say degraded). Loopback only; bounded by the proxy's and the gateway's time-outs.
 */
import { demoBillingCatalog, demoGatewayDirectory, demoPaymentPageId, demoZuoraClient } from '../../mocks/gateway-demo'
import { createGateway } from '../../gateway/compose'
import { startHost } from '../../gateway/node/http-host'
import { startFaultProxy, type Faults } from '../fault-proxy/proxy'
import { startZuoraSimServer } from '../zuora-sim'
import { subscriptionComponent, type ComponentStatus } from './gateway-client'

export type NetworkFaultFigures = {
  hangDownMs: number | null
  resetDownMs: number | null
  /** Every state the report published during 10 s of 2.5 s added latency. */
  latencyStates: ComponentStatus[]
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function networkFaults(progress: (message: string) => void): Promise<NetworkFaultFigures> {
  const zuora = await startZuoraSimServer()
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: Number(new URL(zuora.url).port) } })
  const gateway = createGateway({
    http: (request) => fetch(request),
    zuora: { ...demoZuoraClient, baseUrl: proxy.url },
    catalog: demoBillingCatalog(),
    directory: demoGatewayDirectory(new Date()),
    identity: { mode: 'email-only' },
    paymentPages: { pageId: demoPaymentPageId, uri: `${proxy.url}/apps/PublicHostedPageLite.do` },
  })
  gateway.start()
  const host = await startHost({ fetch: gateway.fetch, port: 0, host: '127.0.0.1', root: null })
  const health = () => subscriptionComponent(host.url)
  const until = async (wanted: ComponentStatus, timeoutMs: number) => {
    const started = Date.now()
    while (Date.now() - started < timeoutMs) {
      if ((await health()) === wanted) return Date.now() - started
      await pause(100)
    }
    return null
  }
  /** Faults for new connections, after closing the open ones (a pool keeps what it had). */
  const apply = async (faults: Partial<Faults>) => {
    proxy.setFaults({ down: true })
    await pause(50)
    proxy.setFaults({ down: false, hang: 0, reset: 0, latencyMs: 0, ...faults })
  }
  try {
    await until('operational', 30_000)
    await pause(2_000)

    progress('network faults: connections that never answer')
    await apply({ hang: 1 })
    const hangDownMs = await until('down', 30_000)
    await apply({})
    await until('operational', 60_000)

    progress('network faults: connections reset')
    await apply({ reset: 1 })
    const resetDownMs = await until('down', 30_000)
    await apply({})
    await until('operational', 60_000)

    progress('network faults: 2.5 s added to every answer for 10 s')
    await apply({ latencyMs: 2_500 })
    const latencyStates = new Set<ComponentStatus>()
    for (const started = Date.now(); Date.now() - started < 10_000; await pause(250)) {
      const now = await health()
      if (now) latencyStates.add(now)
    }
    return { hangDownMs, resetDownMs, latencyStates: [...latencyStates] }
  } finally {
    gateway.stop()
    await host.close(1_000)
    await proxy.close()
    await zuora.close()
  }
}
