/**
 * Serves a built app (`dist/`, `dist-bench-baseline/`) as a production host would: hashed assets
 * cached for a year, index.html revalidated, gzip when the browser accepts it (as any CDN does, so
 * that Lighthouse and the bench see realistic transfer sizes), and the SPA fallback: a path without
 * a file extension gets index.html, a missing file with one gets a 404.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.webmanifest'])

type StaticFile = { body: Buffer; gzipped: Buffer | null; type: string; cacheControl: string }

export function createStaticFiles(root: string) {
  const base = resolve(root)
  if (!existsSync(join(base, 'index.html'))) throw new Error(`${base} has no index.html: build the app first`)
  // A build does not change while it is served: read and compress each file once.
  const files = new Map<string, StaticFile | null>()

  function load(relative: string): StaticFile | null {
    const cached = files.get(relative)
    if (cached !== undefined) return cached
    const absolute = normalize(join(base, relative))
    let file: StaticFile | null = null
    if ((absolute === base || absolute.startsWith(base + sep)) && existsSync(absolute) && statSync(absolute).isFile()) {
      const extension = extname(absolute)
      const body = readFileSync(absolute)
      file = {
        body,
        gzipped: compressible.has(extension) && body.length > 1024 ? gzipSync(body) : null,
        type: contentTypes[extension] ?? 'application/octet-stream',
        cacheControl: relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      }
    }
    files.set(relative, file)
    return file
  }

  /** Answers a GET or HEAD for `pathname` (already decoded). */
  return function serve(pathname: string, method: string, acceptEncoding: string, response: ServerResponse): void {
    const file = load(pathname) ?? (extname(pathname) === '' ? load('/index.html') : null)
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
      return
    }
    const gzip = file.gzipped !== null && /\bgzip\b/.test(acceptEncoding)
    const body = gzip && file.gzipped ? file.gzipped : file.body
    response.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': body.length,
      'Cache-Control': file.cacheControl,
      ...(file.gzipped ? { Vary: 'Accept-Encoding' } : {}),
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    })
    response.end(method === 'HEAD' ? undefined : body)
  }
}
