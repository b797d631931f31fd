/**
 * The production build served by Debian's nginx with the deployment's own configuration
 * (deploy/nginx/billing-admin.conf.template), in front of an API: as the browser tests run it
 * (tests/e2e/over-http.spec.ts, tests/e2e/gateway.spec.ts; a fleet of gateways behind an
 * `upstream`: scripts/fleet-recipe.ts), and by hand:
 *
 *   npx tsx scripts/serve-nginx.ts --root dist [--port 8080]
 *
 * builds nothing (run `npm run build` first), starts the API and nginx in front of it, prints both
 * addresses and stops both on Ctrl-C. The API is the billing gateway with its Zuora simulator
 * (gateway/node/sim-server.ts, in this process), its control endpoints on its own port.
 *
 * nginx runs in the foreground (`daemon off`, a master and one worker) with everything it writes
 * (configuration, pid, logs, temp files, the status cache) in a temp folder of its own, on a free
 * port of 127.0.0.1. As root, its worker drops to nginx's default unprivileged user (nobody), as in
 * a real deployment: the temp folder is opened to it, and the build must be readable by it.
 * `NGINX_PATH` overrides the binary (default: `nginx` on the PATH, else /usr/sbin/nginx).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GatewaySim } from '../gateway/node/sim-server'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const nginxTemplatePath = join(repoRoot, 'deploy', 'nginx', 'billing-admin.conf.template')

/** The template's variables (deploy/nginx/billing-admin.conf.template says what each means). */
export type NginxTemplateValues = {
  BILLING_LISTEN: string
  BILLING_SERVER_NAME: string
  BILLING_ROOT: string
  BILLING_API_UPSTREAM: string
  BILLING_CONNECT_SRC: string
  BILLING_CACHE_DIR: string
}

/** What `envsubst '${BILLING_LISTEN} ...'` does: only these names; any other `${...}` is an error. */
export function renderNginxTemplate(template: string, values: NginxTemplateValues): string {
  const rendered = template.replace(/\$\{(BILLING_[A-Z_]+)\}/g, (_whole, name: string) => {
    if (!(name in values)) throw new Error(`The nginx template uses \${${name}}, which has no value`)
    return values[name as keyof NginxTemplateValues]
  })
  // The comments list the variables for envsubst; only the directives must be free of them.
  const leftover = rendered
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .find((line) => line.includes('${'))
  if (leftover) throw new Error(`The rendered nginx configuration still holds a variable: ${leftover.trim()}`)
  return rendered
}

export function nginxBinary(): string {
  if (process.env.NGINX_PATH) return process.env.NGINX_PATH
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin']) {
    const candidate = join(dir, 'nginx')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  throw new Error('nginx is missing: sh scripts/ensure-nginx.sh installs it (apt-get install nginx), or set NGINX_PATH')
}

export type NginxOptions = {
  /** The build to serve (its index.html and assets/). */
  root: string
  /** Where /api/ goes: an origin such as http://127.0.0.1:4180 (it receives /api/... unchanged). */
  apiUpstream: string
  /** 0 (default): a free port. */
  port?: number
  /** Extra connect-src origins (the template's BILLING_CONNECT_SRC). */
  connectSrc?: string
  /**
   * Directives for the http { } block, before the site file: an `upstream` block that
   * `apiUpstream` names, say (scripts/fleet-recipe.ts), or proxy defaults the site inherits.
   */
  httpConfig?: string
}

export type NginxServer = {
  url: string
  /** The temp folder holding the configuration, logs and cache. */
  prefix: string
  /** nginx's error log so far (warnings included). */
  errorLog: () => string
  stop: () => Promise<void>
}

export async function startNginx(options: NginxOptions): Promise<NginxServer> {
  const binary = nginxBinary()
  const root = resolve(options.root)
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root} has no index.html: build the app first`)
  const asRoot = process.getuid?.() === 0
  if (asRoot && (statSync(root).mode & 0o005) !== 0o005) {
    throw new Error(`${root} is not readable by nginx's worker user (nobody): chmod 755 it`)
  }

  // A free port can be taken between the probe and nginx's bind: try again then.
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port || (await freePort())
    const prefix = mkdtempSync(join(tmpdir(), 'billing-nginx-'))
    try {
      return await launch(binary, prefix, { ...options, root, port }, asRoot)
    } catch (error) {
      rmSync(prefix, { recursive: true, force: true })
      const busy = error instanceof Error && /Address already in use/.test(error.message)
      if (!busy || options.port || attempt >= 3) throw error
    }
  }
}

