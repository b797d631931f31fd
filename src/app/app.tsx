import { QueryClientProvider, onlineManager } from '@tanstack/react-query'
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client'
import { useEffect, useLayoutEffect, useState } from 'react'
import { createQueryClient } from '@/lib/api/query-client'
import { installProviderPolicy, installRequestContext } from '@/lib/api/request'
import { fetchBillingStatus } from '@/lib/availability/billing-status-query'
import { createResilienceRuntime } from '@/lib/resilience/runtime'
import { ResilienceProvider } from '@/lib/resilience/runtime-context'
import { onSessionChangeElsewhere } from '@/lib/session/local-data'
import { sessionQueries } from '@/lib/session/session-queries'
import { useLocale } from '@/lib/i18n/locale-store'
import { cacheBuster, createCachePersister, maxAgeMs, shouldPersistQuery } from '@/lib/persistence/persisted-cache'
import { AppRouter } from './router'

/** Everything the app needs, created once per mount (tests mount a fresh one each time). */
export function App({ initialPath }: { initialPath?: string } = {}) {
  // Created with the app. Nothing here may touch the world outside: in development React calls a
  // state initialiser twice and keeps one result, so a side effect in it would bind the request
  // layer to the runtime it throws away (issue 19: under `npm start` the breakers opened in that
  // one, and edits never paused).
  const [runtime] = useState(() =>
    createResilienceRuntime({
      fetchStatus: fetchBillingStatus,
      storage: browserStorage(),
      online: () => onlineManager.isOnline(),
    }),
  )
  const [queryClient] = useState(createQueryClient)
  // Layout effects run before any passive effect, so before the first page's queries fetch: they
  // go through this runtime's policy. The signed-in layout keeps the account id up to date.
  useLayoutEffect(() => {
    if (!__RESILIENCE__) return
    installProviderPolicy(runtime.runProviderCall)
    return () => installProviderPolicy(null)
  }, [runtime])
  useLayoutEffect(() => {
    // The server says this tab's session is not what it shows: ask who is signed in again. The
    // signed-in layout then sends the admin to sign in (and forgets the data), or shows the account
    // the session is on now.
    installRequestContext({
      onSessionChanged: () =>
        void queryClient.invalidateQueries({ queryKey: sessionQueries.me().queryKey, refetchType: 'all' }),
    })
    return () => installRequestContext({ onSessionChanged: () => undefined })
  }, [queryClient])
  // Another tab signed out, in, or switched account: this one learns it within a second.
  useEffect(
    () =>
      onSessionChangeElsewhere(
        () => void queryClient.invalidateQueries({ queryKey: sessionQueries.me().queryKey, refetchType: 'all' }),
      ),
    [queryClient],
  )
  const [cachePersistence] = useState(createCachePersister)
  useEffect(() => {
    cachePersistence.open()
    return cachePersistence.close
  }, [cachePersistence])
  // Polls the health report from the start, alongside "who am I", so pages know it before they ask the provider.
  useEffect(() => runtime.start(), [runtime])
  const locale = useLocale()
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])
  if (!__RESILIENCE__) {
    // Bench-only baseline build (vite.config.ts): nothing saved in the browser, nothing restored.
    return (
      <QueryClientProvider client={queryClient}>
        <ResilienceProvider runtime={runtime}>
          <AppRouter initialPath={initialPath} />
        </ResilienceProvider>
      </QueryClientProvider>
    )
  }
  return (
    <PersistQueryClientProvider
      client={queryClient}
      persistOptions={{
        persister: cachePersistence.persister,
        maxAge: maxAgeMs,
        buster: cacheBuster,
        dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery },
      }}
      // Saved data is shown at once but never trusted as fresh: each page checks it on load, which
      // is also how a reload learns of an outage (and then says "as of").
      onSuccess={() => queryClient.invalidateQueries({ refetchType: 'none' })}
    >
      <ResilienceProvider runtime={runtime}>
        <AppRouter initialPath={initialPath} />
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
