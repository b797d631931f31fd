// @vitest-environment node
/**
 * Builds the app as production and checks what ships: no simulated backend, no scenario tools, no
 * service worker script, and the JavaScript of the first page within its budget.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildProduction } from '../../scripts/build-production'
import { firstPageJavaScript } from '../../scripts/first-page-js'

let outDir = ''

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'billing-prod-'))
  await buildProduction(outDir)
}, 120_000)

afterAll(() => rmSync(outDir, { recursive: true, force: true }))

const javaScript = () =>
  readdirSync(join(outDir, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(join(outDir, 'assets', name), 'utf8') }))

test('the production build carries no mock service worker script', () => {
  expect(existsSync(join(outDir, 'index.html'))).toBe(true)
  expect(existsSync(join(outDir, 'mockServiceWorker.js'))).toBe(false)
})

test('no MSW, simulated backend, scenario or dev-page code is in the production JavaScript', () => {
  const markers = ['setupWorker', 'mockServiceWorker', 'billing-mock-db', '__mock/hosted-payment', 'owner@acme.test', 'msw', 'billing-scenario']
  // The designers' gallery: its address, its frames' parameter and its heading.
  markers.push('__dev/gallery', '__gallery', 'every page in every state')
  for (const { name, text } of javaScript()) {
    for (const marker of markers) expect(`${name}: ${text.includes(marker) ? marker : ''}`).toBe(`${name}: `)
  }
})

test('the first page loads at most 150 kB of gzipped JavaScript', () => {
  const { totalGzipBytes, files } = firstPageJavaScript(outDir)
  expect(files.length).toBeGreaterThan(0)
  expect(totalGzipBytes).toBeLessThanOrEqual(150 * 1024)
})
