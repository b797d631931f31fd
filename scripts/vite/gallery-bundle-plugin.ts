/**
 * The designers' gallery's frames from a bundle the development server keeps built (issue 20,
 * src/dev/gallery/frame-bundle.ts says why). Two plugins, one per process:
 *
 * - `galleryBundle()`, in the dev server (`npm start`, mode development; never in Vitest): starts
 *   `vite build --mode demo` in watch mode as a child process at a lower priority, and answers a
 *   gallery frame's navigation (`?__gallery=<state>`) with the last bundle built, from memory, or
 *   lets the dev server answer it as before while there is none. The bundle's files are served
 *   under FRAME_BUNDLE_PATH, the state at FRAME_BUNDLE_STATUS_PATH and as an HMR event.
 *   GALLERY_BUNDLE=off leaves the child out.
 * - `galleryBundleBuild()`, in that child only: the demo build (mocks allowed, as in `npm run
 *   build:demo`; production builds never have any of this) with its chunks under FRAME_BUNDLE_PATH,
 *   so the bundle's page works at the app's own addresses (BASE_URL stays "/", which the app's
 *   router needs) on the dev server's origin (the frames read the gallery's window: seed-shelf.ts),
 *   and it tells the dev server when each build starts, ends or fails.
 *
 * A rebuild never takes files from under a frame that is loading: the output folder is emptied
 * when the dev server starts, not at each build (chunks have hashed names), and the page is read
 * into memory only once its build is written.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { setPriority } from 'node:os'
import { dirname, extname, join, resolve, sep } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin, ViteDevServer } from 'vite'
import {
  FRAME_BUNDLE_EVENT,
  FRAME_BUNDLE_PATH,
  FRAME_BUNDLE_STATUS_PATH,
  type FrameBundleStatus,
} from '../../src/dev/gallery/frame-bundle.js'
import { GALLERY_FRAME_PARAM } from '../../src/dev/gallery/gallery-states.js'

/** Set in the child's environment: the folder its bundle is written to (this build is the gallery's bundle). */
const CHILD_ENV = 'GALLERY_BUNDLE_OUT_DIR'
/**
 * Beside the other builds' folders (dist-*, ignored by git and the linter), apart from `npm run
 * build:demo`'s; a folder in it per dev server (`<process id>.<server>`: Vite starts a new server in
 * the same process when its configuration changes), so that two in one checkout (`npm start` and
 * the gallery bench) never empty each other's.
 */
export const GALLERY_BUNDLES_DIR = 'dist-gallery-bundle'
let serversStarted = 0
/** Below the dev server's own priority (0): a rebuild after an edit must not slow the pages being looked at. */
const CHILD_NICENESS = 10

/** What the child tells the dev server. */
type BuildMessage = { galleryBundle: 'start' } | { galleryBundle: 'written' } | { galleryBundle: 'failed' }

const isBuildMessage = (value: unknown): value is BuildMessage =>
  typeof value === 'object' && value !== null && 'galleryBundle' in value

/** The dev server's plugin. */
export function galleryBundle(): Plugin {
  return {
    name: 'gallery-bundle',
    apply: (_config, env) => env.command === 'serve' && env.mode === 'development' && !process.env.VITEST,
    // Its writes are no edit: the app's tabs and the gallery must not reload at each build.
    config: () => ({ server: { watch: { ignored: [`**/${GALLERY_BUNDLES_DIR}/**`] } } }),
    configureServer(server) {
      const outDir = resolve(server.config.root, GALLERY_BUNDLES_DIR, `${process.pid}.${++serversStarted}`)
      const served = serveGalleryBundle(outDir)
      const off = process.env.GALLERY_BUNDLE === 'off'
      const stop = off ? () => {} : startWatchedBuild(server, served, outDir)
      if (off) served.setStatus({ state: 'off' })
      server.httpServer?.once('close', stop)
      server.middlewares.use(served.middleware)
    },
  }
}

/** The child's plugin: only in the build the dev server starts. */
export function galleryBundleBuild(): Plugin {
  const tell = (message: BuildMessage) => process.send?.(message)
  return {
    name: 'gallery-bundle-build',
    apply: (_config, env) => env.command === 'build' && env.mode === 'demo' && Boolean(process.env[CHILD_ENV]),
    config: () => ({
      build: {
        outDir: process.env[CHILD_ENV],
        emptyOutDir: false,
        assetsDir: `${FRAME_BUNDLE_PATH.slice(1)}assets`,
        // The dev server serves public/ itself (the MSW worker script at the same address).
        copyPublicDir: false,
        watch: {},
      },
    }),
    configResolved() {
      // The dev server gone (stopped, or killed): so is its bundle.
      process.once('disconnect', () => process.exit(0))
    },
    buildStart() {
      tell({ galleryBundle: 'start' })
    },
    buildEnd(error) {
      if (error) tell({ galleryBundle: 'failed' })
    },
    writeBundle() {
      tell({ galleryBundle: 'written' })
    },
  }
}

