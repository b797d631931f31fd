import { server } from '../../mocks/node'

export type LoggedRequest = {
  method: string
  path: string
  /** The query string's parameters. */
  query: URLSearchParams
  headers: Headers
  /** When it left the app (performance.now(), ms): still true when a test fakes Date. */
  at: number
}

/** Every request the app sends from now on, as the server saw it, to assert what was (not) sent. */
export function logRequests(): LoggedRequest[] {
  const log: LoggedRequest[] = []
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url)
    log.push({
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      at: performance.now(),
    })
  })
  return log
}
