/**
 * A TCP fault proxy in front of a loopback HTTP upstream (the Zuora simulator, the gateway): bytes
 * in, bytes out, with faults switched at run time. There is no Toxiproxy on this machine (no
 * internet beyond the npm registry), so benches and tests that need a slow, flaky or dead Zuora
 * put this between the gateway and it. The CLI and its control endpoint are scripts/fault-proxy.ts.
 *
 * It works on TCP, not HTTP, so any client works through it and keep-alive is whatever the two ends
 * agree. The faults come in two kinds:
 *  - A connection's fate (reset, held or forwarded) is drawn once, when it is accepted, from a
 *    seeded generator: the same seed and the same order of connections give the same fates. A new
 *    `reset` or `hang` share therefore applies to new connections; a client's open keep-alive
 *    connections keep the fate they drew.
 *  - Latency and slow bodies shape the answers (upstream to client) and are read at every answer,
 *    so a change applies to open connections too.
 * `down` refuses new connections (closed at once) and closes the open ones, as an outage would: a
 * pool must not go on using the connections it had.
 */
import { createServer, connect, isIPv4, type Server, type Socket } from 'node:net'
import { Transform, type TransformCallback } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { seededRandom } from '../../gateway/prng'
import { urlHost } from '../http/request-guards'

export type Faults = {
  /** Added before each answer starts (the first bytes back after the client sent some), in ms. */
  latencyMs: number
  /** Plus a uniform 0..jitterMs on top of latencyMs, drawn per answer. */
  jitterMs: number
  /** Share (0..1) of new connections reset (RST) when their first request bytes arrive. */
  reset: number
  /** Share (0..1) of new connections accepted and then held without a byte in answer. */
  hang: number
  /** Answer bytes trickle at this rate; 0 is full speed. */
  slowBytesPerSecond: number
  /** Refuse new connections (closed at once) and close the open ones. */
  down: boolean
}

/** Connections accepted; each of them was then reset, held, refused or forwarded. */
export type FaultProxyStats = { connections: number; reset: number; held: number; refused: number; forwarded: number }

export type FaultProxyOptions = {
  target: { host: string; port: number }
  /** 0 (the default) picks a free port. */
  port?: number
  /** Where to listen; loopback by default. */
  host?: string
  faults?: Partial<Faults>
  /** Seeds the connections' fates and the latency jitter. */
  seed?: number
  /** Fault and load tools target loopback only; this is the one way round that. */
  allowNonLoopback?: boolean
}

export type FaultProxy = {
  url: string
  port: number
  /** Throws (and changes nothing) if a field is bad. */
  setFaults(change: Partial<Faults>): void
  faults(): Faults
  stats(): FaultProxyStats
  /** Stops listening and destroys every open connection, held ones included. */
  close(): Promise<void>
}

export const noFaults: Faults = { latencyMs: 0, jitterMs: 0, reset: 0, hang: 0, slowBytesPerSecond: 0, down: false }

const shareFields = ['reset', 'hang'] as const
const amountFields = ['latencyMs', 'jitterMs', 'slowBytesPerSecond'] as const
const faultNames = Object.keys(noFaults).join(', ')

const shown = (value: unknown) => (typeof value === 'number' ? String(value) : JSON.stringify(value))

/**
 * `current` with `change` applied, or an Error naming the bad field. `change` is unknown because it
 * comes from the command line and the control endpoint's JSON as well as from code.
 */
export function withFaults(current: Faults, change: unknown): Faults {
  if (typeof change !== 'object' || change === null || Array.isArray(change))
    throw new Error(`Faults must be an object with some of: ${faultNames}`)
  const next: Record<string, unknown> = { ...current }
  for (const [field, value] of Object.entries(change)) {
    if (value === undefined) continue
    if ((shareFields as readonly string[]).includes(field)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        throw new Error(`Fault "${field}" must be a share from 0 to 1, not ${shown(value)}`)
    } else if ((amountFields as readonly string[]).includes(field)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw new Error(`Fault "${field}" must be a number from 0, not ${shown(value)}`)
    } else if (field === 'down') {
      if (typeof value !== 'boolean') throw new Error(`Fault "down" must be true or false, not ${shown(value)}`)
    } else throw new Error(`Unknown fault "${field}": the faults are ${faultNames}`)
    next[field] = value
  }
  const faults = next as Faults
  // One draw decides a connection's fate, reset first: shares beyond 1 would silently shrink `hang`.
  if (faults.reset + faults.hang > 1)
    throw new Error(`Faults "reset" + "hang" must be at most 1, not ${faults.reset} + ${faults.hang}`)
  return faults
}

