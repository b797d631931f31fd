// @vitest-environment node
/**
 * How the dev server serves the gallery's frames from the bundle it keeps built
 * (scripts/vite/gallery-bundle-plugin.ts): a frame's page from the last bundle written, once there
 * is one, and the dev server's own before; the bundle's chunks; nothing outside its folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { serveGalleryBundle } from '../../scripts/vite/gallery-bundle-plugin'

let root = ''
const chunk = '__dev/gallery-bundle/assets/index-abc123.js'

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gallery-bundle-'))
  const outDir = join(root, 'bundle')
  mkdirSync(join(outDir, '__dev/gallery-bundle/assets'), { recursive: true })
  writeFileSync(join(outDir, 'index.html'), `<script type="module" src="/${chunk}"></script>`)
  writeFileSync(join(outDir, chunk), 'export {}')
  writeFileSync(join(root, 'secret.txt'), 'not to be served')
})

afterEach(() => rmSync(root, { recursive: true, force: true }))

type Answer = { passedOn: boolean; headers: Record<string, string>; body: string }

function ask(served: ReturnType<typeof serveGalleryBundle>, url: string, accept = 'text/html'): Answer {
  const answer: Answer = { passedOn: false, headers: {}, body: '' }
  const request = { method: 'GET', url, headers: { accept } } as unknown as IncomingMessage
  const response = {
    setHeader: (name: string, value: string) => (answer.headers[name.toLowerCase()] = value),
    end: (body: string | Buffer) => (answer.body = String(body)),
  } as unknown as ServerResponse
  served.middleware(request, response, () => (answer.passedOn = true))
  return answer
}

test('before a bundle is written, a frame loads from the dev server; after, its page is the bundle’s', () => {
  const served = serveGalleryBundle(join(root, 'bundle'))
  expect(ask(served, '/invoices?__gallery=healthy').passedOn).toBe(true)
  served.written()
  const frame = ask(served, '/invoices?status=open&__gallery=empty')
  expect(frame.passedOn).toBe(false)
  expect(frame.body).toContain(`src="/${chunk}"`)
  expect(frame.headers['cache-control']).toBe('no-store')
  // The build stopped: the dev server's own again.
  served.forget()
  expect(ask(served, '/invoices?__gallery=healthy').passedOn).toBe(true)
})

test('only a gallery frame’s page comes from the bundle: the app, the gallery and other requests are the dev server’s', () => {
  const served = serveGalleryBundle(join(root, 'bundle'))
  served.written()
  expect(ask(served, '/invoices').passedOn).toBe(true)
  expect(ask(served, '/__dev/gallery?state=healthy').passedOn).toBe(true)
  expect(ask(served, '/api/subscription?__gallery=healthy', 'application/json').passedOn).toBe(true)
})

test('the bundle’s chunks are served, for good, and nothing outside its folder', () => {
  const served = serveGalleryBundle(join(root, 'bundle'))
  const file = ask(served, `/${chunk}`, '*/*')
  expect(file.body).toBe('export {}')
  expect(file.headers['content-type']).toBe('text/javascript; charset=utf-8')
  expect(file.headers['cache-control']).toContain('immutable')
  expect(ask(served, '/__dev/gallery-bundle/assets/gone.js', '*/*').passedOn).toBe(true)
  for (const outside of ['%2e%2e/%2e%2e/%2e%2e/secret.txt', '..%2F..%2F..%2Fsecret.txt']) {
    const answer = ask(served, `/__dev/gallery-bundle/${outside}`, '*/*')
    expect(answer).toEqual({ passedOn: true, headers: {}, body: '' })
  }
})

test('the status says what the gallery shows', () => {
  const served = serveGalleryBundle(join(root, 'bundle'))
  expect(JSON.parse(ask(served, '/__dev/gallery-bundle/status', '*/*').body)).toMatchObject({ state: 'building' })
  served.setStatus({ state: 'ready', builtAt: 1, buildMs: 2 })
  expect(JSON.parse(ask(served, '/__dev/gallery-bundle/status', '*/*').body)).toEqual({
    state: 'ready',
    builtAt: 1,
    buildMs: 2,
  })
})
