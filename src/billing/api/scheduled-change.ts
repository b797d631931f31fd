import { useMutation, useQueryClient } from '@tanstack/react-query'
import { endpoints } from '@/lib/api/contract'
import { callApi } from '@/lib/api/request'
import { scheduledChangeInputSchema, type ScheduledChangeInput, type Subscription } from '@/lib/api/schemas'
import { sessionQueries } from '@/lib/session/session-queries'
import { subscriptionQueries } from './get-subscription'

/** A full replace of what the next term starts with: safe to repeat, so no idempotency key. */
export const scheduleChange = (input: ScheduledChangeInput, account: string) =>
  callApi(endpoints.scheduleChange, { body: scheduledChangeInputSchema.parse(input), account })

export const withdrawScheduledChange = (account: string) => callApi(endpoints.withdrawScheduledChange, { account })

/**
 * `account`: the one the subscription was shown for; the change is made there or nowhere. The
 * answer is the subscription as the provider now holds it, shown at once while the tab is still on
 * that account.
 */
function useNextTermMutation<Input>(account: string, send: (input: Input) => Promise<Subscription>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: (subscription) => {
      if (queryClient.getQueryData(sessionQueries.me().queryKey)?.account.id === account)
        queryClient.setQueryData(subscriptionQueries.detail().queryKey, subscription)
    },
  })
}

export const useScheduleChange = (account: string) =>
  useNextTermMutation(account, (input: ScheduledChangeInput) => scheduleChange(input, account))

export const useWithdrawScheduledChange = (account: string) =>
  useNextTermMutation(account, () => withdrawScheduledChange(account))
