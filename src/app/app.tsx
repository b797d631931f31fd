import { QueryClientProvider } from '@tanstack/react-query'
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client'
import { useEffect, useState } from 'react'
import { RouterProvider } from 'react-router-dom'
import { createQueryClient } from '@/lib/api/query-client'
import { installProviderPolicy } from '@/lib/api/request'
import { fetchBillingStatus } from '@/lib/availability/billing-status-query'
import { createResilienceRuntime } from '@/lib/resilience/runtime'
import { ResilienceProvider } from '@/lib/resilience/runtime-context'
import { useLocale } from '@/lib/i18n/locale-store'
import { cacheBuster, createCachePersister, maxAgeMs, shouldPersistQuery } from '@/lib/persistence/persisted-cache'
import { createAppRouter } from './router'

/** Everything the app needs, created once per mount (tests mount a fresh one each time). */
export function App({ initialPath }: { initialPath?: string } = {}) {
  const [queryClient] = useState(createQueryClient)
  // Created with the app, before anything renders: the first page's queries already go through it.
  const [runtime] = useState(() => {
    const created = createResilienceRuntime({ fetchStatus: fetchBillingStatus, storage: browserStorage() })
    if (__RESILIENCE__) installProviderPolicy(created.runProviderCall)
    return created
  })
  const [cachePersistence] = useState(createCachePersister)
  useEffect(() => {
    cachePersistence.open()
    return cachePersistence.close
  }, [cachePersistence])
  const [router] = useState(() => createAppRouter(initialPath))
  const locale = useLocale()
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])
  if (!__RESILIENCE__) {
    // Bench-only baseline build (vite.config.ts): nothing saved in the browser, nothing restored.
    return (
      <QueryClientProvider client={queryClient}>
        <ResilienceProvider runtime={runtime}>
          <RouterProvider router={router} />
        </ResilienceProvider>
      </QueryClientProvider>
    )
  }
  return (
    <PersistQueryClientProvider
      client={queryClient}
      persistOptions={{ persister: cachePersistence.persister, maxAge: maxAgeMs, buster: cacheBuster, dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery } }}
      // Saved data is shown at once but never trusted as fresh: each page checks it on load, which
      // is also how a reload learns of an outage (and then says "as of").
      onSuccess={() => queryClient.invalidateQueries({ refetchType: 'none' })}
    >
      <ResilienceProvider runtime={runtime}>
        <RouterProvider router={router} />
      </ResilienceProvider>
    </PersistQueryClientProvider>
  )
}

/** localStorage, or none where the browser blocks it (cookies blocked, some private modes). */
function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined
  }
}
