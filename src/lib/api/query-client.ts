import { QueryClient } from '@tanstack/react-query'
import { providerStaleMs } from '@/config/resilience'
import { createProviderCopyAwareCache } from './provider-copy'
import { capabilityOfQuery } from './query-roots'

/**
 * Retries are not React Query's job here: provider-backed calls are retried (reads only) by the
 * provider policy, which also knows about the breaker; own endpoints are polled or refetched.
 */
export function createQueryClient(): QueryClient {
  // Bench-only baseline build (vite.config.ts): TanStack's defaults (3 retries, 5 min gcTime...).
  if (!__RESILIENCE__) return new QueryClient()
  // A 401, or an account changed in another tab, is handled for every call in request.ts.
  return new QueryClient({
    // An answer from the server's copy is dated and shown as a saved copy (docs/decisions/026).
    queryCache: createProviderCopyAwareCache(),
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
}
