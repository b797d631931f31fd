/**
 * `npm run bench -- --only gateway`: the billing gateway's figures for issue 16, no browser, no build.
 *
 * 1. The health detector on its seeded simulation (gateway-sim.ts): every Zuora fault at no traffic
 *    and at one admin over `--seeds` seeds, recovery, and 30 healthy minutes with 1 % errors.
 * 2. The gateway on Node with its Zuora simulator beside it, over real HTTP on loopback
 *    (gateway/node/sim-server.ts, started in this process on a free port): its added latency over
 *    calling the simulator directly (gateway-latency.ts), then fault → report per scenario
 *    (gateway-report.ts), `--runs` runs each (default 3).
 *
 * `--scenarios a,b` keeps those faults; the 30-minute false-alarm runs go with `healthy`.
 */
import type { ScenarioName } from '../../mocks/scenarios/names'
import { startGatewaySim } from '../../gateway/node/sim-server'
import { signInOwner } from './gateway-client'
import { gatewayAddedLatency } from './gateway-latency'
import { gatewayReportMatrix } from './gateway-report'
import { detectedFaults, gatewaySimulation } from './gateway-sim'
import type { Figure } from './stats'

/** Requests through the gateway and directly to the simulator, each, after the warm-up. */
const LATENCY_REQUESTS = 500

export type GatewayBenchSettings = {
  seeds: number
  runs: number
  scenarios: readonly ScenarioName[]
  progress: (message: string) => void
}

export async function gatewayBench(settings: GatewayBenchSettings, emit: (...figures: Figure[]) => void) {
  const faults = detectedFaults.filter((fault) => settings.scenarios.includes(fault))
  const { progress } = settings
  await gatewaySimulation(
    { seeds: settings.seeds, faults, falseAlarms: settings.scenarios.includes('healthy'), progress },
    emit,
  )

  progress('gateway over HTTP: starting the gateway with its Zuora simulator on 127.0.0.1')
  const gateway = await startGatewaySim({ port: 0, host: '127.0.0.1', root: null, scenario: 'healthy', log: false })
  try {
    emit(
      ...(await gatewayAddedLatency(gateway.url, await signInOwner(gateway.url), {
        requests: LATENCY_REQUESTS,
        progress,
      })),
    )
    await gatewayReportMatrix(gateway.url, { runs: settings.runs, scenarios: faults, progress }, emit)
  } finally {
    await gateway.close()
  }
}
