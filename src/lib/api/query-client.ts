import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { isSignedOut } from './errors'
import { capabilityOfQuery } from './query-capability'
import { providerStaleMs } from '@/config/resilience'
import { sessionQueries } from '@/lib/session/session-queries'


/**
 * Retries are not React Query's job here: provider-backed calls are retried (reads only) by the
 * provider policy, which also knows about the breaker; own endpoints are polled or refetched.
 */
export function createQueryClient(): QueryClient {
  // Bench-only baseline build (vite.config.ts): TanStack's defaults (3 retries, 5 min gcTime...).
  if (!__RESILIENCE__) return new QueryClient()
  // A 401 anywhere is a session that ended, whatever billing is doing: ask "who am I" again, which
  // sends the admin to sign in (signed-in-layout.tsx) instead of showing "billing unavailable".
  const onError = (error: unknown) => {
    if (isSignedOut(error)) void client.invalidateQueries({ queryKey: sessionQueries.me().queryKey, refetchType: 'all' })
  }
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => query.queryKey[0] !== 'session' && onError(error) }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: false,
        // Provider-backed data is checked again on every page view (after a few seconds): that
        // background refetch is how the admin's next click finds an outage the report has not
        // announced, instead of 30 s later. The vendor's own data changes rarely.
        staleTime: (query) => (capabilityOfQuery(query.queryKey) === null ? 30_000 : providerStaleMs),
        // Kept long so that a page can be shown from saved data during a long outage.
        gcTime: 24 * 60 * 60_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  })
  return client
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** false: never save this query in the browser (see lib/persistence/persisted-cache.ts). */
      persist?: boolean
    }
  }
}