async function launch(
  binary: string,
  prefix: string,
  options: NginxOptions & { port: number },
  asRoot: boolean,
): Promise<NginxServer> {
  // The worker (nobody, when the master is root) reads the configuration's includes and writes
  // its temp files and the cache here.
  if (asRoot) chmodSync(prefix, 0o755)
  for (const dir of ['tmp', 'cache']) mkdirSync(join(prefix, dir))
  const site = renderNginxTemplate(readFileSync(nginxTemplatePath, 'utf8'), {
    BILLING_LISTEN: `127.0.0.1:${options.port}`,
    BILLING_SERVER_NAME: '127.0.0.1',
    BILLING_ROOT: options.root,
    BILLING_API_UPSTREAM: options.apiUpstream,
    BILLING_CONNECT_SRC: options.connectSrc ?? '',
    BILLING_CACHE_DIR: join(prefix, 'cache', 'billing-status'),
  })
  writeFileSync(join(prefix, 'billing-admin.conf'), site)
  writeFileSync(join(prefix, 'nginx.conf'), mainConfig(prefix, options.httpConfig ?? ''))
  const errorLogPath = join(prefix, 'error.log')

  const child = spawn(binary, ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', errorLogPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')))
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const errorLog = () => (existsSync(errorLogPath) ? readFileSync(errorLogPath, 'utf8') : '') + stderr

  const url = `http://127.0.0.1:${options.port}`
  try {
    await waitUntilServing(child, url, errorLog)
  } catch (error) {
    process.off('exit', killOnExit)
    await stopChild(child)
    throw error
  }
  return {
    url,
    prefix,
    errorLog,
    stop: async () => {
      process.off('exit', killOnExit)
      await stopChild(child)
      rmSync(prefix, { recursive: true, force: true })
    },
  }
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n')

/** The http { } around the site file, as Debian's /etc/nginx/nginx.conf has it, all paths in `prefix`. */
function mainConfig(prefix: string, httpConfig: string): string {
  const mimeTypes = existsSync('/etc/nginx/mime.types')
    ? 'include /etc/nginx/mime.types;'
    : 'types { text/html html; text/css css; application/javascript js mjs; application/json json; image/svg+xml svg; image/x-icon ico; font/woff2 woff2; text/plain txt; }'
  const tmp = join(prefix, 'tmp')
  return `# Written by scripts/serve-nginx.ts for one test run.
daemon off;
master_process on;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;

events {
    worker_connections 512;
}

http {
    ${mimeTypes}
    default_type application/octet-stream;
    sendfile on;
    access_log ${join(prefix, 'access.log')};
    client_body_temp_path ${join(tmp, 'client_body')};
    proxy_temp_path ${join(tmp, 'proxy')};
    fastcgi_temp_path ${join(tmp, 'fastcgi')};
    uwsgi_temp_path ${join(tmp, 'uwsgi')};
    scgi_temp_path ${join(tmp, 'scgi')};
${httpConfig.trim() === '' ? '' : `\n${indent(httpConfig.trim(), '    ')}\n`}
    include ${join(prefix, 'billing-admin.conf')};
}
`
}

export type GatewayBehindNginx = { gateway: GatewaySim; nginx: NginxServer; stop: () => Promise<void> }

/**
 * The gateway in simulated mode (API only) with nginx in front serving `root`. The browser's
 * writes carry nginx's origin, which the gateway (seeing the upstream's Host) does not know as its
 * own: it is told it as an allowed origin, so nginx's port is chosen first.
 */
export async function startGatewayBehindNginx(options: { root: string; port?: number }): Promise<GatewayBehindNginx> {
  const { startGatewaySim } = await import('../gateway/node/sim-server')
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port || (await freePort())
    const gateway = await startGatewaySim({ port: 0, root: null, allowedOrigins: [`http://127.0.0.1:${port}`] })
    try {
      const nginx = await startNginx({ root: options.root, apiUpstream: gateway.url, port })
      return { gateway, nginx, stop: async () => void (await Promise.all([nginx.stop(), gateway.close()])) }
    } catch (error) {
      await gateway.close()
      // The port was free when probed and taken before nginx bound it: another one, then.
      const busy = error instanceof Error && /Address already in use/.test(error.message)
      if (!busy || options.port || attempt >= 3) throw error
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolvePort(port))
    })
  })
}

async function waitUntilServing(child: ChildProcess, url: string, errorLog: () => string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`nginx exited with ${child.exitCode ?? child.signalCode} before serving:\n${errorLog()}`)
    }
    try {
      const response = await fetch(`${url}/index.html`, { signal: AbortSignal.timeout(1_000) })
      await response.arrayBuffer()
      if (response.ok) return
      throw new Error(`nginx answered ${response.status} for /index.html:\n${errorLog()}`)
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('nginx answered')) throw error
      await new Promise((wait) => setTimeout(wait, 50))
    }
  }
  throw new Error(`nginx did not serve ${url} within 15 s:\n${errorLog()}`)
}

/** SIGQUIT: nginx's graceful stop; SIGKILL after 5 s (a hung proxied request may hold it). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      done()
    })
    child.kill('SIGQUIT')
  })
}

async function main(): Promise<void> {
  const { parseArgs } = await import('node:util')
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '0' },
    },
    strict: true,
  })
  const pair = await startGatewayBehindNginx({ root: values.root, port: Number(values.port) })
  const { gateway, nginx } = pair
  console.log(
    `nginx listening on ${nginx.url} (serving ${resolve(values.root)}; /api/ → the gateway at ${gateway.url}, control: ${gateway.url}/__control/)`,
  )
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void pair.stop().then(() => process.exit(0)))
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
