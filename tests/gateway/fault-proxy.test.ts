// @vitest-environment node
/**
 * The fault proxy (scripts/fault-proxy/proxy.ts) over real loopback sockets, in front of a tiny
 * node:http upstream. Timings are asserted as lower bounds only: a shared machine can be slow, never
 * faster than the fault.
 */
import { request as httpRequest, Agent, createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { z } from 'zod'
import { createZuoraTransport } from '../../gateway/zuora/transport'
import { startFaultControl } from '../../scripts/fault-proxy'
import { startFaultProxy, type FaultProxy, type FaultProxyOptions } from '../../scripts/fault-proxy/proxy'
import { startZuoraSimServer } from '../../scripts/zuora-sim'

let upstream: Server
let target: { host: string; port: number }
const proxies: FaultProxy[] = []

beforeAll(async () => {
  upstream = createServer((request, response) => {
    request.resume()
    const size = Number(new URL(request.url ?? '/', 'http://upstream').searchParams.get('bytes') ?? 0)
    const body = size > 0 ? 'x'.repeat(size) : `hello ${request.method} ${request.url}`
    response.writeHead(201, { 'Content-Type': 'text/plain', 'X-Upstream': 'yes' }).end(body)
  })
  await new Promise<void>((listening) => upstream.listen(0, '127.0.0.1', () => listening()))
  target = { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port }
})
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
})
afterAll(async () => {
  upstream.closeAllConnections()
  await new Promise((closed) => upstream.close(closed))
})

async function proxyWith(options: Partial<FaultProxyOptions> = {}): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ target, ...options })
  proxies.push(proxy)
  return proxy
}

/** A GET over node:http, on a connection of its own unless an agent is given. */
function get(url: string, agent: Agent | false = false): Promise<{ status: number; body: string }> {
  return new Promise((answered, failed) => {
    httpRequest(url, { agent }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => answered({ status: response.statusCode ?? 0, body }))
      response.on('error', failed)
    })
      .on('error', failed)
      .end()
  })
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((later) => setTimeout(later, 5))
}

async function failureOf(promise: Promise<unknown>): Promise<Error & { cause?: { code?: string } }> {
  try {
    await promise
  } catch (error) {
    return error as Error & { cause?: { code?: string } }
  }
  throw new Error('expected a failure')
}

const headersOf = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => name !== 'date' && name !== 'keep-alive'))

test('with no faults the answer is the upstream one, and keep-alive carries two requests on one connection', async () => {
  const proxy = await proxyWith()
  const direct = await fetch(`http://127.0.0.1:${target.port}/a?b=1`)
  const first = await fetch(`${proxy.url}/a?b=1`)
  expect(first.status).toBe(direct.status)
  expect(headersOf(first)).toEqual(headersOf(direct))
  expect(await first.text()).toBe(await direct.text())
  expect(first.headers.get('connection')).toBe('keep-alive')

  // One socket for two requests (fetch's pool may open a second one when asked at once).
  const before = proxy.stats().connections
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 })
  expect(await get(`${proxy.url}/one`, keepAlive)).toEqual({ status: 201, body: 'hello GET /one' })
  expect(await get(`${proxy.url}/two`, keepAlive)).toEqual({ status: 201, body: 'hello GET /two' })
  expect(proxy.stats().connections - before).toBe(1)
  keepAlive.destroy()
})

test('latency delays the answer by at least the set time', async () => {
  const proxy = await proxyWith({ faults: { latencyMs: 200, jitterMs: 50 } })
  const started = performance.now()
  const answer = await fetch(proxy.url)
  expect(await answer.text()).toBe('hello GET /')
  // A few ms of slack for timer and clock granularity, never an upper bound.
  expect(performance.now() - started).toBeGreaterThanOrEqual(195)

  // Every answer on a keep-alive connection is late, not only the first.
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 })
  for (const path of ['/one', '/two']) {
    const sent = performance.now()
    expect((await get(`${proxy.url}${path}`, keepAlive)).body).toBe(`hello GET ${path}`)
    expect(performance.now() - sent).toBeGreaterThanOrEqual(195)
  }
  expect(proxy.stats().connections).toBe(2)
  keepAlive.destroy()
})

