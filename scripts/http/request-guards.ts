/**
 * What the scripts' own servers (the Zuora simulator over HTTP: scripts/zuora-sim.ts; the fault
 * proxy's control port: scripts/fault-proxy.ts) check before they answer, kept apart from the serving:
 * the refusal a client gets for its own mistake (ControlError, a 4xx), the origins allowed to use
 * the control endpoints, and the Host header and request target every request must pass.
 */
import type { IncomingMessage } from 'node:http'

/** A request refused with a 4xx and an apiErrorSchema-shaped body: the client's mistake, not the server's. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'control',
  ) {
    super(message)
  }
}

export const badRequest = (message: string) => new ControlError(400, message, 'bad_request')

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]']
const wildcardHosts = ['0.0.0.0', '::', '']

/** `host` as it is written in a URL (IPv6 in brackets). */
export const urlHost = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)

/**
 * The origins pages of this server have: its own, and on a loopback (or every) address the other
 * loopback names of the same port. Never derived from the Host header, which a DNS-rebinding
 * page controls.
 */
export function ownOrigins(host: string, port: number): Set<string> {
  const own = new Set([`http://${urlHost(host)}:${port}`])
  if (loopbackHosts.includes(urlHost(host)) || wildcardHosts.includes(host)) {
    for (const name of loopbackHosts) own.add(`http://${name}:${port}`)
  }
  return own
}

/** Throws 403 unless the request comes from one of `own` or from no page at all (curl, a bench). */
export function refuseCrossSite(request: IncomingMessage, own: Set<string>): void {
  const origin = request.headers.origin
  if (origin !== undefined) {
    if (!own.has(origin))
      throw new ControlError(
        403,
        `Control requests from ${origin.slice(0, 200)} are refused: only this server's own pages or clients without an Origin may use them.`,
      )
    return
  }
  const site = request.headers['sec-fetch-site']
  if (site === 'cross-site' || site === 'same-site')
    throw new ControlError(403, 'Control requests from another site are refused.')
}

/**
 * A Host header must at least be a host name (and port): it plays no part in answering (see
 * requestUrl), but one that is not a host at all is a broken or hostile client. Any name is fine
 * (the server may be reached by a LAN address), and HTTP/1.0 may send none.
 */
export function checkHost(value: string | undefined): void {
  if (value === undefined) return
  let parsed: URL | null
  try {
    parsed = value.length > 0 && value.length <= 300 ? new URL(`http://${value}`) : null
  } catch {
    parsed = null
  }
  if (
    !parsed ||
    parsed.hostname !== value.toLowerCase().replace(/:\d+$/, '') ||
    parsed.username !== '' ||
    parsed.password !== ''
  )
    throw badRequest('The Host header is not a host name.')
}

/**
 * The request target as a URL on this server's own origin (the Host header plays no part). Only
 * an origin-form target (`/path?query`) whose path decodes is accepted; anything else is a 400.
 */
export function requestUrl(target: string | undefined, origin: string): URL {
  if (!target?.startsWith('/')) throw badRequest('The request target must be a path.')
  let url: URL
  try {
    // Appended, not resolved: `//elsewhere/x` is a path here, not another host.
    url = new URL(`${origin}${target}`)
  } catch {
    throw badRequest('The request target is not a valid URL.')
  }
  try {
    decodeURIComponent(url.pathname)
  } catch {
    throw badRequest('The path is not valid percent-encoding.')
  }
  return url
}
