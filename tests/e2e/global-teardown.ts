import { rmSync } from 'node:fs'
import { sharedBuildRoot } from './support-build'

/** Removes the run's shared production build (tests/e2e/support-build.ts), if a spec made it. */
export default function globalTeardown(): void {
  rmSync(sharedBuildRoot(), { recursive: true, force: true })
}
