/**
 * What the build checks look for in a built app: the JavaScript it ships, and the markers of mock
 * code that only development, test and demo builds may carry (vite.config.ts, `mockModes`).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** MSW, the simulated backend, the scenario tools and the dev-only pages, by strings they carry. */
export const mockMarkers: readonly string[] = [
  'setupWorker',
  'mockServiceWorker',
  'billing-gateway-page',
  'owner@acme.test',
  'msw',
  'billing-scenario',
  // The designers' gallery: its address, its frames' parameter and its heading.
  '__dev/gallery',
  '__gallery',
  'every page in every state',
]

export const builtJavaScript = (outDir: string): { name: string; text: string }[] =>
  readdirSync(join(outDir, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(join(outDir, 'assets', name), 'utf8') }))

/** `file: marker` for every mock marker found in the build's JavaScript; empty when it has none. */
export const mockMarkersIn = (outDir: string): string[] =>
  builtJavaScript(outDir).flatMap(({ name, text }) =>
    mockMarkers.filter((marker) => text.includes(marker)).map((marker) => `${name}: ${marker}`),
  )
