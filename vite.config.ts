/// <reference types="vitest/config" />
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { galleryBundle, galleryBundleBuild } from './scripts/vite/gallery-bundle-plugin.js'
import { localeSplit } from './scripts/vite/locale-split-plugin.js'

/**
 * Modes: `development` and `test` run on the simulated backend (MSW); `demo` is a static build of
 * that for designers and QA; `production` (and any other mode) talks to a real API and must carry
 * no mock code.
 * `bench-baseline` (bench only, scripts/bench.ts) is production with the resilience layer bypassed,
 * to measure what it buys: no mock code either, it talks to the simulated gateway over HTTP
 * (gateway/node/sim-main.ts, started by scripts/gateway-sim/child-process.ts).
 */
const appVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
/** One id per build (BUILD_ID from the deployment, or the version and the build's time): saved data never crosses builds. */
const buildId = process.env.BUILD_ID || `${appVersion}+${Date.now().toString(36)}`

/**
 * The only modes whose builds may carry mock code (MSW and its service worker script, the simulated
 * backend, the scenario toolbar, the gallery, the simulated hosted payment page). An allow-list, not
 * a deny-list: any other mode (`production`, `bench-baseline`, `staging`, a typo...) builds with
 * `__MOCKS__` false and without `mockServiceWorker.js` (tests/build/ checks production and staging).
 */
export const mockModes: readonly string[] = ['development', 'test', 'demo']

export const mocksAllowedIn = (mode: string): boolean => mockModes.includes(mode)

/**
 * React Router publishes its production build beside the development one but its package exports
 * only the latter (with its dev-only checks and warnings): builds for real users take the production
 * one. Development and tests keep the warnings.
 */
const reactRouterProduction = [
  {
    find: /^react-router$/,
    replacement: fileURLToPath(new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url)),
  },
  {
    find: /^react-router\/dom$/,
    replacement: fileURLToPath(new URL('./node_modules/react-router/dist/production/dom-export.mjs', import.meta.url)),
  },
]

/** Test folders whose files need no page: the gateway over HTTP, the builds, the contract, the lint rules. */
const nodeTests = [
  'tests/gateway/**/*.test.ts',
  'tests/build/**/*.test.ts',
  'tests/contract/**/*.test.ts',
  'tests/lint/**/*.test.ts',
]

export default defineConfig(({ mode, command }) => {
  const mocks = mocksAllowedIn(mode)
  const forUsers = command === 'build' && mode !== 'development' && mode !== 'test'
  return {
    plugins: [
      react(),
      localeSplit(),
      ...(mocks ? [] : [dropMockServiceWorker()]),
      // The designers' gallery's frames from a bundle the dev server keeps built (each applies itself
      // only there: the dev server, and the demo build it starts).
      galleryBundle(),
      galleryBundleBuild(),
    ],
    define: {
      __MOCKS__: JSON.stringify(mocks),
      __BUILD_ID__: JSON.stringify(buildId),
      __RESILIENCE__: JSON.stringify(mode !== 'bench-baseline'),
    },
    resolve: {
      alias: [
        { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
        ...(forUsers ? reactRouterProduction : []),
      ],
    },
    build: { outDir: mode === 'production' ? 'dist' : `dist-${mode}`, sourcemap: false, manifest: true },
    preview: { port: 4173, strictPort: true },
    test: {
      restoreMocks: true,
      testTimeout: 15_000,
      // The integration tests mostly wait on the app's timers and the simulated backend, not the
      // CPU (about 0.4 of a core each): four at a time on a 2-core machine took 96 s instead of
      // 271 s for the whole suite, every test passing. Six took 185-188 s instead of 213-225 s, but
      // left the cores 86 % busy, and in one run of five the gateway process test started without
      // Redis (its connection timed out under the load): four (docs/performance.md, "The test
      // run"). The command line's --maxWorkers does not reach the projects below: change it here.
      maxWorkers: 4,
      projects: [
        {
          // What runs without a page runs in Node: a file's setup in happy-dom with MSW and the
          // app's stores costs about 4 s of a worker (docs/performance.md, "The test run").
          extends: true,
          test: { name: 'node', environment: 'node', include: nodeTests, setupFiles: ['./tests/setup-node.ts'] },
        },
        {
          extends: true,
          test: {
            name: 'page',
            environment: 'happy-dom',
            include: ['tests/**/*.test.{ts,tsx}'],
            exclude: nodeTests,
            setupFiles: ['./tests/setup.ts'],
          },
        },
      ],
    },
  }
})

/** Vite copies public/ as it is; the MSW worker script must not reach a production build. */
function dropMockServiceWorker(): Plugin {
  let outDir = 'dist'
  return {
    name: 'drop-mock-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    closeBundle() {
      rmSync(`${outDir}/mockServiceWorker.js`, { force: true })
    },
  }
}
