/**
 * A production build from inside a test runner. Vitest and Playwright run with NODE_ENV=test (or
 * unset), which would make Vite bundle React's development build; a production build must not.
 */
export async function buildProduction(outDir: string): Promise<void> {
  await buildForMode('production', outDir)
}

/**
 * The same for any mode (`staging`, `demo`...): what `vite build --mode <mode>` would ship, built
 * with React's production build into `outDir`.
 */
export async function buildForMode(mode: string, outDir: string): Promise<void> {
  const { build } = await import('vite')
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ mode, logLevel: 'silent', build: { outDir, emptyOutDir: true } })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
}
