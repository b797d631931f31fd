/**
 * A fault proxy between the gateway and Zuora (or any loopback HTTP upstream), because there is no
 * Toxiproxy here: latency, resets, connections that never answer, slow bodies and a down mode,
 * switched at run time (scripts/fault-proxy/proxy.ts says how each works).
 *
 *   tsx scripts/fault-proxy.ts --target 127.0.0.1:4010 --port 4011 [--latency-ms 200] [--jitter-ms 50]
 *     [--reset 0.1] [--hang 0.05] [--slow-bytes-per-s 512] [--down] [--seed 7] [--control-port 4012]
 *
 * With --control-port, a small HTTP endpoint on loopback switches the faults while it runs:
 *   GET /faults            the faults in force
 *   PUT /faults            {"hang": 1} or any of the fields above: merged into them, 400 if one is bad
 *   GET /stats             connections, reset, held, refused, forwarded
 * Requests from a web page (with an Origin header) are refused: only benches, tests and curl.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { isLoopback, noFaults, startFaultProxy, withFaults, type FaultProxy, type Faults } from './fault-proxy/proxy'
import { ControlError, refuseCrossSite, urlHost } from './http/request-guards'

const usage = `Usage: tsx scripts/fault-proxy.ts --target <host:port> [--port 4011] [--latency-ms N] [--jitter-ms N]
  [--reset 0..1] [--hang 0..1] [--slow-bytes-per-s N] [--down] [--seed N] [--control-port N]
The target must be loopback (127.0.0.1, ::1, localhost).`

class UsageError extends Error {}

type CliOptions = {
  target: { host: string; port: number }
  port: number
  faults: Faults
  seed: number
  controlPort: number | null
}

function portFrom(flag: string, value: string, lowest: number): number {
  const port = Number(value)
  if (value === '' || !Number.isInteger(port) || port < lowest || port > 65_535)
    throw new UsageError(`--${flag} must be a port from ${lowest} to 65535, not "${value}"`)
  return port
}

function numberFrom(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (value.trim() === '' || Number.isNaN(number)) throw new UsageError(`--${flag} must be a number, not "${value}"`)
  return number
}

const cliFlags = {
  target: { type: 'string' },
  port: { type: 'string', default: '4011' },
  'latency-ms': { type: 'string' },
  'jitter-ms': { type: 'string' },
  reset: { type: 'string' },
  hang: { type: 'string' },
  'slow-bytes-per-s': { type: 'string' },
  down: { type: 'boolean', default: false },
  seed: { type: 'string', default: '1' },
  'control-port': { type: 'string' },
} as const

function readFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: cliFlags, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

export function parseCli(argv: string[]): CliOptions {
  const values = readFlags(argv)
  if (values.target === undefined) throw new UsageError('--target is required')
  const split = values.target.lastIndexOf(':')
  const host = values.target.slice(0, split).replace(/^\[(.*)\]$/, '$1')
  if (split <= 0 || !isLoopback(host))
    throw new UsageError(`--target must be a loopback host:port, not "${values.target}"`)
  let faults: Faults
  try {
    faults = withFaults(noFaults, {
      latencyMs: numberFrom('latency-ms', values['latency-ms']),
      jitterMs: numberFrom('jitter-ms', values['jitter-ms']),
      reset: numberFrom('reset', values.reset),
      hang: numberFrom('hang', values.hang),
      slowBytesPerSecond: numberFrom('slow-bytes-per-s', values['slow-bytes-per-s']),
      down: values.down,
    })
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const seed = numberFrom('seed', values.seed) ?? 1
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${values.seed}"`)
  return {
    target: { host, port: portFrom('target', values.target.slice(split + 1), 1) },
    port: portFrom('port', values.port, 0),
    faults,
    seed,
    controlPort: values['control-port'] === undefined ? null : portFrom('control-port', values['control-port'], 0),
  }
}

const MAX_CONTROL_BODY = 64 * 1024

async function readBody(request: IncomingMessage): Promise<string> {
  let body = ''
  for await (const chunk of request) {
    body += String(chunk)
    if (body.length > MAX_CONTROL_BODY) throw new ControlError(413, 'The body is too large')
  }
  return body
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
}

async function answerControl(proxy: FaultProxy, request: IncomingMessage, response: ServerResponse): Promise<void> {
  refuseCrossSite(request, new Set())
  const path = new URL(request.url ?? '/', 'http://control').pathname
  switch (`${request.method} ${path}`) {
    case 'GET /faults':
      return sendJson(response, 200, proxy.faults())
    case 'GET /stats':
      return sendJson(response, 200, proxy.stats())
    case 'PUT /faults': {
      let change: unknown
      try {
        change = JSON.parse(await readBody(request))
        proxy.setFaults(change as Partial<Faults>)
      } catch (error) {
        if (error instanceof ControlError) throw error
        throw new ControlError(400, error instanceof Error ? error.message : String(error))
      }
      return sendJson(response, 200, proxy.faults())
    }
    default:
      throw new ControlError(404, `No control endpoint ${request.method} ${path}: GET /faults, PUT /faults, GET /stats`)
  }
}

/** The control endpoint for `proxy` on loopback; port 0 picks a free one. */
export async function startFaultControl(
  proxy: FaultProxy,
  port: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  const host = '127.0.0.1'
  const server = createServer((request, response) => {
    answerControl(proxy, request, response).catch((error: unknown) => {
      request.resume()
      const status = error instanceof ControlError ? error.status : 500
      sendJson(response, status, { error: error instanceof Error ? error.message : String(error) })
    })
  })
  await new Promise<void>((listening, failed) => {
    server.once('error', failed)
    server.listen(port, host, () => listening())
  })
  const address = server.address()
  const boundPort = typeof address === 'object' && address !== null ? address.port : port
  return {
    url: `http://${urlHost(host)}:${boundPort}`,
    close: () =>
      new Promise((closed) => {
        server.close(() => closed())
        server.closeAllConnections()
      }),
  }
}

async function main(): Promise<void> {
  let options: CliOptions
  try {
    options = parseCli(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`fault-proxy: ${error.message}\n${usage}\n`)
    process.exit(2)
  }
  const proxy = await startFaultProxy({
    target: options.target,
    port: options.port,
    faults: options.faults,
    seed: options.seed,
  })
  const control = options.controlPort === null ? null : await startFaultControl(proxy, options.controlPort)
  process.stdout.write(
    `fault-proxy on ${proxy.url} -> ${urlHost(options.target.host)}:${options.target.port}, faults ${JSON.stringify(proxy.faults())}` +
      (control ? `; control on ${control.url}` : '') +
      '\n',
  )
  const stop = () => void Promise.all([proxy.close(), control?.close()]).then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${usage}\n`)
    process.exit(0)
  }
  main().catch((error: unknown) => {
    process.stderr.write(`fault-proxy: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
