/**
 * A production build from inside a test runner. Vitest and Playwright run with NODE_ENV=test (or
 * unset), which would make Vite bundle React's development build; a production build must not.
 */
export async function buildProduction(outDir: string): Promise<void> {
  const { build } = await import('vite')
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
}
