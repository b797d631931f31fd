/**
 * The deployment recipe of issue 17 on one machine: a fleet of billing gateways on Redis behind
 * nginx. Redis (scripts/redis-server.ts), N instances of the production entry (gateway/node/main.ts,
 * one Node process each, configured by its environment as an operator configures it) sharing that
 * Redis, nginx with the deployment's site configuration in front of them all, and the Zuora
 * simulator over HTTP as their Zuora. The browser test (tests/e2e/fleet.spec.ts) stops an instance
 * and Redis under a visit; by hand:
 *
 *   npx tsx scripts/fleet-recipe.ts --root dist [--instances 2]
 *
 * builds nothing (run `npm run build` first), prints the addresses, the instances' log lines as
 * they come, and stops everything on Ctrl-C. deploy/fleet/README.md is the recipe for operators.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { demoOAuthClient, demoPaymentPageId } from '../mocks/zuora/catalog-ids'
import type { ZuoraSimulator } from '../mocks/zuora'
import { startRedisServer, type RedisServer } from './redis-server'
import { freePort, startNginx, type NginxServer } from './serve-nginx'
import { startZuoraSimServer } from './zuora-sim'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const gatewayEntry = join(repoRoot, 'gateway', 'node', 'main.ts')
export const upstreamName = 'billing_gateway'

export type FleetInstance = {
  /** Its INSTANCE_ID (gw-1, gw-2...). */
  id: string
  /** Its own address (nginx's upstream), for looking past nginx. */
  url: string
  /** Its last lines of output (one JSON line per request and event), oldest first. */
  output: () => string[]
  /** SIGTERM: it stops taking connections, lets the requests in flight finish and exits. */
  stop: () => Promise<void>
  /** Starts it again on the same port (nginx's upstream names it), resolving once it answers. */
  start: () => Promise<void>
}

export type Fleet = {
  /** nginx: where a browser goes. */
  url: string
  nginx: NginxServer
  instances: FleetInstance[]
  redis: RedisServer
  zuora: { url: string; control: ZuoraSimulator['control'] }
  stop: () => Promise<void>
}

export type FleetOptions = {
  /** The production build nginx serves (readable by nginx's worker user when run as root). */
  root: string
  instances?: number
  /** Each line an instance writes, as it comes (the CLI prints them). */
  onOutput?: (id: string, line: string) => void
}

/**
 * The http-level part of nginx's configuration for the fleet; the site file's `proxy_pass` names
 * the upstream (BILLING_API_UPSTREAM=http://billing_gateway). deploy/fleet/README.md explains each
 * choice to operators.
 */
export function fleetHttpConfig(servers: string[]): string {
  return `# The fleet (scripts/fleet-recipe.ts, deploy/fleet/README.md).
upstream ${upstreamName} {
    # One visitor, one instance while it is up: while Redis is down each instance answers from its
    # own memory, so a visitor's sign-in, quote and order must meet on the instance that holds them.
    # With Redis up any instance would do. An instance that fails is skipped for fail_timeout
    # (10 s) after max_fails (1) failure; its visitors move to the others.
    hash $remote_addr consistent;
${servers.map((server) => `    server ${server};`).join('\n')}
    # No keepalive pool: a pooled connection that a stopping instance has just closed would take a
    # POST that nginx then must not pass on; a new connection to a stopped instance is refused at once.
}
# A request that could not reach an instance (refused, or no answer in time) goes to the next one.
# nginx passes a POST on only if it was never sent (no non_idempotent): an order that reached an
# instance is retried by the browser with its Idempotency-Key, never by nginx. Not http_502 or
# http_503: those are the gateway's own answers (Zuora's data, maintenance), the same on every instance.
proxy_next_upstream error timeout;
proxy_connect_timeout 2s;
`
}

/** What an operator sets per instance (gateway/config/env.ts), here aimed at the simulator. */
function gatewayEnvironment(id: string, port: number, redisUrl: string, zuoraUrl: string): Record<string, string> {
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR', 'LANG'].flatMap((name) => {
      const value = process.env[name]
      return value === undefined ? [] : [[name, value]]
    }),
  )
  return {
    ...inherited,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    INSTANCE_ID: id,
    REDIS_URL: redisUrl,
    ZUORA_BASE_URL: zuoraUrl,
    ZUORA_CLIENT_ID: demoOAuthClient.clientId,
    ZUORA_CLIENT_SECRET: demoOAuthClient.clientSecret,
    ZUORA_PAYMENT_PAGE_ID: demoPaymentPageId,
    BILLING_DIRECTORY: join(repoRoot, 'deploy', 'gateway', 'directory.example.json'),
    BILLING_CATALOG: join(repoRoot, 'deploy', 'gateway', 'catalog.example.json'),
  }
}

const keptLines = 2_000
const startTimeoutMs = 60_000
/** main.ts answers 2 s more with /readyz at 503, then drains for up to 15 s. */
const stopTimeoutMs = 20_000

