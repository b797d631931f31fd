/**
 * A Redis of its own for a test, a bench or the fleet recipe: Debian's `redis-server` in the
 * foreground on a free loopback port, nothing saved to disk, stopped with the process that
 * started it. `stop()` and `start()` again (same port) are how the tests take the fleet's shared
 * store away and bring it back.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { freePort } from './serve-nginx'

export type RedisServer = {
  url: string
  port: number
  /** Starts it again on the same port (after `stop`), empty. */
  start(): Promise<void>
  stop(): Promise<void>
}

function redisServerPath(): string {
  const configured = process.env.REDIS_SERVER_PATH
  if (configured && existsSync(configured)) return configured
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server'])
    if (existsSync(candidate)) return candidate
  throw new Error(
    'redis-server is missing: run `sh scripts/ensure-redis.sh` (Debian: apt-get install redis-server), ' +
      'or point REDIS_SERVER_PATH at one.',
  )
}

/** Resolves once the server answers PING, or rejects after `timeoutMs`. */
async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const answered = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1')
      socket.setTimeout(500)
      socket.once('connect', () => socket.write('PING\r\n'))
      socket.once('data', (data) => {
        socket.destroy()
        done(data.toString().startsWith('+PONG'))
      })
      socket.once('error', () => done(false))
      socket.once('timeout', () => {
        socket.destroy()
        done(false)
      })
    })
    if (answered) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`)
}

export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  const binary = redisServerPath()
  const port = options.port ?? (await freePort())
  let child: ChildProcess | null = null
  let output = ''

  async function start(): Promise<void> {
    if (child) return
    output = ''
    const started = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child = started
    started.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)))
    started.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)))
    started.once('exit', () => {
      if (child === started) child = null
    })
    try {
      await waitForPing(port, 10_000)
    } catch (error) {
      started.kill('SIGKILL')
      throw new Error(`${(error as Error).message}\n${output}`, { cause: error })
    }
  }

  async function stop(): Promise<void> {
    const running = child
    if (!running) return
    child = null
    await new Promise<void>((done) => {
      running.once('exit', () => done())
      running.kill('SIGKILL')
    })
  }

  await start()
  process.once('exit', () => child?.kill('SIGKILL'))
  return { url: `redis://127.0.0.1:${port}`, port, start, stop }
}
