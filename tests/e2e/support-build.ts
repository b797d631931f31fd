/**
 * One production build per browser-test run, shared by the specs that serve it (the gateway behind
 * nginx, the fleet, the build over HTTP): each of them used to build its own in its `beforeAll`, the
 * same output three times (about 30 s of a core each on this 2-core machine). The first spec that
 * asks builds it, in whichever worker it runs; a spec asking meanwhile waits for that build. Each
 * spec gets its own copy of it in its own folder, so what one spec writes there (over-http.spec.ts
 * leaves a demo's service worker file for a moment) is seen by no other.
 *
 * The run's folder is named by E2E_BUILD_RUN, which playwright.config.ts sets once in the runner's
 * process (its workers inherit it); tests/e2e/global-teardown.ts removes it after the run.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildProduction } from '../../scripts/build-production'

export const sharedBuildRoot = (run = process.env.E2E_BUILD_RUN ?? `${process.pid}`) =>
  join(tmpdir(), `billing-e2e-build-${run}`)

/** The shared build, built at most once per run; resolves with its folder once it is complete. */
async function sharedProductionBuild(): Promise<string> {
  const root = sharedBuildRoot()
  const out = join(root, 'production')
  const done = join(root, 'done')
  const failed = join(root, 'failed')
  let mine = false
  try {
    mkdirSync(root) // atomic: the one worker whose mkdir succeeds builds
    mine = true
  } catch {
    // another worker (or an earlier spec of this one) builds it, or has built it
  }
  if (mine) {
    try {
      await buildProduction(out)
      writeFileSync(done, '')
    } catch (error) {
      writeFileSync(failed, String(error))
      throw error
    }
    return out
  }
  // Bounded by the caller's beforeAll time-out.
  while (!existsSync(done)) {
    if (existsSync(failed)) throw new Error(`the shared production build failed: ${readFileSync(failed, 'utf8')}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return out
}

/**
 * A folder of this spec's own with the production build in it (`prefix` names it), readable by
 * nginx's unprivileged worker; the caller removes it.
 */
export async function productionBuildCopy(prefix: string): Promise<string> {
  const shared = await sharedProductionBuild()
  const outDir = mkdtempSync(join(tmpdir(), prefix))
  // nginx's worker runs as an unprivileged user when the tests run as root.
  chmodSync(outDir, 0o755)
  cpSync(shared, outDir, { recursive: true })
  return outDir
}
