// @vitest-environment node
/**
 * Every answer the gateway got from Zuora says how long Zuora took (Server-Timing `zuora`, the
 * slowest of the calls behind it), over real HTTP: the evidence a browser uses while the health
 * report lags (src/lib/resilience/call-window.ts). That calls of other requests and the gateway's
 * own probes never count towards an answer: tests/unit/provider-timing.test.ts.
 */
import { expect, test } from 'vitest'
import { providerTimingMs } from '../../src/lib/api/provider-timing'
import { gatewayPerFile, selectScenario, signedIn, users, type Client, type GatewaySim } from './gateway-sim-client'

let sim: GatewaySim
let owner: Client
gatewayPerFile(async (started) => {
  sim = started
  owner = await signedIn(sim, users.owner)
})

const zuoraMs = (headers: Headers) => providerTimingMs(headers.get('server-timing'))

/**
 * A healthy read first: a fresh gateway's first call fetches the OAuth token, and every call waits
 * for it (the token is Zuora's too), so a slow Zuora would make that read twice as slow.
 */
const withToken = async () => expect((await owner.get('/subscription')).status).toBe(200)

test('a read through a healthy Zuora says how long Zuora took, well under the slow bar', async () => {
  const answer = await owner.get('/subscription')
  expect(answer.status).toBe(200)
  expect(answer.headers.get('server-timing')).toMatch(/^zuora;dur=\d+;desc="slowest of \d+ calls?"$/)
  expect(zuoraMs(answer.headers)).toBeLessThan(1_000)
})

test('a read through a slow Zuora says how long Zuora took, measured at the gateway', async () => {
  await withToken()
  await selectScenario(sim, 'provider-slow', { slowMs: 2_200 })
  const began = Date.now()
  const answer = await owner.get('/subscription')
  const took = Date.now() - began
  expect(answer.status).toBe(200)
  const ms = zuoraMs(answer.headers)
  expect(ms).toBeGreaterThanOrEqual(2_200)
  expect(ms).toBeLessThanOrEqual(took)
})

test('an answer that called no Zuora says nothing of it: the status report, who is signed in', async () => {
  await selectScenario(sim, 'provider-slow', { slowMs: 2_200 })
  const status = await owner.get('/billing-status')
  const me = await owner.get('/me')
  expect(status.status).toBe(200)
  expect(me.status).toBe(200)
  expect(status.headers.get('server-timing')).toBeNull()
  expect(me.headers.get('server-timing')).toBeNull()
})
