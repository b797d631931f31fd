// @vitest-environment node
/**
 * The HTTP mock server (scripts/mock-server/server.ts) against what a broken or hostile client
 * sends: each gets a 4xx (or a normal answer) and the server keeps answering; and its control
 * endpoints refuse pages of other sites, so that a page the QA visits cannot switch the scenario.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { server as interceptor } from '../../mocks/node'
import { startMockServer, type MockServer } from '../../scripts/mock-server/server'

let root = ''
let mock: MockServer
let port = 0

beforeAll(async () => {
  // tests/setup.ts intercepts this process's requests; these must reach a real socket.
  interceptor.close()
  root = mkdtempSync(join(tmpdir(), 'billing-mock-server-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>')
  mock = await startMockServer({ root, port: 0 })
  port = Number(new URL(mock.url).port)
})

afterAll(async () => {
  await mock?.close()
  if (root) rmSync(root, { recursive: true, force: true })
})

/** One request as raw bytes, so that nothing on the way fixes it: the status code answered, or 0 if none. */
function raw(head: string, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text })
    })
    socket.end(`${head.trim().split('\n').join('\r\n')}\r\nConnection: close\r\n\r\n${body}`)
  })
}

const get = (path: string, headers = '') => raw(`GET ${path} HTTP/1.1\nHost: 127.0.0.1:${port}\n${headers}`)

const post = (path: string, body: string, headers = '') =>
  raw(
    `POST ${path} HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Type: application/json\nContent-Length: ${Buffer.byteLength(body)}\n${headers}`,
    body,
  )

const scenario = async () => ((await (await fetch(`${mock.url}/__control/scenario`)).json()) as { name: string }).name

async function stillServing() {
  expect((await fetch(`${mock.url}/api/billing-status`)).status).toBe(200)
  expect((await fetch(`${mock.url}/`)).status).toBe(200)
}

describe('the mock server, sent what a broken or hostile client sends', () => {
  it('answers a path that is not valid percent-encoding with 400', async () => {
    expect((await get('/api/invoices/%E0%A4%A')).status).toBe(400)
    expect((await get('/invoices/%E0%A4%A')).status).toBe(400)
    expect((await get('/assets/%E0%A4%A.js')).status).toBe(400)
    expect((await get('/__control/%E0%A4%A')).status).toBe(400)
    expect((await get('/%00.js')).status).toBe(404)
    await stillServing()
  })

  it('answers an absurd Host with 400, and serves any real host name', async () => {
    for (const host of ['a b c', '[::::', 'evil.example/x', 'user@evil.example', 'x'.repeat(5_000), '']) {
      expect((await raw(`GET /api/billing-status HTTP/1.1\nHost: ${host}`)).status, host.slice(0, 20)).toBe(400)
    }
    expect((await raw('GET /api/billing-status HTTP/1.1\nHost: billing-qa.lan:4180')).status).toBe(200)
    await stillServing()
  })

  it('answers huge headers with 431 and garbage ones without failing', async () => {
    expect((await get('/api/me', `Cookie: session=${'x'.repeat(100_000)}`)).status).toBe(431)
    expect((await get('/api/billing-status', `If-None-Match: "${'e'.repeat(100_000)}"`)).status).toBe(431)
    for (const header of [
      'Cookie: ;;;=%%%; a=%E0%A4%A; =; b',
      'Cookie: \u00ff\u00fe',
      'If-None-Match: W/"',
      'If-None-Match: *, ,,"x',
    ]) {
      const { status } = await get('/api/billing-status', header)
      expect(status, header).toBeGreaterThanOrEqual(200)
      expect(status, header).toBeLessThan(500)
    }
    expect((await get('/api/me', 'X-Bad: a\u0001b')).status).toBe(400)
    await stillServing()
  })

  it('answers a body that is not JSON, not an object or too large with 4xx', async () => {
    expect((await post('/api/session', '{"email": ')).status).toBe(400)
    expect((await post('/__control/scenario', 'provider-down')).status).toBe(400)
    expect((await post('/__control/scenario', 'null')).status).toBe(400)
    expect((await post('/__control/scenario', '["provider-down"]')).status).toBe(400)
    expect(
      (await post('/__control/scenario', JSON.stringify({ name: 'healthy', pad: 'x'.repeat(2 * 1024 * 1024) }))).status,
    ).toBe(413)
    expect(
      (await raw(`POST /api/session HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Length: 5\nContent-Length: 7`, 'hello'))
        .status,
    ).toBe(400)
    expect(await scenario()).toBe('healthy')
    await stillServing()
  })
})

describe('the control endpoints', () => {
  it('refuse a page of another origin with 403, and leave the scenario as it was', async () => {
    const body = JSON.stringify({ name: 'provider-down' })
    expect((await post('/__control/scenario', body, 'Origin: https://evil.example')).status).toBe(403)
    expect((await post('/__control/scenario', body, 'Origin: null')).status).toBe(403)
    expect((await post('/__control/scenario', body, `Origin: http://127.0.0.1:${port + 1}`)).status).toBe(403)
    expect((await post('/__control/scenario', body, 'Sec-Fetch-Site: cross-site')).status).toBe(403)
    expect((await post('/__control/reset', '', 'Origin: https://evil.example')).status).toBe(403)
    expect((await get('/__control/requests', 'Origin: https://evil.example')).status).toBe(403)
    // A form posted from another site, as a browser sends it.
    const form = await raw(
      `POST /__control/scenario HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Type: text/plain\nContent-Length: ${body.length}\nOrigin: https://evil.example\nSec-Fetch-Site: cross-site`,
      body,
    )
    expect(form.status).toBe(403)
    expect(await scenario()).toBe('healthy')
  })

  it('serve this server’s own pages and clients that send no Origin (curl, the bench, Playwright)', async () => {
    const body = JSON.stringify({ name: 'provider-down' })
    expect((await post('/__control/scenario', body, `Origin: ${mock.url}`)).status).toBe(200)
    expect(await scenario()).toBe('provider-down')
    expect(
      (
        await post(
          '/__control/scenario',
          JSON.stringify({ name: 'maintenance' }),
          `Origin: http://localhost:${port}\nSec-Fetch-Site: same-origin`,
        )
      ).status,
    ).toBe(200)
    expect(await scenario()).toBe('maintenance')
    const plain = await fetch(`${mock.url}/__control/reset`, { method: 'POST' })
    expect(plain.status).toBe(200)
    expect(await scenario()).toBe('healthy')
    expect((await get('/__control/requests', 'Sec-Fetch-Site: none')).status).toBe(200)
  })

  it('still answer the API on the app’s own paths, whatever Host the browser used', async () => {
    const { status, text } = await raw(`GET /api/billing-status HTTP/1.1\nHost: localhost:${port}`)
    expect(status).toBe(200)
    expect(text).toContain('"components"')
  })
})