type ServedBundle = {
  setStatus(status: FrameBundleStatus): void
  status(): FrameBundleStatus
  /** The build just written: its page is read now. */
  written(): void
  /** No bundle any more (its build stopped): frames from the dev server. */
  forget(): void
  middleware(request: IncomingMessage, response: ServerResponse, next: () => void): void
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

/** The bundle in `outDir` as the dev server serves it. Exported for its test. */
export function serveGalleryBundle(outDir: string): ServedBundle {
  let status: FrameBundleStatus = { state: 'building', startedAt: Date.now() }
  let page: string | null = null

  const sendFile = (pathname: string, response: ServerResponse, next: () => void) => {
    const file = join(outDir, decodeURIComponent(pathname))
    if (!file.startsWith(outDir + sep) || !existsSync(file) || !statSync(file).isFile()) return next()
    response.setHeader('Content-Type', contentTypes[extname(file)] ?? 'application/octet-stream')
    // Hashed names: a file never changes, and a rebuild writes new ones beside it.
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
    response.end(readFileSync(file))
  }

  return {
    setStatus(next) {
      status = next
    },
    status: () => status,
    written() {
      page = readFileSync(join(outDir, 'index.html'), 'utf8')
    },
    forget() {
      page = null
    },
    middleware(request, response, next) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next()
      const url = new URL(request.url ?? '/', 'http://dev-server')
      if (url.pathname === FRAME_BUNDLE_STATUS_PATH) {
        response.setHeader('Content-Type', 'application/json; charset=utf-8')
        response.setHeader('Cache-Control', 'no-store')
        return void response.end(JSON.stringify(status))
      }
      if (url.pathname.startsWith(FRAME_BUNDLE_PATH)) return sendFile(url.pathname, response, next)
      // A gallery frame's page (its navigation), while there is a bundle: the bundle's page, which
      // reads the address as the dev server's would. Anything else: the dev server's own.
      const navigation = request.headers.accept?.includes('text/html') ?? false
      if (page === null || !navigation || !url.searchParams.has(GALLERY_FRAME_PARAM)) return next()
      response.setHeader('Content-Type', 'text/html; charset=utf-8')
      response.setHeader('Cache-Control', 'no-store')
      response.end(page)
    },
  }
}

/** The folders of dev servers whose process is gone (killed: a stopped one empties its own). */
function clearOldBundles(bundlesDir: string): void {
  if (!existsSync(bundlesDir)) return
  for (const name of readdirSync(bundlesDir)) {
    if (isRunning(Number(name.split('.')[0]))) continue
    rmSync(join(bundlesDir, name), { recursive: true, force: true })
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Starts the child build into `outDir`; returns the way to stop it. */
function startWatchedBuild(server: ViteDevServer, served: ServedBundle, outDir: string): () => void {
  const root = server.config.root
  clearOldBundles(dirname(outDir))
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js')
  const announce = (status: FrameBundleStatus) => {
    served.setStatus(status)
    server.ws.send({ type: 'custom', event: FRAME_BUNDLE_EVENT, data: status })
  }
  let startedAt = Date.now()
  let builtAt: number | null = null
  let stopping = false
  const child: ChildProcess = spawn(process.execPath, [viteBin, 'build', '--mode', 'demo', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, [CHILD_ENV]: outDir },
    // Its warnings and errors (an edit that does not build) show in the dev server's terminal.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  try {
    if (child.pid !== undefined) setPriority(child.pid, CHILD_NICENESS)
  } catch {
    // Not allowed here: it runs at the dev server's priority.
  }
  child.on('message', (message: unknown) => {
    if (!isBuildMessage(message)) return
    if (message.galleryBundle === 'start') {
      // The first build counts from the child's start (its configuration loads first).
      if (builtAt !== null) startedAt = Date.now()
      announce(builtAt === null ? { state: 'building', startedAt } : { state: 'rebuilding', builtAt })
    } else if (message.galleryBundle === 'failed') {
      announce({ state: 'failed', builtAt })
    } else {
      served.written()
      builtAt = Date.now()
      announce({ state: 'ready', builtAt, buildMs: builtAt - startedAt })
    }
  })
  child.on('exit', (code) => {
    if (stopping) return
    server.config.logger.warn(
      `The gallery's bundle build stopped (exit code ${code}): frames load from the dev server.`,
    )
    served.forget()
    announce({ state: 'failed', builtAt: null })
  })
  const stop = () => {
    if (stopping) return
    stopping = true
    child.kill()
    rmSync(outDir, { recursive: true, force: true })
  }
  process.once('exit', stop)
  return stop
}
