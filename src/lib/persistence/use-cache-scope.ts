import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { Me } from '@/lib/api/schemas'
import { sessionQueries } from '@/lib/session/session-queries'
import { enterCacheScope, scopeOf } from './cache-scope'

/**
 * The server says who is signed in; if that is not whom the saved cache belongs to (a session
 * changed elsewhere), drop everything but `me` and load afresh.
 */
export function useCacheScope(me: Me): void {
  const queryClient = useQueryClient()
  const scope = scopeOf(me.user.id, me.account.id)
  useEffect(() => {
    if (enterCacheScope(scope)) {
      queryClient.removeQueries({ predicate: (query) => query.queryHash !== JSON.stringify(sessionQueries.me().queryKey) })
    }
  }, [scope, queryClient])
}