test('a reset share of 1 resets the connection when the request arrives', async () => {
  const proxy = await proxyWith({ faults: { reset: 1 } })
  const error = await failureOf(fetch(proxy.url))
  expect(error.message).toBe('fetch failed')
  expect(error.cause?.code).toBe('ECONNRESET')
  expect(proxy.stats()).toMatchObject({ connections: 1, reset: 1, forwarded: 0 })
})

test('a hang share of 1 holds the connection silently until the client gives up', async () => {
  const proxy = await proxyWith({ faults: { hang: 1 } })
  const error = await failureOf(fetch(proxy.url, { signal: AbortSignal.timeout(300) }))
  expect(error.name).toBe('TimeoutError')
  expect(proxy.stats()).toMatchObject({ held: 1, forwarded: 0 })
})

test('a slow body trickles at the set rate', async () => {
  const proxy = await proxyWith({ faults: { slowBytesPerSecond: 2000 } })
  const started = performance.now()
  const answer = await fetch(`${proxy.url}/?bytes=1000`)
  expect(await answer.text()).toBe('x'.repeat(1000))
  // 1000 bytes of body (and the headers) at 2000 B/s: half a second at least.
  expect(performance.now() - started).toBeGreaterThanOrEqual(400)
})

test('down refuses new connections and closes the open ones', async () => {
  const proxy = await proxyWith()
  const keepAlive = new Agent({ keepAlive: true })
  expect((await get(proxy.url, keepAlive)).status).toBe(201)
  proxy.setFaults({ down: true })
  await until(() => Object.keys(keepAlive.freeSockets).length === 0)
  await expect(fetch(proxy.url)).rejects.toThrow('fetch failed')
  expect(proxy.stats()).toMatchObject({ refused: 1 })
  proxy.setFaults({ down: false })
  expect((await get(proxy.url)).status).toBe(201)
  keepAlive.destroy()
})

test('setFaults applies to new connections; an open keep-alive connection keeps its fate', async () => {
  const proxy = await proxyWith()
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 })
  expect((await get(proxy.url, keepAlive)).status).toBe(201)
  proxy.setFaults({ reset: 1 })
  expect(proxy.faults()).toMatchObject({ reset: 1, hang: 0 })
  expect((await get(proxy.url, keepAlive)).status).toBe(201)
  await expect(get(proxy.url)).rejects.toMatchObject({ code: 'ECONNRESET' })
  expect(proxy.stats()).toMatchObject({ connections: 2, forwarded: 1, reset: 1 })
  keepAlive.destroy()
})

test('the same seed gives the same fates in the same order', async () => {
  const fates = async (seed: number) => {
    const proxy = await proxyWith({ seed, faults: { reset: 0.5 } })
    const outcomes: string[] = []
    for (let i = 0; i < 12; i += 1)
      outcomes.push(
        await get(proxy.url).then(
          () => 'ok',
          () => 'reset',
        ),
      )
    return outcomes
  }
  const first = await fates(7)
  expect(await fates(7)).toEqual(first)
  expect(first).toContain('ok')
  expect(first).toContain('reset')
})

test('an unreachable target reaches the client as a reset', async () => {
  const gone = createServer()
  await new Promise<void>((listening) => gone.listen(0, '127.0.0.1', () => listening()))
  const port = (gone.address() as AddressInfo).port
  await new Promise((closed) => gone.close(closed))
  const proxy = await proxyWith({ target: { host: '127.0.0.1', port } })
  await expect(get(proxy.url)).rejects.toMatchObject({ code: 'ECONNRESET' })
})

