/**
 * Where the first page's JavaScript goes: builds production into .treemap/dist, then prints, for the
 * chunks the first page loads (scripts/first-page-js.ts: the same manifest walk as the CI budget),
 * gzipped bytes per package and per own module, and writes .treemap/first-page.html (a treemap)
 * and .treemap/first-page.tsv (every module, sorted).
 *
 * Attribution: each chunk's real gzip size (level 9, as first-page-js.ts counts it) is split
 * among its modules in proportion to each module's rendered code gzipped on its own. Gzipping
 * modules alone overstates each of them (no shared dictionary), so the proportional split keeps
 * the totals exact while ranking modules by how much they weigh compressed, not raw.
 *
 * `npm run treemap` (or `npx tsx scripts/treemap.ts [--top 40]`).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'
import { firstPageJavaScript } from './first-page-js'
import { treemapHtml, type ModuleWeight } from './treemap/treemap-html'

const outRoot = '.treemap'
const outDir = join(outRoot, 'dist')

/** Rendered code of each module, per output file, as the bundler wrote it. */
type ChunkModules = Map<string, Map<string, string>>

function captureModules(into: ChunkModules): Plugin {
  return {
    name: 'treemap-capture-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue
        const modules = new Map<string, string>()
        for (const [id, rendered] of Object.entries(output.modules)) modules.set(id, rendered.code ?? '')
        into.set(output.fileName, modules)
      }
    },
  }
}

/** `react-dom` for node_modules/react-dom/..., `@tanstack/query-core` for scoped ones, the path for own code. */
function ownerOf(moduleId: string): { group: string; name: string } {
  const clean = moduleId.replace(/^\0/, '').replace(/\?.*$/, '')
  const inPackages = clean.lastIndexOf('/node_modules/')
  if (inPackages >= 0) {
    const parts = clean.slice(inPackages + '/node_modules/'.length).split('/')
    const pkg = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? clean)
    return { group: pkg, name: clean.slice(inPackages + '/node_modules/'.length) }
  }
  const own = clean.startsWith('/') ? relative(process.cwd(), clean) : clean
  return { group: own.startsWith('src/') ? own.split('/').slice(0, 3).join('/') : own, name: own }
}

function gzipLength(code: string): number {
  return code.length === 0 ? 0 : gzipSync(code, { level: 9 }).length
}

function attribute(chunks: ChunkModules, firstPage: { file: string; gzipBytes: number }[]): ModuleWeight[] {
  const weights: ModuleWeight[] = []
  for (const { file, gzipBytes } of firstPage) {
    const modules = [...(chunks.get(file) ?? new Map<string, string>()).entries()].map(([id, code]) => ({
      id,
      alone: gzipLength(code),
      raw: code.length,
    }))
    const aloneTotal = modules.reduce((sum, { alone }) => sum + alone, 0)
    for (const { id, alone, raw } of modules) {
      if (raw === 0) continue
      const { group, name } = ownerOf(id)
      weights.push({
        chunk: file,
        group,
        name,
        rawBytes: raw,
        gzipBytes: aloneTotal === 0 ? 0 : (gzipBytes * alone) / aloneTotal,
      })
    }
  }
  return weights.sort((a, b) => b.gzipBytes - a.gzipBytes)
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(6)} kB`

async function main() {
  const topArg = process.argv.indexOf('--top')
  const top = topArg >= 0 ? Number(process.argv[topArg + 1]) : 30
  const chunks: ChunkModules = new Map()
  const { build } = await import('vite')
  process.env.NODE_ENV = 'production'
  await build({
    mode: 'production',
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
    plugins: [captureModules(chunks)],
  })
  const firstPage = firstPageJavaScript(outDir)
  const weights = attribute(chunks, firstPage.files)

  console.log(`first page: ${firstPage.totalGzipBytes} B gzipped in ${firstPage.files.length} files`)
  for (const { file, gzipBytes } of [...firstPage.files].sort((a, b) => b.gzipBytes - a.gzipBytes))
    console.log(`${kB(gzipBytes)}  ${file}`)

  const byGroup = new Map<string, number>()
  for (const { group, gzipBytes } of weights) byGroup.set(group, (byGroup.get(group) ?? 0) + gzipBytes)
  console.log('\nby package (node_modules) or own folder:')
  for (const [group, bytes] of [...byGroup.entries()].sort((a, b) => b[1] - a[1])) console.log(`${kB(bytes)}  ${group}`)

  console.log(`\nlargest ${top} modules:`)
  for (const { name, gzipBytes, chunk } of weights.slice(0, top)) console.log(`${kB(gzipBytes)}  ${name}  (${chunk})`)

  mkdirSync(outRoot, { recursive: true })
  const rows = weights.map((w) => [Math.round(w.gzipBytes), w.rawBytes, w.group, w.name, w.chunk].join('\t'))
  writeFileSync(
    join(outRoot, 'first-page.tsv'),
    ['gzip_bytes\traw_bytes\tgroup\tmodule\tchunk', ...rows].join('\n') + '\n',
  )
  writeFileSync(join(outRoot, 'first-page.html'), treemapHtml(weights, firstPage.totalGzipBytes))
  console.log(`\nwrote ${join(outRoot, 'first-page.html')} and ${join(outRoot, 'first-page.tsv')}`)
}

await main()
