/**
 * Zuora's OAuth client credentials: `POST /oauth/token`, form-encoded. Zuora limits token requests
 * (100 a minute per IP) and a token lives an hour (`expires_in` 3599), so the gateway keeps one
 * token per environment, refreshes it ahead of expiry, never has two refreshes in flight, and on a
 * 401 refreshes once (a burst of 401s with a fresh token was itself a Zuora outage in 2019: the
 * caller reports that as `auth`, not as a reason to hammer the token endpoint).
 */
import type { Clock, HttpClient } from '../ports'
import { ZuoraCallError } from './errors'

export type OAuthConfig = {
  baseUrl: string
  clientId: string
  clientSecret: string
  /** Refresh this long before the token expires. */
  refreshAheadMs?: number
  /** A token request that takes longer is abandoned. */
  timeoutMs?: number
}

type Token = { value: string; expiresAt: number }

const DEFAULT_REFRESH_AHEAD_MS = 5 * 60_000
const DEFAULT_TIMEOUT_MS = 5_000

export type TokenSource = {
  /** A token valid for a while yet; `forceRefresh` after a 401 with the one we had. */
  token(options?: { forceRefresh?: string }): Promise<string>
  /** For metrics and tests: how many token requests went to Zuora. */
  readonly refreshes: number
}

export function createTokenSource(config: OAuthConfig, http: HttpClient, clock: Clock): TokenSource {
  const refreshAheadMs = config.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS
  let current: Token | null = null
  let inFlight: Promise<Token> | null = null
  let refreshes = 0

  async function fetchToken(): Promise<Token> {
    refreshes += 1
    const requestedAt = clock.now()
    const body = new URLSearchParams({
      client_id: config.clientId,
      client_secret: config.clientSecret,
      grant_type: 'client_credentials',
    })
    let response: Response
    try {
      response = await http(
        new Request(new URL('/oauth/token', config.baseUrl), {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        }),
      )
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError'
      throw new ZuoraCallError(
        timedOut ? 'timeout' : 'network',
        `Zuora's token endpoint did not answer: ${String(error)}`,
      )
    }
    if (response.status === 401 || response.status === 400 || response.status === 403) {
      throw new ZuoraCallError('auth', `Zuora refused the client credentials (${response.status}).`, {
        status: response.status,
      })
    }
    if (!response.ok) {
      throw new ZuoraCallError(
        response.status === 429 ? 'shed' : 'unavailable',
        `Zuora's token endpoint answered ${response.status}.`,
        {
          status: response.status,
        },
      )
    }
    let parsed: unknown
    try {
      parsed = await response.json()
    } catch {
      throw new ZuoraCallError('malformed', "Zuora's token answer is not JSON.")
    }
    const { access_token: value, expires_in: expiresIn } = (parsed ?? {}) as Record<string, unknown>
    if (typeof value !== 'string' || value === '' || typeof expiresIn !== 'number' || expiresIn <= 0) {
      throw new ZuoraCallError('malformed', "Zuora's token answer has no access_token or expires_in.")
    }
    // Counted from when we asked, not when it arrived: the token's clock started at Zuora first.
    return { value, expiresAt: requestedAt + expiresIn * 1000 }
  }

  function refresh(): Promise<Token> {
    inFlight ??= fetchToken().then(
      (token) => {
        current = token
        inFlight = null
        return token
      },
      (error: unknown) => {
        inFlight = null
        throw error
      },
    )
    return inFlight
  }

  return {
    async token(options = {}) {
      const stale = options.forceRefresh !== undefined && current?.value === options.forceRefresh
      if (current && !stale && clock.now() < current.expiresAt - refreshAheadMs) return current.value
      // A token still valid but due for refresh keeps serving if the refresh fails.
      if (current && !stale && clock.now() < current.expiresAt) {
        void refresh().catch(() => undefined)
        return current.value
      }
      return (await refresh()).value
    },
    get refreshes() {
      return refreshes
    },
  }
}
