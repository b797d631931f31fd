import { useMutation, useQueryClient } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { SignInInput } from '@/lib/api/schemas'
import { enterCacheScope, forgetCache, scopeOf } from '@/lib/persistence/cache-scope'
import { sessionQueries } from '@/lib/session/session-queries'

/**
 * Signing in, out, or into another account starts from an empty cache: nothing of one user or
 * account may show under another.
 */
export function useSignIn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: SignInInput) => callApi(endpoints.signIn, { body: input }),
    onSuccess: (me) => {
      enterCacheScope(scopeOf(me.user.id, me.account.id))
      queryClient.clear()
      queryClient.setQueryData(sessionQueries.me().queryKey, me)
    },
  })
}

export function useSignOut() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => callApi(endpoints.signOut),
    onSettled: () => {
      forgetCache()
      queryClient.clear()
    },
  })
}

export function useSwitchAccount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (accountId: string) => callApi(endpoints.switchAccount, { body: { accountId } }),
    onSuccess: (me) => {
      enterCacheScope(scopeOf(me.user.id, me.account.id))
      queryClient.clear()
      queryClient.setQueryData(sessionQueries.me().queryKey, me)
    },
  })
}
