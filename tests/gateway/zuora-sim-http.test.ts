// @vitest-environment node
/**
 * The Zuora simulator over real HTTP (scripts/zuora-sim.ts, started in-process on port 0): Zuora's
 * paths and headers through node:http, and the control endpoints.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startZuoraSimServer, type ZuoraSimServer } from '../../scripts/zuora-sim'

let server: ZuoraSimServer
beforeAll(async () => {
  server = await startZuoraSimServer({ port: 0 })
})
afterAll(() => server.close())

async function signIn(): Promise<string> {
  const answer = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
  })
  expect(answer.status).toBe(200)
  return ((await answer.json()) as { access_token: string }).access_token
}

const control = (path: string, body?: unknown) =>
  fetch(`${server.url}/__control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

test('Zuora over HTTP: token, subscriptions with the track id echoed, scenarios and the call log', async () => {
  const since = Date.now()
  const token = await signIn()
  const headers = { Authorization: `Bearer ${token}`, 'Zuora-Track-Id': 'http-test-1', 'Zuora-Version': '2025-08-12' }
  const subscriptions = await fetch(`${server.url}/v1/subscriptions/accounts/A00000002`, { headers })
  expect(subscriptions.status).toBe(200)
  expect(subscriptions.headers.get('zuora-track-id')).toBe('http-test-1')
  expect(subscriptions.headers.get('concurrency-limit-limit')).toBe('40')
  expect(await subscriptions.json()).toMatchObject({ success: true, subscriptions: [{ accountNumber: 'A00000002' }] })

  expect(await (await control('scenario', { name: 'provider-down' })).json()).toMatchObject({ name: 'provider-down' })
  const down = await fetch(`${server.url}/v1/accounts/A00000001`, { headers })
  expect(down.status).toBe(503)
  expect(down.headers.get('content-type')).toBe('text/html')
  expect(await (await control('scenario')).json()).toMatchObject({ name: 'provider-down' })

  const log = (await (await control(`calls?since=${since}`)).json()) as { calls: Array<Record<string, unknown>> }
  expect(log.calls.map((call) => [call.operation, call.status])).toEqual([
    ['createToken', 200],
    ['getSubscriptionsByAccount', 200],
    ['getAccount', 503],
  ])
  expect(log.calls[1]).toMatchObject({
    trackId: 'http-test-1',
    method: 'GET',
    path: '/v1/subscriptions/accounts/A00000002',
  })

  expect(await (await control('reset', {})).json()).toMatchObject({ name: 'healthy' })
  expect((await fetch(`${server.url}/v1/accounts/A00000001`, { headers })).status).toBe(401)
})

test('a client that gives up on a hanging Zuora gets its abort, and the server keeps serving', async () => {
  await control('scenario', { name: 'provider-hang' })
  await expect(fetch(`${server.url}/v1/accounts/A00000001`, { signal: AbortSignal.timeout(200) })).rejects.toThrow()
  await control('scenario', { name: 'healthy' })
  expect((await fetch(`${server.url}/v1/accounts/A00000001`)).status).toBe(401)
  const refused = await fetch(`${server.url}/__control/reset`, {
    method: 'POST',
    headers: { Origin: 'https://evil.test' },
  })
  expect(refused.status).toBe(403)
  expect((await control('scenario', { name: 'no-such-scenario' })).status).toBe(400)
})
