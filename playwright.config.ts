import { defineConfig } from '@playwright/test'

/**
 * Browser tests: the demo build (the real app plus the simulated backend in the real MSW service
 * worker) served by `vite preview`, driven in Debian's headless Chromium.
 */
/** E2E_PORT lets two checkouts run their browser tests side by side on one machine. */
const port = Number(process.env.E2E_PORT ?? 4174)
/**
 * Names this run's one shared production build (tests/e2e/support-build.ts): set here, in the
 * runner's process, before its workers start, so that they all inherit the same name.
 */
process.env.E2E_BUILD_RUN ??= `${process.pid}-${Date.now().toString(36)}`
export default defineConfig({
  testDir: 'tests/e2e',
  // Each test has its own browser context (its own service worker and storage, so its own simulated
  // backend), so any test may run beside any other: tests, not files, are spread over the workers
  // (a file of long tests no longer makes the run's tail). The specs that start servers once for
  // their file (gateway, fleet, over-http) and the layout spec keep their tests in one worker.
  fullyParallel: true,
  // The tests mostly wait on the app's timers and the simulated backends: three side by side on a
  // 2-core machine took 4 min 56 s instead of 5 min 46 s with two; four kept the cores busy and a
  // fleet test timed out (docs/performance.md, "The test run"). E2E_WORKERS=1: one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 3),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalTeardown: './tests/e2e/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'app', testIgnore: /layout\.spec\.ts/ },
    // Layout shift is measured while nothing else runs: a second browser starting beside it on a
    // 2-core machine can delay the first health report past the page's wait and move the page.
    { name: 'layout', testMatch: /layout\.spec\.ts/, dependencies: ['app'] },
  ],
  webServer: {
    command: `npx vite build --mode demo --logLevel warn && npx vite preview --mode demo --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
