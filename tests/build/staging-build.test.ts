// @vitest-environment node
/**
 * Mock code is allowed only in the modes vite.config.ts lists (development, test, demo): a build in
 * any other mode, here `vite build --mode staging`, must ship as production does, with no
 * simulated backend, no scenario tools, no gallery and no service worker script.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildForMode } from '../../scripts/build-production'
import { mockModes, mocksAllowedIn } from '../../vite.config'
import { builtJavaScript, mockMarkersIn } from './shipped-code'

let outDir = ''

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'billing-staging-'))
  await buildForMode('staging', outDir)
}, 120_000)

afterAll(() => rmSync(outDir, { recursive: true, force: true }))

test('mock code is allowed in development, test and demo only', () => {
  expect([...mockModes].sort()).toEqual(['demo', 'development', 'test'])
  for (const mode of ['production', 'staging', 'bench-baseline', 'preview', 'Development', ''])
    expect(mocksAllowedIn(mode)).toBe(false)
})

test('a staging build carries no mock service worker script', () => {
  expect(existsSync(join(outDir, 'index.html'))).toBe(true)
  expect(existsSync(join(outDir, 'mockServiceWorker.js'))).toBe(false)
})

test('no MSW, simulated backend, scenario, toolbar or gallery code is in the staging JavaScript', () => {
  expect(builtJavaScript(outDir).length).toBeGreaterThan(0)
  expect(mockMarkersIn(outDir)).toEqual([])
  // The scenario toolbar, by its own strings.
  const all = builtJavaScript(outDir)
    .map(({ text }) => text)
    .join('\n')
  expect(all).not.toContain('Outage scenarios')
  expect(all).not.toContain('billing-scenario-toolbar')
  expect(readFileSync(join(outDir, 'index.html'), 'utf8')).not.toContain('mockServiceWorker')
})
