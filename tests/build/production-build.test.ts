// @vitest-environment node
/**
 * Builds the app as production and checks what ships: no simulated backend, no scenario tools, no
 * service worker script, and the JavaScript of the first page within its budget.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildProduction } from '../../scripts/build-production'
import { firstPageJavaScript } from '../../scripts/first-page-js'
import { splitMessagesSource } from '../../scripts/vite/locale-split-plugin'
import { builtJavaScript, mockMarkersIn } from './shipped-code'

let outDir = ''

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'billing-prod-'))
  await buildProduction(outDir)
}, 120_000)

afterAll(() => rmSync(outDir, { recursive: true, force: true }))

test('the production build carries no mock service worker script', () => {
  expect(existsSync(join(outDir, 'index.html'))).toBe(true)
  expect(existsSync(join(outDir, 'mockServiceWorker.js'))).toBe(false)
})

test('no MSW, simulated backend, scenario or dev-page code is in the production JavaScript', () => {
  expect(builtJavaScript(outDir).length).toBeGreaterThan(0)
  expect(mockMarkersIn(outDir)).toEqual([])
})

/** What issue 10 reached (137,930 B by `npm run treemap`), plus 5 %: docs/performance.md, "First page JavaScript". */
const firstPageBudgetBytes = 144_800

test('the first page loads at most 144.8 kB of gzipped JavaScript', () => {
  const { totalGzipBytes, files } = firstPageJavaScript(outDir)
  expect(files.length).toBeGreaterThan(0)
  expect(totalGzipBytes).toBeLessThanOrEqual(firstPageBudgetBytes)
})

test('the first page carries no Portuguese text; a file of its own, loaded when chosen, has them', () => {
  const appFile = 'src/app/app-messages.ts'
  const portuguese = splitMessagesSource(readFileSync(appFile, 'utf8'), appFile)!.texts
  const firstPage = new Set(firstPageJavaScript(outDir).files.map(({ file }) => file.replace('assets/', '')))
  const withPortuguese = builtJavaScript(outDir)
    .filter(({ text }) => text.includes(portuguese.brand!) && text.includes(portuguese.loadingApp!))
    .map(({ name }) => name)
  expect(withPortuguese).toHaveLength(1)
  expect(firstPage.has(withPortuguese[0]!)).toBe(false)
})
