import { QueryClient } from '@tanstack/react-query'

/**
 * Retries are not React Query's job here: provider-backed calls are retried (reads only) by the
 * provider policy, which also knows about the breaker; own endpoints are polled or refetched.
 */
export function createQueryClient(): QueryClient {
  // Bench-only baseline build (vite.config.ts): TanStack's defaults (3 retries, 5 min gcTime...).
  if (!__RESILIENCE__) return new QueryClient()
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: false,
        staleTime: 30_000,
        // Kept long so that a page can be shown from saved data during a long outage.
        gcTime: 24 * 60 * 60_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  })
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** false: never save this query in the browser (see lib/persistence/persisted-cache.ts). */
      persist?: boolean
    }
  }
}