/**
 * One gateway instance as its own process. `node --import tsx` rather than tsx's CLI: one process,
 * so SIGTERM reaches the gateway itself (tsx's CLI relays a signal and kills its child if that does
 * not acknowledge within 30 ms, which would cut a drain short on a busy machine).
 */
function gatewayInstance(id: string, port: number, env: Record<string, string>, onOutput?: FleetOptions['onOutput']) {
  const url = `http://127.0.0.1:${port}`
  const lines: string[] = []
  let child: ChildProcess | null = null

  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = ''
    stream?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n')
      partial = parts.pop() ?? ''
      for (const line of parts) {
        lines.push(line)
        onOutput?.(id, line)
      }
      if (lines.length > keptLines) lines.splice(0, lines.length - keptLines)
    })
  }
  const lastLines = () => lines.slice(-40).join('\n')

  async function start(): Promise<void> {
    if (child) return
    const started = spawn(process.execPath, ['--import', 'tsx', gatewayEntry], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = started
    collect(started.stdout)
    collect(started.stderr)
    const killOnExit = () => started.kill('SIGKILL')
    process.once('exit', killOnExit)
    started.once('exit', () => {
      process.off('exit', killOnExit)
      if (child === started) child = null
    })
    try {
      await waitUntilAnswering(started, url)
    } catch (error) {
      await stopProcess(started)
      throw new Error(`Gateway ${id} did not start: ${(error as Error).message}\nIts last lines:\n${lastLines()}`, {
        cause: error,
      })
    }
  }

  async function stop(): Promise<void> {
    const running = child
    if (running) await stopProcess(running)
  }

  return { id, url, output: () => [...lines], start, stop } satisfies FleetInstance
}

/** Its health report answers (nothing of Zuora's is needed for that): the instance is serving. */
async function waitUntilAnswering(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`it exited with ${child.exitCode ?? child.signalCode}`)
    try {
      const answer = await fetch(`${url}/api/billing-status`, { signal: AbortSignal.timeout(2_000) })
      await answer.arrayBuffer()
      if (answer.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 100))
  }
  throw new Error(`${url}/api/billing-status did not answer 200 within ${startTimeoutMs / 1000} s`)
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs)
    child.once('exit', () => {
      clearTimeout(force)
      done()
    })
    child.kill('SIGTERM')
  })
}

/**
 * One production gateway (`gateway/node/main.ts`) as its own process, on the fleet's Redis and the
 * simulator. A port free when probed may be taken before the gateway binds it: then another port.
 */
export async function startGatewayInstance(
  id: string,
  redisUrl: string,
  zuoraUrl: string,
  onOutput?: FleetOptions['onOutput'],
) {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort()
    const instance = gatewayInstance(id, port, gatewayEnvironment(id, port, redisUrl, zuoraUrl), onOutput)
    try {
      await instance.start()
      return instance
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test((error as Error).message)) throw error
    }
  }
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const count = options.instances ?? 2
  if (!Number.isInteger(count) || count < 1) throw new Error(`A fleet has 1 or more instances, not ${count}`)
  // Whatever started is stopped again, last first, when a later part fails.
  const stops: (() => Promise<void>)[] = []
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined)
  }
  try {
    const redis = await startRedisServer()
    stops.push(redis.stop)
    const zuora = await startZuoraSimServer()
    stops.push(zuora.close)
    const ids = Array.from({ length: count }, (_, index) => `gw-${index + 1}`)
    const settled = await Promise.allSettled(
      ids.map((id) => startGatewayInstance(id, redis.url, zuora.url, options.onOutput)),
    )
    const instances = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    stops.push(async () => void (await Promise.all(instances.map((instance) => instance.stop()))))
    const failed = settled.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    const nginx = await startNginx({
      root: options.root,
      apiUpstream: `http://${upstreamName}`,
      httpConfig: fleetHttpConfig(instances.map((instance) => new URL(instance.url).host)),
    })
    stops.push(nginx.stop)
    return {
      url: nginx.url,
      nginx,
      instances,
      redis,
      zuora: { url: zuora.url, control: zuora.simulator.control },
      stop: stopAll,
    }
  } catch (error) {
    await stopAll()
    throw error
  }
}

async function main(): Promise<void> {
  const { parseArgs } = await import('node:util')
  const { values } = parseArgs({
    options: { root: { type: 'string', default: 'dist' }, instances: { type: 'string', default: '2' } },
    strict: true,
  })
  const fleet = await startFleet({
    root: values.root,
    instances: Number(values.instances),
    onOutput: (id, line) => console.log(`${id} ${line}`),
  })
  console.log(`nginx listening on ${fleet.url} (serving ${resolve(values.root)}; /api/ → ${upstreamName})`)
  for (const instance of fleet.instances) console.log(`  ${instance.id} on ${instance.url}`)
  console.log(`  Redis on ${fleet.redis.url}`)
  console.log(`  Zuora simulator on ${fleet.zuora.url} (control: ${fleet.zuora.url}/__control/)`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void fleet.stop().then(() => process.exit(0)))
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
