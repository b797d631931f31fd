/**
 * `--only gateway`, part 2b: what the gateway adds to a read. `GET /api/subscription` through the
 * gateway (session, routing, the health check's admission, one Zuora call to its in-process
 * simulator, the mapping to the contract) against the same Zuora call made directly over HTTP to
 * the simulator alone (scripts/zuora-sim.ts, on another port, with its own bearer token):
 * `GET /v1/subscriptions/accounts/A00000001?charge-detail=current-segment`.
 *
 * Both healthy, on loopback, from this process, one request at a time. After WARM_UP requests of
 * each, the measured ones alternate (gateway, direct, gateway, ...), so that load from elsewhere on
 * the machine falls on both alike. Figures: `gateway-added-latency-ms-p50|p99`, the gateway's
 * percentile minus the direct call's; the note has both, to a hundredth of a millisecond (the
 * figure line prints whole ms, as every ms figure of the bench).
 */
import { startZuoraSimServer } from '../zuora-sim'
import { readStatus } from './gateway-client'
import { percentile } from './gateway-stats'
import type { Figure } from './stats'

const WARM_UP = 50
/**
 * Neither answer compressed: the simulator's HTTP front gzips JSON over 1 kB for a client that
 * accepts it and Node's fetch accepts gzip by default, while the gateway's API answers are never
 * compressed: gzip on one side only would be most of the gap.
 */
const PLAIN = { 'Accept-Encoding': 'identity' }
const TIMEOUT_MS = 5_000
const ACCOUNT_NUMBER = 'A00000001'

async function bearerToken(zuoraUrl: string): Promise<string> {
  const response = await fetch(`${zuoraUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'demo-client',
      client_secret: 'demo-secret',
    }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })
  const body = (await response.json()) as { access_token?: unknown }
  if (!response.ok || typeof body.access_token !== 'string')
    throw new Error(`Zuora simulator token: HTTP ${response.status}`)
  return body.access_token
}

/** One request's time in ms (answer and body read); throws unless it answered 200. */
async function timed(request: () => Promise<number>, what: string): Promise<number> {
  const start = performance.now()
  const status = await request()
  const ms = performance.now() - start
  if (status !== 200) throw new Error(`${what} answered ${status === 0 ? 'nothing' : status}`)
  return ms
}

export type LatencySettings = { requests: number; progress: (message: string) => void }

export async function gatewayAddedLatency(
  gatewayUrl: string,
  cookie: string,
  settings: LatencySettings,
): Promise<Figure[]> {
  const zuora = await startZuoraSimServer({ port: 0 })
  try {
    const token = await bearerToken(zuora.url)
    const direct = () =>
      readStatus(
        `${zuora.url}/v1/subscriptions/accounts/${ACCOUNT_NUMBER}?charge-detail=current-segment`,
        { ...PLAIN, Authorization: `Bearer ${token}` },
        TIMEOUT_MS,
      )
    const throughGateway = () => readStatus(`${gatewayUrl}/api/subscription`, { ...PLAIN, Cookie: cookie }, TIMEOUT_MS)
    // The same call handed to the simulator in this process: what of `direct` is HTTP, not Zuora's work.
    const inProcess = async () => {
      const answer = await zuora.simulator.handle(
        new Request(`${zuora.url}/v1/subscriptions/accounts/${ACCOUNT_NUMBER}?charge-detail=current-segment`, {
          headers: { Authorization: `Bearer ${token}` },
        }),
      )
      await answer.arrayBuffer()
      return answer.status
    }
    settings.progress(`gateway latency: ${WARM_UP} warm-up requests each, then ${settings.requests} each, alternating`)
    for (let i = 0; i < WARM_UP; i += 1) {
      await timed(throughGateway, 'GET /api/subscription')
      await timed(direct, 'Zuora GET subscriptions by account')
    }
    const gateway: number[] = []
    const zuoraDirect: number[] = []
    const simulatorAlone: number[] = []
    for (let i = 0; i < settings.requests; i += 1) {
      gateway.push(await timed(throughGateway, 'GET /api/subscription'))
      zuoraDirect.push(await timed(direct, 'Zuora GET subscriptions by account'))
      simulatorAlone.push(await timed(inProcess, 'the simulator in process'))
    }
    const figure = (p: number, label: string): Figure => {
      const [through, straight, alone] = [
        percentile(gateway, p),
        percentile(zuoraDirect, p),
        percentile(simulatorAlone, p),
      ]
      return {
        name: `gateway-added-latency-ms-${label}`,
        value: through - straight,
        unit: 'ms',
        note:
          `${label}: through the gateway ${through.toFixed(2)} ms, Zuora directly ${straight.toFixed(2)} ms, ` +
          `added ${(through - straight).toFixed(2)} ms (the simulator's own answer, in process: ${alone.toFixed(2)} ms); ` +
          `${settings.requests} requests each`,
      }
    }
    return [figure(0.5, 'p50'), figure(0.99, 'p99')]
  } finally {
    await zuora.close()
  }
}
