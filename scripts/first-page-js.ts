/**
 * What JavaScript the browser loads for the first page (the subscription page at `/`): the entry
 * and its static imports, the app chunk main.tsx imports at once, plus the route chunk for `/`
 * and its static imports, gzipped. Read
 * from the build's manifest so that it follows the real chunk graph.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; src?: string }

export const firstRouteModule = 'src/features/subscription/subscription-page.tsx'
/** main.tsx loads the app right away, but dynamically (after the development bootstrap, in builds that have one). */
export const appModule = 'src/app/app.tsx'

export function firstPageJavaScript(outDir: string) {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    const chunk = manifest[key]
    if (!chunk) throw new Error(`manifest has no ${key}`)
    seen.add(key)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  visit('index.html')
  if (manifest[appModule]) visit(appModule)
  if (manifest[firstRouteModule]) visit(firstRouteModule)
  const files = [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'))
  const sizes = files.map((file) => ({
    file,
    gzipBytes: gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length,
  }))
  return { files: sizes, totalGzipBytes: sizes.reduce((sum, { gzipBytes }) => sum + gzipBytes, 0) }
}