test('bad faults and a non-loopback address are refused with the field named', async () => {
  await expect(proxyWith({ faults: { reset: 1.5 } })).rejects.toThrow(/"reset".*0 to 1/)
  const proxy = await proxyWith()
  expect(() => proxy.setFaults({ latencyMs: -1 })).toThrow(/"latencyMs"/)
  expect(() => proxy.setFaults({ slowBytesPerSecond: Number.NaN })).toThrow(/"slowBytesPerSecond"/)
  expect(() => proxy.setFaults({ reset: 0.6, hang: 0.6 })).toThrow(/"reset" \+ "hang"/)
  expect(() => proxy.setFaults({ down: 'yes' } as never)).toThrow(/"down"/)
  expect(() => proxy.setFaults({ latency: 5 } as never)).toThrow(/Unknown fault "latency"/)
  expect(proxy.faults()).toMatchObject({ latencyMs: 0, reset: 0, hang: 0, down: false })
  await expect(proxyWith({ target: { host: '10.1.2.3', port: 80 } })).rejects.toThrow(/loopback/)
  await expect(proxyWith({ target: { host: 'zuora.example', port: 443 } })).rejects.toThrow(/loopback/)
  await expect(proxyWith({ host: '0.0.0.0' })).rejects.toThrow(/loopback/)
})

test('close() resolves while a held connection is open, and ends it', async () => {
  const proxy = await startFaultProxy({ target, faults: { hang: 1 } })
  const socket = connect(proxy.port, '127.0.0.1')
  socket.on('error', () => undefined)
  const ended = new Promise((closed) => socket.once('close', closed))
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
  await until(() => proxy.stats().held === 1)
  await proxy.close()
  await ended
})

test('the control endpoint reads and switches the faults, and refuses bad ones', async () => {
  const proxy = await proxyWith()
  const control = await startFaultControl(proxy, 0)
  const put = (body: string) => fetch(`${control.url}/faults`, { method: 'PUT', body })
  try {
    expect(await (await put('{"latencyMs": 50, "hang": 0.25}')).json()).toMatchObject({ latencyMs: 50, hang: 0.25 })
    expect(proxy.faults()).toMatchObject({ latencyMs: 50, hang: 0.25 })
    expect(await (await fetch(`${control.url}/faults`)).json()).toMatchObject({ latencyMs: 50 })
    const bad = await put('{"reset": 2}')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: expect.stringContaining('"reset"') })
    expect((await put('not json')).status).toBe(400)
    expect(await (await fetch(`${control.url}/stats`)).json()).toMatchObject({ connections: 0 })
  } finally {
    await control.close()
  }
})

test("the gateway's Zuora transport sees a hang through the proxy as a time-out", async () => {
  const zuora = await startZuoraSimServer({ port: 0 })
  const zuoraTarget = { host: '127.0.0.1', port: Number(new URL(zuora.url).port) }
  const transportVia = (proxy: FaultProxy) =>
    createZuoraTransport(
      { baseUrl: proxy.url, clientId: 'demo-client', clientSecret: 'demo-secret' },
      { http: (request) => fetch(request), clock: { now: () => Date.now() } },
    )
  const getAccount = {
    operation: 'getAccount',
    capability: null,
    method: 'GET' as const,
    path: '/v1/accounts/A00000001',
    trackId: 'fault-proxy-test',
    timeoutMs: 300,
    response: z.looseObject({ success: z.literal(true) }),
  }
  try {
    const healthy = transportVia(await proxyWith({ target: zuoraTarget }))
    await expect(healthy.callJson({ ...getAccount, timeoutMs: 5_000 })).resolves.toMatchObject({ success: true })
    const hanging = transportVia(await proxyWith({ target: zuoraTarget, faults: { hang: 1 } }))
    await expect(hanging.callJson(getAccount)).rejects.toMatchObject({ kind: 'timeout' })
  } finally {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
    await zuora.close()
  }
})
