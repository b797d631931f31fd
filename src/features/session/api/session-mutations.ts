import { useMutation, useQueryClient } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import type { SignInInput } from '@/lib/api/schemas'
import { enterCacheScope, scopeOf } from '@/lib/persistence/cache-scope'
import { useResilience } from '@/lib/resilience/runtime-context'
import { announceSessionChange, forgetLocalData } from '@/lib/session/local-data'
import { forgetSwitchHere, noteSwitchedHere } from '@/lib/session/account-switch-origin'
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
      announceSessionChange()
    },
  })
}

/**
 * Signing out forgets this browser's copy of the user's data at once, before the server is even
 * asked: offline, or with the API down, nothing of theirs stays on the screen or in storage. The
 * other tabs hear of it within a second and do the same.
 */
export function useSignOut() {
  const queryClient = useQueryClient()
  const runtime = useResilience()
  return useMutation({
    mutationFn: () => callApi(endpoints.signOut),
    onMutate: () => {
      forgetLocalData()
      runtime.reset()
      queryClient.clear()
      announceSessionChange()
    },
    // Again once the server has ended the session: a tab that asked "who am I" in between still
    // heard "signed in".
    onSettled: () => announceSessionChange(),
  })
}

export function useSwitchAccount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (accountId: string) => callApi(endpoints.switchAccount, { body: { accountId } }),
    // Noted before it is sent: a request of this tab that the server refuses meanwhile (409, the
    // session is on the new account already) makes the frame see the new account before this answer.
    onMutate: (accountId) => noteSwitchedHere(accountId),
    onError: () => forgetSwitchHere(),
    onSuccess: (me) => {
      enterCacheScope(scopeOf(me.user.id, me.account.id))
      queryClient.clear()
      queryClient.setQueryData(sessionQueries.me().queryKey, me)
      announceSessionChange()
    },
  })
}
