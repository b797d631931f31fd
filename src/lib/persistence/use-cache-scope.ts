import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { Me } from '@/lib/api/schemas'
import { sessionQueries } from '@/lib/session/session-queries'
import { enterCacheScope, scopeOf } from './cache-scope'
import { setTabCacheScope } from './persisted-cache'

/**
 * The server says who is signed in; if that is not whom the saved cache belongs to (a session
 * changed elsewhere), drop everything but `me` and load afresh.
 */
export function useCacheScope(me: Me, confirmed: boolean): void {
  const queryClient = useQueryClient()
  const scope = scopeOf(me.user.id, me.account.id)
  useEffect(() => {
    // Until the server confirms who this is, nothing is written: a tab holding user A's pages must
    // never save them under user B's name (or at all, once A has signed out elsewhere).
    if (!confirmed) return setTabCacheScope(null)
    if (enterCacheScope(scope)) {
      // Another user's or account's data: gone. What is on screen starts over and loads afresh
      // (removing a query a page still observes would leave that page waiting for nothing).
      const notMe = (query: { queryHash: string }) => query.queryHash !== JSON.stringify(sessionQueries.me().queryKey)
      queryClient.removeQueries({ type: 'inactive', predicate: notMe })
      void queryClient.resetQueries({ type: 'active', predicate: notMe })
    }
    setTabCacheScope(scope)
    return () => setTabCacheScope(null)
  }, [scope, confirmed, queryClient])
}
