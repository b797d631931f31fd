// @vitest-environment node
/**
 * The production entry (`npm run gateway`, gateway/node/main.ts) as its own process, configured by
 * its environment like an operator's instance, on a Redis and the Zuora simulator over HTTP: ready
 * once it answers, then on SIGTERM `/readyz` says 503 while it still answers the API, and it exits
 * cleanly once what was in flight is done.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startGatewayInstance } from '../../scripts/fleet-recipe'
import { startRedisServer, type RedisServer } from '../../scripts/redis-server'
import { startZuoraSimServer, type ZuoraSimServer } from '../../scripts/zuora-sim'

let redis: RedisServer
let zuora: ZuoraSimServer

beforeAll(async () => {
  redis = await startRedisServer()
  zuora = await startZuoraSimServer()
}, 30_000)
afterAll(async () => {
  await zuora?.close()
  await redis?.stop()
})

test('ready while it runs; on SIGTERM not ready but still answering, then it exits', async () => {
  const instance = await startGatewayInstance('gw-main-test', redis.url, zuora.url)
  const ready = await fetch(`${instance.url}/readyz`)
  expect(ready.status).toBe(200)
  expect(await ready.json()).toMatchObject({ status: 'ready', instance: 'gw-main-test', store: 'shared' })
  expect((await fetch(`${instance.url}/healthz`)).status).toBe(200)
  expect(await (await fetch(`${instance.url}/metrics`)).text()).toMatch(/^billing_gateway_report_state\{/m)

  const stopped = instance.stop()
  // The signal is on its way; within its 2 s notice the instance says it is draining and still answers.
  let draining: Response | null = null
  for (let tries = 0; tries < 30 && draining?.status !== 503; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    draining = await fetch(`${instance.url}/readyz`).catch(() => null)
  }
  expect(draining?.status).toBe(503)
  expect(await draining?.json()).toMatchObject({ status: 'draining' })
  expect((await fetch(`${instance.url}/api/billing-status`)).status).toBe(200)
  await stopped
  expect(instance.output().some((line) => line.includes('"event":"stopped"'))).toBe(true)
}, 60_000)