/** 127.0.0.0/8, ::1 and localhost: the addresses fault and load tools may use. */
export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'))

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { target, port = 0, host = '127.0.0.1', seed = 1, allowNonLoopback = false } = options
  for (const [what, address] of [
    ['target', target.host],
    ['listen host', host],
  ] as const) {
    if (!allowNonLoopback && !isLoopback(address))
      throw new Error(
        `The fault proxy's ${what} must be loopback, not "${address}" (allowNonLoopback: true to override)`,
      )
  }
  let faults = withFaults(noFaults, options.faults ?? {})
  // Two streams, so how many answers drew a jitter never changes which connections are reset.
  const drawFate = seededRandom(seed)
  const drawJitter = seededRandom(seed ^ 0x5bd1e995)
  const stats: FaultProxyStats = { connections: 0, reset: 0, held: 0, refused: 0, forwarded: 0 }
  const open = new Set<Socket>()
  let closing = false

  const track = (socket: Socket) => {
    open.add(socket)
    socket.once('close', () => open.delete(socket))
  }

  function forward(client: Socket): void {
    const upstream = connect({ host: target.host, port: target.port, allowHalfOpen: true })
    track(upstream)
    upstream.on('error', () => resetSocket(client)) // the target refused or reset: the client sees a reset
    const shaper = new AnswerShaper(() => faults, drawJitter)
    client.on('data', () => shaper.requestSeen())
    client.pipe(upstream)
    upstream.pipe(shaper).pipe(client)
    // The client gave up: nothing more to carry either way.
    client.once('close', () => {
      upstream.destroy()
      shaper.destroy()
    })
  }

  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    stats.connections += 1
    // A client that goes away mid-answer is its own business: the proxy carries on.
    client.on('error', () => undefined)
    if (closing || faults.down) {
      stats.refused += 1
      client.destroy()
      return
    }
    track(client)
    const fate = drawFate()
    if (fate < faults.reset) {
      stats.reset += 1
      // On the request, not on connect: the client has sent it and sees ECONNRESET waiting for the answer.
      client.once('data', () => resetSocket(client))
      client.once('end', () => resetSocket(client))
    } else if (fate < faults.reset + faults.hang) {
      stats.held += 1
      client.resume() // read and drop the request; answer nothing until the client or close() ends it
    } else {
      stats.forwarded += 1
      forward(client)
    }
  })
  await new Promise<void>((listening, failed) => {
    server.once('error', failed)
    server.listen(port, host, () => listening())
  })
  const address = server.address()
  const boundPort = typeof address === 'object' && address !== null ? address.port : port

  return {
    url: `http://${urlHost(host)}:${boundPort}`,
    port: boundPort,
    setFaults(change) {
      faults = withFaults(faults, change)
      if (faults.down) for (const socket of open) socket.destroy()
    },
    faults: () => ({ ...faults }),
    stats: () => ({ ...stats }),
    close() {
      closing = true
      for (const socket of open) socket.destroy()
      return new Promise((closed) => server.close(() => closed()))
    },
  }
}

/** An abrupt close (RST), whatever state the socket is in. */
function resetSocket(socket: Socket): void {
  if (!socket.destroyed) socket.resetAndDestroy()
}

/** How finely a slow body is cut: 20 slices a second keeps the trickle smooth without a timer per byte. */
const SLICES_PER_SECOND = 20

/**
 * The upstream-to-client bytes, delayed and throttled. Without parsing HTTP, "an answer starts" is
 * the first bytes back after the client sent some: that is where latency goes, so a keep-alive
 * connection's every answer is late, not only its first.
 */
class AnswerShaper extends Transform {
  private answerDue = false
  private readonly stopped = new AbortController()

  constructor(
    private readonly faults: () => Faults,
    private readonly random: () => number,
  ) {
    super()
  }

  /** The client sent bytes: the next bytes from upstream start an answer. */
  requestSeen(): void {
    this.answerDue = true
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // A rejection is only the abort of a wait: the connection is gone and nothing is left to pass on.
    this.shape(chunk).then(
      () => done(),
      () => undefined,
    )
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    this.stopped.abort()
    done(error)
  }

  private async shape(chunk: Buffer): Promise<void> {
    const { latencyMs, jitterMs, slowBytesPerSecond: rate } = this.faults()
    const signal = this.stopped.signal
    if (this.answerDue) {
      this.answerDue = false
      const wait = latencyMs + this.random() * jitterMs
      if (wait > 0) await sleep(wait, undefined, { signal })
    }
    if (rate <= 0) {
      this.push(chunk)
      return
    }
    const sliceBytes = Math.max(1, Math.floor(rate / SLICES_PER_SECOND))
    for (let at = 0; at < chunk.length; at += sliceBytes) {
      const slice = chunk.subarray(at, at + sliceBytes)
      // Wait first: a slice "arrives" once its bytes would have crossed the slow link.
      await sleep((slice.length * 1000) / rate, undefined, { signal })
      this.push(slice)
    }
  }
}
