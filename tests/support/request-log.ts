import { server } from '../../mocks/node'

export type LoggedRequest = {
  method: string
  path: string
  headers: Headers
  /** When it left the app (performance.now(), ms): still true when a test fakes Date. */
  at: number
}

/** Every request the app sends from now on, as the server saw it, to assert what was (not) sent. */
export function logRequests(): LoggedRequest[] {
  const log: LoggedRequest[] = []
  server.events.on('request:start', ({ request }) => {
    log.push({ method: request.method, path: new URL(request.url).pathname, headers: request.headers, at: performance.now() })
  })
  return log
}
