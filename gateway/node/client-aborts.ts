/**
 * A browser that goes away mid-request (a closed tab, a reload, a context a benchmark closes) makes
 * Node's HTTP server fail the request's body stream with `Error: aborted` (or a reset), and the
 * request's signal abort with that text as its reason. Where that
 * error escapes every handler as an unhandled rejection, Node's default ends the process: one closed
 * tab would take an instance down, with every request in flight on it (the bench's checkout through
 * cache-layer-failure lost a gateway this way). Such a rejection is logged and the process goes on;
 * any other keeps Node's behaviour (logged, then exit 1, for the supervisor to restart it), since
 * an error nobody expected may have left the process in a state nobody can trust.
 */

type Log = (event: Record<string, unknown>) => void

/**
 * @hono/node-server aborts a request's signal with a string when its client goes: the body stream's
 * error as text, or this sentence. A promise that rejects with the signal's reason carries it.
 */
const honoAbortReasons = new Set(['Error: aborted', 'Client connection prematurely closed.'])

/** Whether the reason is the client's leaving, not the gateway's fault. */
export function isClientAbort(reason: unknown): boolean {
  if (typeof reason === 'string') return honoAbortReasons.has(reason) || reason.includes('ECONNRESET')
  if (!(reason instanceof Error)) return false
  const code = (reason as Error & { code?: unknown }).code
  return reason.message === 'aborted' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE'
}

export function handleUnhandledRejection(reason: unknown, log: Log, exit: (code: number) => void): void {
  const message = reason instanceof Error ? reason.message : String(reason)
  if (isClientAbort(reason)) {
    log({ event: 'client_aborted', message })
    return
  }
  log({ event: 'unhandled_rejection', message, stack: reason instanceof Error ? reason.stack : undefined })
  exit(1)
}

/** Installs the rule for this process. */
export function survivingClientAborts(log: Log): void {
  process.on('unhandledRejection', (reason) => handleUnhandledRejection(reason, log, (code) => process.exit(code)))
}
