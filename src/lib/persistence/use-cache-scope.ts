import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { Me } from '@/lib/api/schemas'
import { sessionQueries } from '@/lib/session/session-queries'
import { enterCacheScope, scopeOf } from './cache-scope'
import { setTabCacheScope } from './persisted-cache'

/**
 * Whose data each app's query cache was last confirmed to hold. The browser's saved scope is not
 * enough: when another tab switches account, it moves that scope before this tab hears of it, yet
 * this tab's memory still holds the old account's pages (an invoice list no page shows any more),
 * which its next write would save under the new account (docs/decisions/028).
 */
const heldScope = new WeakMap<QueryClient, string>()

/**
 * The server says who is signed in; if that is not whom the saved cache, or this tab's memory,
 * belongs to (a session changed elsewhere), drop everything but `me` and load afresh.
 */
export function useCacheScope(me: Me, confirmed: boolean): void {
  const queryClient = useQueryClient()
  const scope = scopeOf(me.user.id, me.account.id)
  useEffect(() => {
    // Until the server confirms who this is, nothing is written: a tab holding user A's pages must
    // never save them under user B's name (or at all, once A has signed out elsewhere).
    if (!confirmed) return setTabCacheScope(null)
    const savedWasAnothers = enterCacheScope(scope)
    const held = heldScope.get(queryClient)
    heldScope.set(queryClient, scope)
    if (savedWasAnothers || (held !== undefined && held !== scope)) {
      // Another user's or account's data: gone. What is on screen starts over and loads afresh
      // (removing a query a page still observes would leave that page waiting for nothing). A query
      // with no data yet is left alone: after a switch made in this tab (the cache was cleared) it is
      // the new account's first request, already on its way.
      const notMe = (query: Query) => query.queryHash !== JSON.stringify(sessionQueries.me().queryKey)
      queryClient.removeQueries({ type: 'inactive', predicate: notMe })
      void queryClient.resetQueries({
        type: 'active',
        predicate: (query) => notMe(query) && query.state.data !== undefined,
      })
    }
    setTabCacheScope(scope)
    return () => setTabCacheScope(null)
  }, [scope, confirmed, queryClient])
}
