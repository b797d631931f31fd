import { useMutation, useQueryClient } from '@tanstack/react-query'
import { subscriptionQueries } from '@/billing/api/get-subscription'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { renewalInputSchema, type RenewalInput } from '@/lib/api/schemas'
import { sessionQueries } from '@/lib/session/session-queries'

/** A full replace of one setting: safe to repeat, so it goes without an idempotency key. */
export const setRenewal = (input: RenewalInput, account: string) =>
  callApi(endpoints.setRenewal, { body: renewalInputSchema.parse(input), account })

/** `account`: the one the subscription was shown for; the change is made there or nowhere. */
export function useSetRenewal(account: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: RenewalInput) => setRenewal(input, account),
    // The answer is the subscription as the provider now holds it: shown at once, while the tab is
    // still on that account.
    onSuccess: (subscription) => {
      if (queryClient.getQueryData(sessionQueries.me().queryKey)?.account.id === account)
        queryClient.setQueryData(subscriptionQueries.detail().queryKey, subscription)
    },
  })
}
